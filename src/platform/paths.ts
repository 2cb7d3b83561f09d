/**
 * Typed URL builders, shared by routes (as patterns) and templates (as links). Each feature keeps its
 * own in `<feature>-paths.ts` and hands them to templates through its feature.ts; what is here is
 * the platform's own (assets, health) and the id() helper they all use.
 */
/** A record id, or a route parameter such as ':id' when building the route pattern itself. */
export type Id = number | `:${string}`;
/** A path segment: a route parameter (':id') as it is, anything else encoded. */
export const id = (value: Id | string): string =>
  typeof value === 'string' && value.startsWith(':') ? value : encodeURIComponent(String(value));

export const paths = {
  assets: (file: string) => `/assets/${file}`,
  health: {
    live: () => '/health/live',
    ready: () => '/health/ready',
  },
} as const;
