/**
 * The synthetic one-stop-shop visits of the demo (open-data/synthetic/one-stop-shop-visits.csv):
 * made up, with no real people in it, but shaped like the real thing. Visits to Maidstone's
 * one-stop shop from March 2017 to February 2019, 250 to 400 a month with a winter peak; open
 * Monday to Friday 9am to 5pm (busiest late morning and mid-afternoon) and Saturday mornings,
 * closed on Sundays and bank holidays; each visitor's home area is a real Maidstone LSOA, town
 * LSOAs near the centre sending far more visitors than rural villages. Domestic abuse support
 * rises from September 2018 (as after an awareness campaign), so its indicator has a signal to
 * show. Three lines are deliberately wrong, to show how rejected lines are reported.
 *
 * Deterministic: the same open data and seed give the same file, byte for byte.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { splitCsvLine } from '../../platform/csv.ts';
import { seededRandom } from '../../platform/random.ts';

export { seededRandom };

export const SYNTHETIC_VISITS_FILE = 'synthetic/one-stop-shop-visits.csv';
export const SYNTHETIC_VISITS_SEED = 20170301;
export const SYNTHETIC_VISITS_HEADER = ['Visit date', 'Visit time', 'Service', 'Home LSOA'] as const;

/**
 * A Maidstone LSOA: its code, 2011 rural-urban class (C1 urban city and town, D1 rural town and
 * fringe, E1 rural village) and rough centre.
 */
export interface HomeArea {
  code: string;
  ruralUrban: string;
  lon: number;
  lat: number;
}

export const SERVICES = [
  ['Housing advice', 28],
  ['Employment and benefits', 22],
  ['Domestic abuse support', 13],
  ['Victim support', 12],
  ['Substance misuse', 12],
  ['Legal advice', 13],
] as const;

/** Bank holidays in England in the period: the one-stop shop is closed. */
const BANK_HOLIDAYS = new Set([
  '2017-04-14',
  '2017-04-17',
  '2017-05-01',
  '2017-05-29',
  '2017-08-28',
  '2017-12-25',
  '2017-12-26',
  '2018-01-01',
  '2018-03-30',
  '2018-04-02',
  '2018-05-07',
  '2018-05-28',
  '2018-08-27',
  '2018-12-25',
  '2018-12-26',
  '2019-01-01',
]);

/** Maidstone town centre (the High Street), where the one-stop shop is. */
const CENTRE = { lon: 0.5225, lat: 51.2727 };
const CLASS_WEIGHT: Record<string, number> = { C1: 3, D1: 1.2, E1: 0.5 };

/** The Maidstone LSOAs of the repository's open data, with their rural-urban class and the mean of their boundary's points. */
export function readHomeAreas(openDataDir: string): HomeArea[] {
  const classes = new Map<string, string>();
  const ruc = readFileSync(path.join(openDataDir, 'rural-urban/ruc_2011.csv'), 'utf8').split(/\r?\n/);
  for (const line of ruc.slice(1)) {
    const f = splitCsvLine(line);
    if (Array.isArray(f) && f[1]?.startsWith('Maidstone ')) classes.set(f[0]!, f[2]!);
  }
  const boundaries = JSON.parse(readFileSync(path.join(openDataDir, 'boundaries/lsoa_by_lad/E07000110.json'), 'utf8')) as {
    features: { properties: { LSOA11CD: string }; geometry: { coordinates: number[][][] } }[];
  };
  return boundaries.features
    .map((f) => {
      const ring = f.geometry.coordinates[0]!;
      const lon = ring.reduce((s, p) => s + p[0]!, 0) / ring.length;
      const lat = ring.reduce((s, p) => s + p[1]!, 0) / ring.length;
      const ruralUrban = classes.get(f.properties.LSOA11CD);
      if (!ruralUrban) throw new Error(`LSOA ${f.properties.LSOA11CD} has no rural-urban class in ruc_2011.csv`);
      return { code: f.properties.LSOA11CD, ruralUrban, lon, lat };
    })
    .sort((a, b) => a.code.localeCompare(b.code));
}

/** Picks from weighted items with one random number. */
function picker<T>(items: readonly (readonly [T, number])[]): (r: number) => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const [, w] of items) cumulative.push((sum += w / total));
  return (r) => {
    const i = cumulative.findIndex((c) => r < c);
    return items[i < 0 ? items.length - 1 : i]![0];
  };
}

