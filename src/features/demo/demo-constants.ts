/** The local authority districts of the Kent Police area: the 12 Kent districts and Medway. */
export const KENT_POLICE_DISTRICTS = [
  'E07000105',
  'E07000106',
  'E07000107',
  'E07000108',
  'E07000109',
  'E07000110',
  'E07000111',
  'E07000112',
  'E07000113',
  'E07000114',
  'E07000115',
  'E07000116',
  'E06000035',
] as const;
