import type { PoliceFileKind } from './police-file-load.ts';
import { isStopSearchHeader, parseStopSearchLine, STOP_SEARCH_HEADER, type StopSearchRow } from './police-stop-search-format.ts';

/**
 * How stop-and-search files are stored: each row in police_stop_searches, and the searches counted
 * by place, object of search, outcome and legislation in stop_search_counts ('' when not recorded),
 * which is what explore reads. A place is police.uk's anonymised point, so an area's searches are
 * found by its boundaries whenever they are loaded, before or after the searches.
 */
export const stopSearchFiles: PoliceFileKind<StopSearchRow> = {
  kind: 'stop-and-search',
  label: 'stop-and-search',
  header: STOP_SEARCH_HEADER,
  isHeader: isStopSearchHeader,
  parse: parseStopSearchLine,
  monthOf: (row) => row.month,
  monthName: "the date's month",
  rowsTable: 'police_stop_searches',
  rowColumns: [
    'search_type',
    'searched_at',
    'part_of_operation',
    'operation_name',
    'latitude',
    'longitude',
    'gender',
    'age_range',
    'self_defined_ethnicity',
    'officer_defined_ethnicity',
    'legislation',
    'object_of_search',
    'outcome',
    'outcome_linked_to_object',
    'removal_of_more_than_outer_clothing',
  ],
  rowValues: (r) => [
    r.type,
    r.date,
    r.partOfOperation,
    r.operation,
    r.latitude,
    r.longitude,
    r.gender,
    r.ageRange,
    r.selfDefinedEthnicity,
    r.officerDefinedEthnicity,
    r.legislation,
    r.objectOfSearch,
    r.outcome,
    r.outcomeLinkedToObject,
    r.removalOfMoreThanOuterClothing,
  ],
  countsTable: 'stop_search_counts',
  countKeyColumns: ['longitude', 'latitude', 'object_of_search', 'outcome', 'legislation'],
  countKey: (r) => [r.longitude, r.latitude, r.objectOfSearch ?? '', r.outcome ?? '', r.legislation ?? ''],
  countColumn: 'searches',
  keepRejectedLines: false,
};
