import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql } from 'kysely';
import type { Agent, TestApp, TestPartnership } from '../../../test/helpers/app.ts';
import { decode, textOf } from '../../../test/helpers/page-text.ts';
import { appWithPartnerships, csvDownload, signedIn } from '../../../test/helpers/route-fixtures.ts';
import {
  importKentStreetFiles,
  importSyntheticOtherFiles,
  KENT_STREET_ROWS,
  loadMaidstoneGeography,
  MAIDSTONE,
  setDistrictCodes,
} from './explore-fixtures.ts';

/** The body rows of the table with this data-qa, as text, one array per row; empty when there is no such table. */
function tableRows(html: string, qa: string): string[][] {
  const table = new RegExp(`<table[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  const body = /<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) => textOf(cell[1]!)),
  );
}

/** The links in the table with this data-qa, in order. */
function tableLinks(html: string, qa: string): string[] {
  const table = new RegExp(`<table[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '';
  return [...table.matchAll(/<a class="govuk-link" href="([^"]+)"/g)].map((m) => decode(m[1]!));
}

/** A summary list (the key figures unless named) as key → value. */
function keyFigures(html: string, qa = 'key-figures'): Record<string, string> {
  const list = new RegExp(`<dl[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</dl>`).exec(html)?.[1] ?? '';
  return Object.fromEntries(
    [
      ...list.matchAll(/<dt class="govuk-summary-list__key">([\s\S]*?)<\/dt>\s*<dd class="govuk-summary-list__value">([\s\S]*?)<\/dd>/g),
    ].map((m) => [textOf(m[1]!), textOf(m[2]!)]),
  );
}

function figure(html: string, qa: string): string {
  return new RegExp(`<figure[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</figure>`).exec(html)?.[1] ?? '';
}

function warnings(html: string): string[] {
  const block = /data-qa="completeness-warning">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...block.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]!));
}

const number = (text: string): number => Number(text.replaceAll(',', ''));
const url = (params: Record<string, string | string[]>, base = '/explore'): string => {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) for (const v of [value].flat()) query.append(key, v);
  return `${base}?${query.toString()}`;
};

const VIOLENCE = 'Violence and sexual offences';
// Maidstone's 95 LSOAs in the Kent files, 2018-10 to 2019-02: the numbers `safer query counts` gives.
const MAIDSTONE_BY_MONTH = [1756, 1127, 786, 1588, 1463];
const MAIDSTONE_TOTAL = MAIDSTONE_BY_MONTH.reduce((a, b) => a + b, 0);
// An LSOA of Ashford, the next district: in the police files, outside the test partnership's area.
const ASHFORD = 'E07000105';
const ASHFORD_LSOA = 'E01023987';
const ASHFORD_NAME = 'Ashford 001B <script>alert("x")</script> & Sons';

