import type { AreaRef } from './explore-schemas.ts';
import type { LsoaRow, WardRow } from './explore-repository.ts';

/**
 * The areas a partnership can look at, all made of the LSOAs of its districts: the whole area, a
 * district (when it has more than one), a ward, one LSOA, or its urban or rural LSOAs. Pure functions.
 */

type RuralUrban = 'urban' | 'rural';

export interface AreaLsoa {
  code: string;
  name: string;
  districtCode: string | null;
  districtName: string | null;
  wardCode: string | null;
  ruralUrban: RuralUrban | null;
  population: number | null;
  populationYear: number | null;
}

export interface AreaChoices {
  districts: { code: string; name: string }[];
  wards: { code: string; name: string }[];
  lsoas: AreaLsoa[];
}

export interface ResolvedArea {
  ref: AreaRef;
  /** As a heading says it: "Whole partnership area", "Allington ward", "Maidstone 003A". */
  label: string;
  lsoas: AreaLsoa[];
}

/** Urban or rural from the 2011 rural-urban classification's name ("Urban city and town", "Rural village ..."). */
export function ruralUrban(rucName: string | null): RuralUrban | null {
  const name = rucName?.trim().toLowerCase() ?? '';
  if (name.startsWith('urban')) return 'urban';
  if (name.startsWith('rural')) return 'rural';
  return null;
}

export function areaLsoa(row: LsoaRow): AreaLsoa {
  return {
    code: row.code,
    name: row.name,
    districtCode: row.district_code,
    districtName: row.district_name,
    wardCode: row.ward_code,
    ruralUrban: ruralUrban(row.ruc_name),
    population: row.population,
    populationYear: row.population_year,
  };
}

const byName = (a: { name: string; code: string }, b: { name: string; code: string }) =>
  a.name.localeCompare(b.name, 'en-GB', { numeric: true }) || a.code.localeCompare(b.code);

/** The choices from the LSOAs of the partnership's districts and the names of their wards. */
export function areaChoices(districtCodes: readonly string[], lsoaRows: readonly LsoaRow[], wardRows: readonly WardRow[]): AreaChoices {
  const lsoas = lsoaRows.map(areaLsoa).sort(byName);
  const wardNames = new Map(wardRows.map((w) => [w.code, w.name]));
  const wardCodes = [...new Set(lsoas.flatMap((l) => (l.wardCode ? [l.wardCode] : [])))];
  const districts = districtCodes
    .filter((code) => lsoas.some((l) => l.districtCode === code))
    .map((code) => ({ code, name: lsoas.find((l) => l.districtCode === code && l.districtName)?.districtName ?? code }));
  return {
    districts,
    wards: wardCodes.map((code) => ({ code, name: wardNames.get(code) ?? code })).sort(byName),
    lsoas,
  };
}

/** The area an `area` parameter names, if it is within the partnership's area and has LSOAs; otherwise null. */
export function resolveArea(choices: AreaChoices, ref: AreaRef): ResolvedArea | null {
  const make = (label: string, lsoas: AreaLsoa[]): ResolvedArea | null => (lsoas.length > 0 ? { ref, label, lsoas } : null);
  switch (ref.kind) {
    case 'all':
      return make('Whole partnership area', choices.lsoas);
    case 'urban':
      return make(
        'Urban areas',
        choices.lsoas.filter((l) => l.ruralUrban === 'urban'),
      );
    case 'rural':
      return make(
        'Rural areas',
        choices.lsoas.filter((l) => l.ruralUrban === 'rural'),
      );
    case 'district': {
      const district = choices.districts.find((d) => d.code === ref.code);
      return district
        ? make(
            district.name,
            choices.lsoas.filter((l) => l.districtCode === ref.code),
          )
        : null;
    }
    case 'ward': {
      const ward = choices.wards.find((w) => w.code === ref.code);
      return ward
        ? make(
            `${ward.name} ward`,
            choices.lsoas.filter((l) => l.wardCode === ref.code),
          )
        : null;
    }
    case 'lsoa': {
      const lsoa = choices.lsoas.find((l) => l.code === ref.code);
      return lsoa ? make(lsoa.name, [lsoa]) : null;
    }
  }
}

/** The residents of an area, when every one of its LSOAs has a population figure; otherwise null. */
export function areaPopulation(lsoas: readonly AreaLsoa[]): number | null {
  if (lsoas.length === 0 || lsoas.some((l) => l.population === null)) return null;
  return lsoas.reduce((sum, l) => sum + l.population!, 0);
}
