import { z } from 'zod';

/**
 * A plan as it stood at a refresh, stored as JSON in plan_versions.snapshot by snapshotOf() in
 * plan-repository.ts and read back through this schema, so a snapshot that is not in this shape is
 * an error that says which version and which field, never a page built from whatever was stored.
 */
const planSnapshotSchema = z.object({
  plan: z.object({
    title: z.string(),
    starts_year: z.number().int(),
    ends_year: z.number().int(),
    vision: z.string(),
    status: z.string(),
    adopted_on: z.string().nullable(),
  }),
  sections: z.array(z.object({ id: z.number().int(), heading: z.string(), body: z.string(), position: z.number().int() })),
  priorities: z.array(
    z.object({
      id: z.number().int(),
      title: z.string(),
      why_it_matters: z.string(),
      objective: z.string(),
      focus: z.string(),
      first_year: z.string(),
      position: z.number().int(),
    }),
  ),
  themes: z.array(z.object({ id: z.number().int(), title: z.string(), description: z.string(), position: z.number().int() })),
  alignments: z.array(
    z.object({ priority_id: z.number().int(), external_priority_id: z.number().int(), external_title: z.string(), source: z.string() }),
  ),
});

export type PlanSnapshot = z.infer<typeof planSnapshotSchema>;

/** The stored snapshot of a plan's version, checked; `where` names the version in the error. */
export function parseSnapshot(stored: unknown, where: string): PlanSnapshot {
  const result = planSnapshotSchema.safeParse(stored);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`The stored snapshot of ${where} is not a plan: ${issue.path.join('.') || 'the whole snapshot'}: ${issue.message}`);
}
