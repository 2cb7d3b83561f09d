/** A field an update may change: its name in the audit log, its value before and its value after. */
export type FieldChange = readonly [field: string, from: unknown, to: unknown];

/**
 * What an update changed, for the audit log's details: each field whose value differs, as
 * { from, to }, or just 'changed' for the long text fields named (their words stay out of the log).
 */
export function changedFields(
  fields: readonly FieldChange[],
  longText: readonly string[] = [],
): Record<string, { from: unknown; to: unknown } | 'changed'> {
  return Object.fromEntries(
    fields.filter(([, from, to]) => from !== to).map(([field, from, to]) => [field, longText.includes(field) ? 'changed' : { from, to }]),
  );
}