/** Distance in kilometres (equirectangular: plenty for a borough). */
function km(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const x = (a.lon - b.lon) * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180)) * 111.32;
  const y = (a.lat - b.lat) * 110.57;
  return Math.hypot(x, y);
}

/** How many visitors an area sends, relatively: by its rural-urban class and how far it is from the town centre. */
export function areaWeight(area: HomeArea): number {
  return (CLASS_WEIGHT[area.ruralUrban] ?? 1) * Math.exp(-km(area, CENTRE) / 7);
}

const WEEKDAY_HOURS = picker([
  [9, 3],
  [10, 5],
  [11, 5],
  [12, 3],
  [13, 4],
  [14, 5],
  [15, 4],
  [16, 3],
] as const);
const SATURDAY_HOURS = picker([
  [9, 2],
  [10, 3],
  [11, 2],
] as const);
/** Relative busyness by day of the week, Sunday first. */
const DAY_WEIGHT = [0, 1.15, 1, 1, 1, 0.9, 0.2];

const pad = (n: number) => String(n).padStart(2, '0');

/** The visits as CSV text (CRLF line ends, as spreadsheet exports write them). */
export function generateVisitsCsv(areas: readonly HomeArea[], seed = SYNTHETIC_VISITS_SEED): string {
  const random = seededRandom(seed);
  const home = picker(areas.map((a) => [a.code, areaWeight(a)] as const));
  const lines: string[] = [SYNTHETIC_VISITS_HEADER.join(',')];
  for (let m = 0; m < 24; m++) {
    const year = 2017 + Math.floor((2 + m) / 12);
    const month = ((2 + m) % 12) + 1;
    // Busier in winter (January), quieter in August; a slow rise over the two years.
    const seasonal = 1 + 0.1 * Math.cos((2 * Math.PI * (month - 1)) / 12) - (month === 8 ? 0.08 : 0);
    const expected = 315 * seasonal * (1 + 0.004 * m);
    // Roughly Poisson: the normal approximation from twelve uniforms.
    let noise = -6;
    for (let i = 0; i < 12; i++) noise += random();
    const count = Math.round(expected + noise * Math.sqrt(expected));
    const days: (readonly [number, number])[] = [];
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    for (let d = 1; d <= daysInMonth; d++) {
      const iso = `${year}-${pad(month)}-${pad(d)}`;
      const weight = BANK_HOLIDAYS.has(iso) ? 0 : DAY_WEIGHT[new Date(Date.UTC(year, month - 1, d)).getUTCDay()]!;
      if (weight > 0) days.push([d, weight]);
    }
    const day = picker(days);
    const domesticAbuseBoost = year > 2018 || (year === 2018 && month >= 9) ? 1.5 : 1;
    const service = picker(SERVICES.map(([s, w]) => [s, s === 'Domestic abuse support' ? w * domesticAbuseBoost : w] as const));
    const visits: { key: number; text: string }[] = [];
    for (let i = 0; i < count; i++) {
      const d = day(random());
      const saturday = new Date(Date.UTC(year, month - 1, d)).getUTCDay() === 6;
      const hour = (saturday ? SATURDAY_HOURS : WEEKDAY_HOURS)(random());
      const minute = Math.floor(random() * 60);
      const what = service(random());
      // About one visitor in fifty gives no address.
      const where = random() < 0.02 ? '' : home(random());
      visits.push({
        key: d * 10000 + hour * 100 + minute,
        text: `${pad(d)}/${pad(month)}/${year},${pad(hour)}:${pad(minute)},${what},${where}`,
      });
    }
    visits.sort((a, b) => a.key - b.key);
    for (const v of visits) lines.push(v.text);
    // The deliberate mistakes, after their month: a date that does not exist, a missing date, and
    // an LSOA's name where its code should be.
    if (m === 4) lines.push(`31/06/2017,11:20,Housing advice,${home(random())}`);
    if (m === 11) lines.push(`,14:45,Legal advice,${home(random())}`);
    if (m === 17) lines.push('14/08/2018,10:05,Victim support,Maidstone 003A');
  }
  return `${lines.join('\r\n')}\r\n`;
}
