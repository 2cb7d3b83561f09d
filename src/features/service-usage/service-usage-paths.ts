import { id, type Id } from '../../platform/paths.ts';

/** The service-usage pages' URLs; templates write `paths.serviceUsage.list()`. */
export const serviceUsagePaths = {
  list: () => '/service-usage',
  upload: () => '/service-usage/upload',
  /** A held upload's mapping page: its id, or ':uploadId' for the route pattern. */
  mapping: (uploadId: string) => `/service-usage/uploads/${id(uploadId)}`,
  show: (datasetId: Id) => `/service-usage/${id(datasetId)}`,
  remove: (datasetId: Id) => `/service-usage/${id(datasetId)}/delete`,
} as const;
