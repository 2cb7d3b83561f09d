/**
 * Typed URL builders, shared by routes (as patterns) and templates (as links). Each feature keeps its
 * own in `<feature>-paths.ts` and hands them to templates through its feature.ts; what is here is
 * the platform's own (assets, health), the id() helper they all use, and the features not yet moved.
 */
/** A record id, or a route parameter such as ':id' when building the route pattern itself. */
export type Id = number | `:${string}`;
/** A path segment: a route parameter (':id') as it is, anything else encoded. */
export const id = (value: Id | string): string =>
  typeof value === 'string' && value.startsWith(':') ? value : encodeURIComponent(String(value));

export const paths = {
  imports: {
    list: () => '/imports',
    create: () => '/imports/new',
    geography: () => '/imports/geography',
    show: (importId: Id) => `/imports/${id(importId)}`,
    status: (importId: Id) => `/imports/${id(importId)}/status`,
  },
  serviceUsage: {
    list: () => '/service-usage',
    upload: () => '/service-usage/upload',
    mapping: (uploadId: string) => `/service-usage/uploads/${id(uploadId)}`,
    show: (datasetId: Id) => `/service-usage/${id(datasetId)}`,
    remove: (datasetId: Id) => `/service-usage/${id(datasetId)}/delete`,
  },
  assets: (file: string) => `/assets/${file}`,
  health: {
    live: () => '/health/live',
    ready: () => '/health/ready',
  },
} as const;

/** Route patterns for Fastify, derived from the same builders so the two cannot drift. */
export const routes = {
  importShow: paths.imports.show(':id'),
  importStatus: paths.imports.status(':id'),
  serviceUsageMapping: paths.serviceUsage.mapping(':uploadId'),
  serviceUsageShow: paths.serviceUsage.show(':id'),
  serviceUsageDelete: paths.serviceUsage.remove(':id'),
} as const;
