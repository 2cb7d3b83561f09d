import { z } from 'zod';
import { DATE_FORMATS, LOCATION_KINDS } from './service-usage-format.ts';
import type { MappingChoice } from './service-usage-mapping.ts';

/** The name and description typed on the upload page. */
export const datasetFields = z.object({
  name: z
    .string({ error: 'Enter a name for the data' })
    .trim()
    .min(1, 'Enter a name for the data')
    .max(200, 'The name must be 200 characters or fewer'),
  description: z.string().trim().max(2000, 'The description must be 2,000 characters or fewer').catch('').default(''),
});
export type DatasetFields = z.output<typeof datasetFields>;

/** A held upload's id in the URL: 32 hexadecimal characters, or the page does not exist. */
export const uploadIdParams = z.object({ uploadId: z.string().regex(/^[0-9a-f]{32}$/) });

/** A column select's value: a position in the header, or '' for none. Anything else is none too. */
const column = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .nullable()
  .catch(null);

/** The column-mapping form. Unknown or blank choices become null; checkMapping says what is missing. */
export const mappingForm = z.object({
  dateColumn: column,
  timeColumn: column,
  dateFormat: z.enum(DATE_FORMATS).nullable().catch(null),
  serviceColumn: column,
  locationColumn: column,
  locationKind: z.enum(LOCATION_KINDS).nullable().catch(null),
}) satisfies z.ZodType<MappingChoice>;
