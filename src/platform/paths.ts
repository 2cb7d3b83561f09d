/** Typed URL builders, shared by routes (as patterns) and templates (as links). */
/** A record id, or a route parameter such as ':id' when building the route pattern itself. */
export type Id = number | `:${string}`;
export const id = (value: Id | string): string =>
  typeof value === 'string' && value.startsWith(':') ? value : encodeURIComponent(String(value));

export const paths = {
  home: () => '/',
  signIn: () => '/sign-in',
  signInCode: () => '/sign-in/code',
  signInSetUp: () => '/sign-in/set-up-authenticator',
  signInRecoveryCodes: () => '/sign-in/recovery-codes',
  signOut: () => '/sign-out',
  invitation: (token: string) => `/invitation/${id(token)}`,
  account: {
    show: () => '/account',
    password: () => '/account/password',
    recoveryCodes: () => '/account/recovery-codes',
  },
  admin: {
    agencies: {
      list: () => '/admin/agencies',
      create: () => '/admin/agencies/new',
      edit: (agencyId: Id) => `/admin/agencies/${id(agencyId)}`,
    },
    users: {
      list: () => '/admin/users',
      create: () => '/admin/users/new',
      show: (userId: Id) => `/admin/users/${id(userId)}`,
      edit: (userId: Id) => `/admin/users/${id(userId)}/edit`,
      disable: (userId: Id) => `/admin/users/${id(userId)}/disable`,
      enable: (userId: Id) => `/admin/users/${id(userId)}/enable`,
      resetAuthenticator: (userId: Id) => `/admin/users/${id(userId)}/reset-authenticator`,
      invite: (userId: Id) => `/admin/users/${id(userId)}/invitation`,
    },
    audit: () => '/admin/audit',
  },
  explore: {
    page: () => '/explore',
    csv: () => '/explore/download.csv',
    geojson: () => '/explore/download.geojson',
    outcomesCsv: () => '/explore/outcomes.csv',
    stopSearchCsv: () => '/explore/stop-and-search.csv',
  },
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
} as const;

/** Route patterns for Fastify, derived from the same builders so the two cannot drift. */
export const routes = {
  invitation: paths.invitation(':token'),
  agencyEdit: paths.admin.agencies.edit(':id'),
  userShow: paths.admin.users.show(':id'),
  userEdit: paths.admin.users.edit(':id'),
  userDisable: paths.admin.users.disable(':id'),
  userEnable: paths.admin.users.enable(':id'),
  userResetAuthenticator: paths.admin.users.resetAuthenticator(':id'),
  userInvite: paths.admin.users.invite(':id'),
  importShow: paths.imports.show(':id'),
  importStatus: paths.imports.status(':id'),
  serviceUsageMapping: paths.serviceUsage.mapping(':uploadId'),
  serviceUsageShow: paths.serviceUsage.show(':id'),
  serviceUsageDelete: paths.serviceUsage.remove(':id'),
} as const;
