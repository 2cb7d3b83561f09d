/** The explore page and its downloads (`paths.explore` in templates). */
export const explorePaths = {
  page: () => '/explore',
  csv: () => '/explore/download.csv',
  geojson: () => '/explore/download.geojson',
  outcomesCsv: () => '/explore/outcomes.csv',
  stopSearchCsv: () => '/explore/stop-and-search.csv',
} as const;
