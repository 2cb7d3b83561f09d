import path from 'node:path';

/** The kinds of geography file, as the command line and geo_imports name them. */
export const GEOGRAPHY_KINDS = ['lsoas-imd', 'lsoas-crime-domain', 'population', 'rural-urban', 'lsoa-boundaries', 'wards'] as const;
export type GeographyKind = (typeof GEOGRAPHY_KINDS)[number];

/** A local authority district code (E06 to E09 in England, W06 in Wales), like E07000110. */
const DISTRICT = '[EW]0[6-9]\\d{6}';
export const DISTRICT_CODE = new RegExp(`^${DISTRICT}$`);
export const LSOA_CODE = /^[EW]01\d{6}$/;
export const WARD_CODE = /^[EW]05\d{6}$/;
/** Any area code: population files also list Scottish data zones and Northern Irish small areas. */
export const ANY_AREA_CODE = /^[A-Za-z0-9]{1,12}$/;

/** A file that cannot be imported at all: missing, unreadable, or not the kind of file expected. */
export class GeographyFileError extends Error {}

/** A district code, then .json, .geojson or .topojson, after an optional topo_ (E07000110.json, topo_E07000110.json). */
const BOUNDARY_FILE_NAME = new RegExp(`^(?:topo_)?(${DISTRICT})\\.(?:geo|topo)?json$`, 'i');

/** The district a boundary file is for, from a name like E07000110.json or topo_E07000110.json. */
export function districtFromFileName(file: string): string | null {
  const match = BOUNDARY_FILE_NAME.exec(path.basename(file));
  return match ? match[1]!.toUpperCase() : null;
}
