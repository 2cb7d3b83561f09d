import type { ColumnMapping, StoredMapping } from '../../src/features/service-usage/service-usage-format.ts';

/** The synthetic one-stop-shop visits' columns (Visit date, Visit time, Service, Home LSOA), as a stored mapping names them. */
export const visitsStoredMapping: StoredMapping = {
  dateColumn: 'Visit date',
  timeColumn: 'Visit time',
  dateFormat: 'DD/MM/YYYY',
  serviceColumn: 'Service',
  locationColumn: 'Home LSOA',
  locationKind: 'lsoa',
};

/** A file of two columns, an ISO date (YYYY-MM-DD) then the service: no time, no place. */
export const dateAndServiceMapping: ColumnMapping = {
  dateColumn: 0,
  timeColumn: null,
  dateFormat: 'YYYY-MM-DD',
  serviceColumn: 1,
  locationColumn: null,
  locationKind: null,
};