describe('exploring crime data', () => {
  let t: TestApp;
  let alpha: TestPartnership;
  let bravo: TestPartnership;
  let viewer: Agent;
  let outsider: Agent;
  let whole: string;

  before(async () => {
    [t, alpha, bravo] = await appWithPartnerships(['alpha', 'bravo']);
    await setDistrictCodes(t.database.db, alpha.id, [MAIDSTONE]);
    await loadMaidstoneGeography(t.database.db);
    await t.database.db.bulk((s) =>
      s.query(
        `insert into geo_lsoas (code, name, district_code, district_name, population, ruc_name, ward_code)
         values ($1, $2, $3, 'Ashford', 1500, 'Urban city and town', 'E05004867')`,
        [ASHFORD_LSOA, ASHFORD_NAME, ASHFORD],
      ),
    );
    await importKentStreetFiles(t.database.db);
    await importSyntheticOtherFiles(t.database.db);
    [viewer, outsider] = await signedIn(t, alpha.users.viewer, bravo.users.admin);
    whole = (await viewer.get('/explore')).body;
  });
  after(() => t.close());

  test('the whole area by month gives the same totals as the command line', async () => {
    const res = await viewer.get('/explore');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Explore crime data - Safer alpha Partnership<\/title>/);
    assert.equal(res.body.match(/<h1/g)?.length, 1);
    const months = tableRows(whole, 'by-month');
    assert.deepEqual(
      months.map((r) => [r[0], number(r[1]!)]),
      [
        ['October 2018', 1756],
        ['November 2018', 1127],
        ['December 2018', 786],
        ['January 2019', 1588],
        ['February 2019', 1463],
      ],
    );
    const figures = keyFigures(whole);
    assert.equal(figures['Area'], 'Whole partnership area (95 LSOAs)');
    assert.equal(figures['Months'], 'October 2018 to February 2019');
    assert.equal(figures['Crime types'], 'All types');
    assert.equal(number(figures['Crimes and anti-social behaviour incidents']!), MAIDSTONE_TOTAL);
    const residents = number(figures['Residents']!.replace(/ \(.*\)$/, ''));
    assert.ok(residents > 150_000 && residents < 200_000, String(residents));
    assert.equal(figures['Per 1,000 residents'], ((MAIDSTONE_TOTAL / residents) * 1000).toFixed(1));
    const notCounted = new RegExp(
      '^([\\d,]+) records in Kent Police’s data for these months and types have no location, so they cannot be placed in any area; ' +
        '([\\d,]+) records are placed in LSOAs outside the partnership’s area\\.$',
    ).exec(figures['Not counted'] ?? '');
    assert.ok(notCounted, figures['Not counted']);
    assert.equal(
      MAIDSTONE_TOTAL + number(notCounted[1]!) + number(notCounted[2]!),
      KENT_STREET_ROWS,
      'with what is not counted, every row',
    );
    assert.equal(figures['How wards are made'], undefined, 'said only for a ward');
    const types = tableRows(whole, 'by-type');
    assert.equal(types.length, 14, 'every current type; the pre-2013 category is not offered for 2018 data');
    assert.equal(
      types.reduce((n, r) => n + number(r[1]!), 0),
      MAIDSTONE_TOTAL,
    );
    assert.match(whole, /<option value="2018-10" selected>October 2018<\/option>/);
    assert.match(whole, /<option value="2019-02" selected>February 2019<\/option>/);
  });

  test('incomplete months are named in a warning and marked on the chart and in its table', () => {
    const lines = warnings(whole);
    assert.ok(lines.includes(`${VIOLENCE}: November 2018 and December 2018 (Kent Police)`), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith('Anti-social behaviour')), 'anti-social behaviour is complete');
    const chart = figure(whole, 'trend-chart');
    assert.match(chart, /^\s*<svg [^>]*role="img" aria-labelledby="trend-chart-title trend-chart-desc"/);
    assert.match(chart, /<title id="trend-chart-title">Crimes and anti-social behaviour incidents by month<\/title>/);
    assert.match(chart, /<desc id="trend-chart-desc">[^<]*Marked as possibly incomplete: November 2018 and December 2018\./);
    assert.equal(chart.match(/data-flagged="true"/g)?.length, 2);
    const months = tableRows(whole, 'by-month');
    assert.match(months[1]![3]!, /^Check Possibly incomplete: low counts of .*Violence and sexual offences$/);
    assert.equal(months[0]![3], '');
    assert.equal(months[3]![3], '');
  });

  test('the map draws every LSOA with its name and figures, beside a table sorted by rate that links to each LSOA', () => {
    const map = figure(whole, 'lsoa-map');
    assert.match(map, /^\s*<svg [^>]*role="img" aria-labelledby="lsoa-map-title lsoa-map-desc"/);
    const paths = [...map.matchAll(/<path d="M[^"]+" fill="(#[0-9a-f]{6})" data-code="(E01\d{6})"><title>([^<]+)<\/title><\/path>/g)];
    assert.equal(paths.length, 95);
    assert.equal(new Set(paths.map((p) => p[1])).size, 5, 'five classes');
    assert.match(paths[0]![3]!, /^Maidstone \d{3}[A-Z]: [\d,]+ crimes? (and|or) incidents?, [\d.]+ per 1,000 residents$/);
    assert.match(map, /Crimes and anti-social behaviour incidents per 1,000 residents<\/text>/);

    const rows = tableRows(whole, 'by-lsoa');
    assert.equal(rows.length, 95);
    const rates = rows.map((r) => Number(r[4]));
    assert.deepEqual(
      rates,
      [...rates].sort((a, b) => b - a),
      'highest rate first',
    );
    assert.equal(
      rows.reduce((n, r) => n + number(r[3]!), 0),
      MAIDSTONE_TOTAL,
    );
    const links = tableLinks(whole, 'by-lsoa');
    assert.equal(links.length, 95);
    assert.equal(links[0], `/explore?area=${rows[0]![1]}&from=2018-10&to=2019-02`);
    // The map's title for an LSOA says what its row says.
    const first = paths.find((p) => p[2] === rows[0]![1])!;
    assert.equal(first[3], `${rows[0]![0]}: ${rows[0]![3]} crimes and incidents, ${rows[0]![4]} per 1,000 residents`);
  });

  test('an LSOA’s link shows that LSOA alone, with the same count', async () => {
    const [row] = tableRows(whole, 'by-lsoa');
    const res = await viewer.get(tableLinks(whole, 'by-lsoa')[0]!);
    assert.equal(res.statusCode, 200);
    const figures = keyFigures(res.body);
    assert.equal(figures['Area'], `${row![0]} (1 LSOA)`);
    assert.equal(figures['Crimes and anti-social behaviour incidents'], row![3]);
    assert.match(res.body, new RegExp(`<option value="${row![1]}" selected>LSOA: ${row![0]}</option>`));
    assert.equal(figure(res.body, 'lsoa-map').match(/<path /g)?.length, 1);
  });

  test('a ward, and urban and rural areas, add up to their LSOAs', async () => {
    const lsoaCounts = new Map(tableRows(whole, 'by-lsoa').map((r) => [r[1]!, number(r[3]!)]));
    const lsoas = await t.database.db.system((trx) =>
      sql<{
        code: string;
        ward_code: string;
        ruc_name: string;
      }>`select code, ward_code, ruc_name from geo_lsoas where district_code = ${MAIDSTONE}`.execute(trx),
    );
    const sum = (codes: string[]) => codes.reduce((n, c) => n + (lsoaCounts.get(c) ?? 0), 0);
    const ward = lsoas.rows.find((l) => l.ward_code)!.ward_code;
    const wardRes = await viewer.get(url({ area: ward }));
    assert.equal(wardRes.statusCode, 200);
    const inWard = lsoas.rows.filter((l) => l.ward_code === ward).map((l) => l.code);
    assert.equal(number(keyFigures(wardRes.body)['Crimes and anti-social behaviour incidents']!), sum(inWard));
    assert.match(keyFigures(wardRes.body)['Area']!, new RegExp(` ward \\(${inWard.length} LSOAs?\\)$`));
    assert.match(keyFigures(wardRes.body)['How wards are made']!, /^Safer makes each ward from whole LSOAs: .*centre \(centroid\)/);
    assert.match(keyFigures(wardRes.body)['Not counted']!, / records are placed in LSOAs outside .* ward\.$/);

    let both = 0;
    for (const area of ['urban', 'rural'] as const) {
      const res = await viewer.get(url({ area }));
      assert.equal(res.statusCode, 200, area);
      const codes = lsoas.rows.filter((l) => l.ruc_name.toLowerCase().startsWith(area)).map((l) => l.code);
      const total = number(keyFigures(res.body)['Crimes and anti-social behaviour incidents']!);
      assert.equal(total, sum(codes), area);
      assert.equal(tableRows(res.body, 'by-lsoa').length, codes.length, area);
      both += total;
    }
    assert.equal(both, MAIDSTONE_TOTAL, 'every Maidstone LSOA is urban or rural');
  });

  test('choosing crime types counts only those, and the links keep them', async () => {
    const byType = new Map(tableRows(whole, 'by-type').map((r) => [r[0]!, number(r[1]!)]));
    const res = await viewer.get(url({ types: ['Burglary', 'Drugs'], from: '2018-11', to: '2019-01' }));
    assert.equal(res.statusCode, 200);
    const figures = keyFigures(res.body);
    assert.equal(figures['Crime types'], 'Burglary, Drugs');
    assert.equal(figures['Months'], 'November 2018 to January 2019');
    assert.deepEqual(
      tableRows(res.body, 'by-type').map((r) => r[0]),
      ['Burglary', 'Drugs'],
    );
    assert.ok(number(figures['Crimes']!) < byType.get('Burglary')! + byType.get('Drugs')!);
    assert.match(res.body, /value="Burglary" checked/);
    assert.doesNotMatch(res.body, /value="Robbery" checked/);
    assert.match(tableLinks(res.body, 'by-lsoa')[0]!, /&from=2018-11&to=2019-01&types=Burglary&types=Drugs$/);
    // Drugs was low in December 2018; Burglary too. Violence was not chosen, so it is not named.
    assert.ok(warnings(res.body).every((l) => l.startsWith('Burglary') || l.startsWith('Drugs')));

    const asb = await viewer.get(url({ types: 'Anti-social behaviour' }));
    assert.equal(number(keyFigures(asb.body)['Anti-social behaviour incidents']!), byType.get('Anti-social behaviour'));
    assert.deepEqual(warnings(asb.body), []);
    assert.doesNotMatch(figure(asb.body, 'trend-chart'), /data-flagged/);
  });

  test('repeat locations and outcomes come from the same area, months and types', async () => {
    const locations = tableRows(whole, 'repeat-locations');
    assert.equal(locations.length, 10);
    const counts = locations.map((r) => number(r[2]!));
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    assert.ok(locations.every((r) => r[0]!.startsWith('On or near') && r[1]!.startsWith('Maidstone ')));
    const outcomes = tableRows(whole, 'outcomes');
    assert.equal(
      outcomes.reduce((n, r) => n + number(r[1]!), 0),
      MAIDSTONE_TOTAL,
    );
    const none = outcomes.find((r) => r[0] === 'No outcome recorded');
    const asb = number(tableRows(whole, 'by-type').find((r) => r[0] === 'Anti-social behaviour')![1]!);
    assert.ok(none && number(none[1]!) >= asb, 'anti-social behaviour has no outcome');

    const burglary = await viewer.get(url({ types: 'Burglary' }));
    const burglaryTotal = number(keyFigures(burglary.body)['Crimes']!);
    assert.equal(
      tableRows(burglary.body, 'outcomes').reduce((n, r) => n + number(r[1]!), 0),
      burglaryTotal,
    );
    assert.ok(tableRows(burglary.body, 'repeat-locations').every((r) => number(r[2]!) <= burglaryTotal));
  });

  test('outcomes recorded (outcomes files) by outcome type, for the area and months, with the months not imported named', async () => {
    // The synthetic 2018-10 and 2018-11 outcomes files: 21 outcomes in Maidstone, spellings normalised.
    assert.deepEqual(tableRows(whole, 'outcome-types'), [
      ['Investigation complete; no suspect identified', '8', '38.1%'],
      ['Unable to prosecute suspect', '6', '28.6%'],
      ['Offender given a caution', '2', '9.5%'],
      ['Suspect charged', '2', '9.5%'],
      ['Awaiting court outcome', '1', '4.8%'],
      ['Local resolution', '1', '4.8%'],
      ['Offender given a penalty notice', '1', '4.8%'],
    ]);
    assert.match(whole, /<caption class="govuk-table__caption govuk-visually-hidden">Outcomes recorded, by outcome type<\/caption>/);
    assert.deepEqual(
      [...whole.matchAll(/data-qa="outcomes-not-loaded">([^<]*)</g)].map((m) => decode(m[1]!)),
      ['No outcomes data has been imported from Kent Police for December 2018, January 2019 and February 2019.'],
    );
    const november = await viewer.get(url({ from: '2018-11', to: '2018-11' }));
    assert.deepEqual(
      tableRows(november.body, 'outcome-types').map((r) => [r[0], r[1]]),
      [
        ['Investigation complete; no suspect identified', '2'],
        ['Unable to prosecute suspect', '2'],
        ['Awaiting court outcome', '1'],
        ['Local resolution', '1'],
      ],
    );
    assert.doesNotMatch(november.body, /data-qa="outcomes-not-loaded"/);
    const lsoa = await viewer.get(url({ area: 'E01024320' }));
    assert.deepEqual(
      tableRows(lsoa.body, 'outcome-types').map((r) => [r[0], r[1]]),
      [
        ['Investigation complete; no suspect identified', '4'],
        ['Offender given a caution', '1'],
        ['Unable to prosecute suspect', '1'],
      ],
    );
    const december = await viewer.get(url({ from: '2018-12', to: '2018-12' }));
    assert.match(december.body, /data-qa="no-outcome-types">No outcomes recorded for crimes in this area in these months\./);
  });

  test('stop and search in the area, placed by location: by object of search and by outcome', async () => {
    // The synthetic files: 15 searches in Maidstone; one in Ashford and two with no location are not counted.
    assert.deepEqual(keyFigures(whole, 'stop-search-total'), { Searches: '15' });
    assert.deepEqual(tableRows(whole, 'stop-search-objects'), [
      ['Controlled drugs', '8', '53.3%'],
      ['Offensive weapons', '4', '26.7%'],
      ['Article for use in theft', '1', '6.7%'],
      ['Stolen goods', '1', '6.7%'],
      ['Not recorded', '1', '6.7%'],
    ]);
    assert.deepEqual(tableRows(whole, 'stop-search-outcomes'), [
      ['A no further action disposal', '10', '66.7%'],
      ['Arrest', '3', '20%'],
      ['Community resolution', '1', '6.7%'],
      ['Khat or Cannabis warning', '1', '6.7%'],
    ]);
    assert.match(whole, /<caption class="govuk-table__caption govuk-table__caption--s">Searches by object of search<\/caption>/);
    assert.doesNotMatch(whole, /data-qa="stop-search-note"/, 'every LSOA has its boundary');
    assert.deepEqual(
      [...whole.matchAll(/data-qa="stop-search-not-loaded">([^<]*)</g)].map((m) => decode(m[1]!)),
      ['No stop and search data has been imported from Kent Police for December 2018, January 2019 and February 2019.'],
    );
    const lsoa = await viewer.get(url({ area: 'E01024320' }));
    assert.deepEqual(
      tableRows(lsoa.body, 'stop-search-objects').map((r) => [r[0], r[1]]),
      [
        ['Controlled drugs', '3'],
        ['Offensive weapons', '1'],
      ],
    );
    const november = await viewer.get(url({ from: '2018-11', to: '2018-11' }));
    assert.deepEqual(
      tableRows(november.body, 'stop-search-outcomes').map((r) => [r[0], r[1]]),
      [
        ['A no further action disposal', '2'],
        ['Arrest', '1'],
      ],
    );
    const january = await viewer.get(url({ from: '2019-01', to: '2019-01' }));
    assert.match(january.body, /data-qa="no-stop-search">No searches recorded in this area in these months\./);
  });

  test('the outcomes and stop and search downloads have the same numbers as the page', async () => {
    const outcomeLines = csvDownload(
      await viewer.get('/explore/outcomes.csv'),
      'outcomes-all-2018-10-to-2019-02.csv',
      'month,lsoa_code,lsoa_name,outcome_type,outcomes',
    );
    const outcomeRows = outcomeLines.slice(1).map((l) => l.split(','));
    assert.equal(
      outcomeRows.reduce((n, r) => n + Number(r.at(-1)), 0),
      21,
    );
    assert.ok(outcomeRows.every((r) => r[2]!.startsWith('Maidstone ')));
    assert.ok(
      outcomeLines.includes('2018-10,E01024320,Maidstone 003A,Investigation complete; no suspect identified,2'),
      outcomeLines.join('\n'),
    );

    const searchLines = csvDownload(
      await viewer.get('/explore/stop-and-search.csv?from=2018-10&to=2018-10'),
      'stop-and-search-all-2018-10-to-2018-10.csv',
      'month,object_of_search,outcome,legislation,searches',
    );
    assert.equal(
      searchLines.slice(1).reduce((n, l) => n + Number(l.split(',').at(-1)), 0),
      12,
    );
    assert.ok(searchLines.includes('2018-10,,A no further action disposal,,1'), 'not recorded is blank');
    assert.ok(
      searchLines.includes(
        '2018-10,Offensive weapons,A no further action disposal,Criminal Justice and Public Order Act 1994 (section 60),1',
      ),
    );
    const links = [...whole.matchAll(/<a class="govuk-link" href="([^"]+)" download>/g)].map((m) => decode(m[1]!));
    assert.deepEqual(links, [
      '/explore/download.csv?area=all&from=2018-10&to=2019-02',
      '/explore/download.geojson?area=all&from=2018-10&to=2019-02',
      '/explore/outcomes.csv?area=all&from=2018-10&to=2019-02',
      '/explore/stop-and-search.csv?area=all&from=2018-10&to=2019-02',
    ]);
  });

  test('the CSV download has one row per month, type and LSOA, adding up to the page', async () => {
    const lines = csvDownload(
      await viewer.get('/explore/download.csv'),
      'crime-all-2018-10-to-2019-02.csv',
      'month,crime_type,lsoa_code,lsoa_name,crimes,possibly_incomplete',
    );
    const rows = lines.slice(1).map((l) => l.split(','));
    const byMonth = new Map<string, number>();
    for (const r of rows) byMonth.set(r[0]!, (byMonth.get(r[0]!) ?? 0) + Number(r[4]));
    assert.deepEqual([...byMonth.values()], MAIDSTONE_BY_MONTH);
    assert.equal(new Set(rows.map((r) => `${r[0]}|${r[1]}|${r[2]}`)).size, rows.length, 'one row per month, type and LSOA');
    assert.equal(rows.length, 5 * 14 * 95, 'every month, type and LSOA, with 0 when it has none');
    assert.ok(rows.some((r) => r[4] === '0'));
    assert.ok(rows.some((r) => r[0] === '2018-12' && r[1] === VIOLENCE && r[5] === 'yes'));
    assert.ok(rows.every((r) => r[1] !== 'Anti-social behaviour' || r[5] === 'no'));

    const lsoa = tableRows(whole, 'by-lsoa')[0]!;
    const one = await viewer.get(url({ area: lsoa[1]!, types: ['Burglary', VIOLENCE] }, '/explore/download.csv'));
    const oneRows = one.body
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((l) => l.split(','));
    assert.ok(oneRows.every((r) => r[2] === lsoa[1] && (r[1] === 'Burglary' || r[1] === VIOLENCE)));
  });

  test('the GeoJSON download has each LSOA with its boundary, counts and rate', async () => {
    const res = await viewer.get('/explore/download.geojson?from=2018-10&to=2018-10');
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], 'application/geo+json; charset=utf-8');
    assert.equal(res.headers['content-disposition'], 'attachment; filename="crime-all-2018-10-to-2018-10.geojson"');
    const collection = JSON.parse(res.body) as {
      type: string;
      features: { type: string; properties: Record<string, string | number | null>; geometry: { type: string } | null }[];
    };
    assert.equal(collection.type, 'FeatureCollection');
    assert.equal(collection.features.length, 95);
    const notCounted = (collection as { not_counted?: { forces: string[]; no_location: number; outside_area: number } }).not_counted;
    assert.deepEqual(notCounted?.forces, ['kent']);
    assert.ok(notCounted.no_location > 0 && notCounted.outside_area > 0);
    assert.equal(
      collection.features.reduce((n, f) => n + Number(f.properties['crimes']), 0),
      1756,
    );
    const f = collection.features.find((x) => Number(x.properties['crimes']) > 0)!;
    assert.equal(f.geometry?.type, 'Polygon');
    assert.equal(
      f.properties['rate_per_1000'],
      Math.round((Number(f.properties['crimes']) / Number(f.properties['population'])) * 1000 * 1000) / 1000,
    );
    assert.equal(
      Number(f.properties['crimes']),
      Object.entries(f.properties)
        .filter(([k]) => k.charAt(0) === k.charAt(0).toUpperCase() && !k.includes('_'))
        .reduce((n, [, v]) => n + Number(v), 0),
    );
  });

  test('bad choices get the error summary and status 400, with no results', async () => {
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ from: '2018-13' }, 'Select a start month from the list', '#from'],
      [{ from: '2017-01' }, 'Select a start month from the list', '#from'],
      [{ to: 'February' }, 'Select an end month from the list', '#to'],
      [{ from: '2019-02', to: '2018-10' }, 'End month must be the same as or after the start month', '#to'],
      [{ area: 'nowhere' }, 'Select an area from the list', '#area'],
      [{ area: ['all', 'urban'] }, 'Select an area from the list', '#area'],
      [{ from: ['2018-10', '2018-11'] }, 'Select a start month from the list', '#from'],
      [{ types: ['Burglary', 'Jaywalking'] }, 'Select crime types from the list', '#types'],
    ];
    for (const [params, message, href] of cases) {
      const res = await viewer.get(url(params));
      assert.equal(res.statusCode, 400, JSON.stringify(params));
      assert.match(res.body, /<title>Error: Explore crime data/);
      assert.match(res.body, new RegExp(`href="${href}">${message}</a>`), message);
      assert.doesNotMatch(res.body, /data-qa="results-heading"/);
      assert.equal(keyFigures(res.body)['Area'], undefined);
    }
    const wrongWay = await viewer.get(url({ from: '2019-02', to: '2018-10' }));
    assert.match(wrongWay.body, /<option value="2019-02" selected>February 2019<\/option>/);

    const download = await viewer.get(url({ from: '2019-02', to: '2018-10' }, '/explore/download.csv'));
    assert.equal(download.statusCode, 400);
    assert.match(download.body, /End month must be the same as or after the start month/);
    assert.equal((await viewer.get(url({ area: 'nowhere' }, '/explore/download.geojson'))).statusCode, 400);
  });

  test('areas outside the partnership are not found, on the page and in the downloads', async () => {
    for (const area of [ASHFORD_LSOA, ASHFORD, 'E05004867', 'E01999999', 'E07000111']) {
      for (const base of [
        '/explore',
        '/explore/download.csv',
        '/explore/download.geojson',
        '/explore/outcomes.csv',
        '/explore/stop-and-search.csv',
      ]) {
        const res = await viewer.get(url({ area }, base));
        assert.equal(res.statusCode, 404, `${base} ${area}`);
        assert.doesNotMatch(res.body, /Ashford/, `${base} ${area}`);
      }
    }
    assert.doesNotMatch(whole, /Ashford|E01023987/, 'the area list has only the partnership’s LSOAs');
  });

  test('every role can explore; signed-out people are sent to sign in', async () => {
    for (const role of ['admin', 'coordinator', 'analyst', 'member'] as const) {
      const [agent] = await signedIn(t, alpha.users[role]);
      const res = await agent.get('/explore?area=rural');
      assert.equal(res.statusCode, 200, role);
      assert.match(res.body, /href="\/explore"[^>]*>[\s\S]{0,120}?Explore data/, role);
      assert.equal((await agent.get('/explore/download.csv')).statusCode, 200, role);
    }
    for (const path of [
      '/explore',
      '/explore/download.csv',
      '/explore/download.geojson',
      '/explore/outcomes.csv',
      '/explore/stop-and-search.csv',
    ]) {
      const res = await t.agent().get(path);
      assert.equal(res.statusCode, 302, path);
      assert.equal(res.headers.location, '/sign-in');
    }
  });

  test('a partnership without an area is told why there is nothing, and gets no downloads', async () => {
    const res = await outsider.get('/explore');
    assert.equal(res.statusCode, 200);
    assert.match(textOf(res.body), /Your partnership's area has not been set yet/);
    assert.doesNotMatch(res.body, /data-qa="explore-form"|Maidstone/);
    assert.equal((await outsider.get('/explore/download.csv')).statusCode, 404);
    assert.equal((await outsider.get('/explore/download.geojson')).statusCode, 404);
    assert.equal((await outsider.get('/explore/outcomes.csv')).statusCode, 404);
    assert.equal((await outsider.get('/explore/stop-and-search.csv')).statusCode, 404);
  });

  test('another partnership sees only its own district, with names escaped, and none of this one’s', async () => {
    await setDistrictCodes(t.database.db, bravo.id, [ASHFORD]);
    const res = await outsider.get('/explore');
    assert.equal(res.statusCode, 200);
    assert.doesNotMatch(res.body, /<script>alert/);
    assert.match(res.body, /Ashford 001B &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Sons/);
    assert.equal(keyFigures(res.body)['Area'], 'Whole partnership area (1 LSOA)');
    assert.doesNotMatch(res.body, /Maidstone/);
    const maidstoneLsoa = tableRows(whole, 'by-lsoa')[0]![1]!;
    assert.equal((await outsider.get(url({ area: maidstoneLsoa }))).statusCode, 404);
    assert.equal((await outsider.get(url({ area: MAIDSTONE }))).statusCode, 404);
    assert.equal((await outsider.get(url({ area: maidstoneLsoa }, '/explore/download.csv'))).statusCode, 404);
    const csv = await outsider.get('/explore/download.csv');
    assert.ok(
      csv.body
        .trimEnd()
        .split('\r\n')
        .slice(1)
        .every((l) => l.split(',')[2] === ASHFORD_LSOA),
    );
    // Its one outcome, none of Maidstone's; its LSOA has no boundary, so its searches cannot be placed.
    assert.deepEqual(
      tableRows(res.body, 'outcome-types').map((r) => [r[0], r[1]]),
      [['Court result unavailable', '1']],
    );
    assert.match(textOf(res.body), /Searches cannot be placed in this area because its LSOA boundaries have not been imported\./);
    assert.match(res.body, /data-qa="no-stop-search"/);
  });
});
