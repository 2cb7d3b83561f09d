/** The home page. Templates write it as `paths.home()`. */
export const homePaths = {
  home: () => '/',
} as const;
