/** Shapes the GOV.UK Frontend macros take, built in tested code so templates stay simple. */
export interface TableCell {
  text?: string;
  html?: string;
  format?: 'numeric';
}

export interface ChoiceItem {
  value: string;
  text: string;
  checked: boolean;
  hint?: { text: string };
}

export interface SelectItem {
  value: string;
  text: string;
  selected: boolean;
}

/** A row of govukSummaryList, with its Change link where the detail can be changed. */
export interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
  actions?: { items: { href: string; text: string; visuallyHiddenText: string }[] };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** For the few cells that need markup (links, tags): every piece of data in them goes through this. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** A posted or stored form value as the text to put back in a field: strings only, anything else is blank. */
export function fieldText(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** The named form values, posted or stored, as the texts to put back in their fields (fieldText of each). */
export function fieldTexts<Name extends string>(values: Record<string, unknown>, names: readonly Name[]): Record<Name, string> {
  return Object.fromEntries(names.map((name) => [name, fieldText(values[name])])) as Record<Name, string>;
}
