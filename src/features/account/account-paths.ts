/** The signed-in user's own pages (`paths.account` in templates). */
export const accountPaths = {
  show: () => '/account',
  password: () => '/account/password',
  recoveryCodes: () => '/account/recovery-codes',
} as const;
