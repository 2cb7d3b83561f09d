import type { PoliceFileKind } from './police-file-load.ts';
import { isOutcomesHeader, OUTCOMES_HEADER, parseOutcomeLine, type OutcomeRow } from './police-outcomes-format.ts';

/**
 * How outcomes files are stored: each row in police_outcomes, and the outcomes counted by LSOA and
 * outcome type in outcome_counts ('' for crimes with no location), which is what explore reads.
 */
export const outcomesFiles: PoliceFileKind<OutcomeRow> = {
  kind: 'outcomes',
  label: 'outcomes',
  header: OUTCOMES_HEADER,
  isHeader: isOutcomesHeader,
  parse: parseOutcomeLine,
  monthOf: (row) => row.month,
  monthName: 'month',
  rowsTable: 'police_outcomes',
  rowColumns: ['crime_id', 'reported_by', 'falls_within', 'longitude', 'latitude', 'location', 'lsoa_code', 'lsoa_name', 'outcome_type'],
  rowValues: (r) => [r.crimeId, r.reportedBy, r.fallsWithin, r.longitude, r.latitude, r.location, r.lsoaCode, r.lsoaName, r.outcomeType],
  countsTable: 'outcome_counts',
  countKeyColumns: ['lsoa_code', 'outcome_type'],
  countKey: (r) => [r.lsoaCode ?? '', r.outcomeType],
  countColumn: 'outcomes',
  keepRejectedLines: true,
};
