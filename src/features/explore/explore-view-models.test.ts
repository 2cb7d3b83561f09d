import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lsoaRow, triangleBoundary } from '../../../test/helpers/explore.ts';
import { forceName } from '../crime-data/police-forces.ts';
import type { Completeness } from './completeness.ts';
import { areaChoices, resolveArea, type AreaChoices } from './explore-area.ts';
import type { LsoaRow } from './explore-repository.ts';
import { summariseCounts, type ExplorePage, type ExploreSummary } from './explore-service.ts';
import {
  areaSelectItems,
  completenessWarnings,
  exploreHref,
  formatRate,
  joinWithAnd,
  keyFigureRows,
  lsoaMap,
  lsoaRows,
  measureName,
  monthFlags,
  monthName,
  monthSelectItems,
  notLoadedNotes,
  outcomeRows,
  outcomeTypeRows,
  resultsModel,
  searchRows,
  stopSearchNote,
  trendRows,
  typeCheckboxItems,
} from './explore-view-models.ts';

const TYPES = ['Anti-social behaviour', 'Burglary', 'Violence and sexual offences'];

const lsoa = (code: string, name: string, extra: Partial<LsoaRow> = {}): LsoaRow => lsoaRow(code, { name, ...extra });

const lsoas = [
  lsoa('E01000001', 'Town <centre> & "market"'),
  lsoa('E01000002', 'Village', { ruc_name: 'Rural village and dispersed', ward_code: 'E05000002', population: 500 }),
  lsoa('E01000003', 'Unknown people', { population: null }),
];
const wards = [
  { code: 'E05000001', name: 'High Street' },
  { code: 'E05000002', name: 'Downs' },
];
const choices: AreaChoices = areaChoices(['E07000110'], lsoas, wards);

const noFlags: Completeness = { low: [], missing: [] };
const KENT_LEFT_OUT = { forces: ['kent'], noLocation: 1234, outsideArea: 56789 };

function summary(completeness: Completeness = noFlags): ExploreSummary {
  const area = resolveArea(choices, { kind: 'all' })!;
  const rows = [
    { month: '2018-10', lsoa_code: 'E01000001', crime_type: 'Burglary', crimes: 10 },
    { month: '2018-10', lsoa_code: 'E01000002', crime_type: 'Anti-social behaviour', crimes: 5 },
    { month: '2018-11', lsoa_code: 'E01000001', crime_type: 'Violence and sexual offences', crimes: 3 },
    { month: '2018-12', lsoa_code: 'E01000003', crime_type: 'Burglary', crimes: 2 },
  ];
  return { ...summariseCounts(area, { from: '2018-10', to: '2018-12', types: TYPES }, rows), rows, completeness, leftOut: KENT_LEFT_OUT };
}

describe('explore words and numbers', () => {
  test('months, rates, forces, lists and what is counted', () => {
    assert.equal(monthName('2018-10'), 'October 2018');
    assert.equal(formatRate(39.1234), '39.1');
    assert.equal(formatRate(1234.56), '1,234.6');
    assert.equal(formatRate(2), '2.0');
    assert.equal(formatRate(null), 'Not available');
    assert.equal(forceName('kent'), 'Kent Police');
    assert.equal(forceName('avon-and-somerset'), 'Avon and Somerset Police');
    assert.equal(forceName('metropolitan'), 'Metropolitan Police Service');
    assert.equal(joinWithAnd(['a', 'b', 'c']), 'a, b and c');
    assert.equal(joinWithAnd(['a']), 'a');
    assert.equal(measureName(TYPES), 'Crimes and anti-social behaviour incidents');
    assert.equal(measureName(['Burglary']), 'Crimes');
    assert.equal(measureName(['Anti-social behaviour']), 'Anti-social behaviour incidents');
  });
});

describe('the explore form', () => {
  test('the area list: whole area, urban, rural, wards, then LSOAs; districts only when there are several', () => {
    const items = areaSelectItems(choices, 'E05000002');
    assert.deepEqual(
      items.map((i) => [i.value, i.text]),
      [
        ['all', 'Whole partnership area'],
        ['urban', 'Urban areas'],
        ['rural', 'Rural areas'],
        ['E05000002', 'Ward: Downs'],
        ['E05000001', 'Ward: High Street'],
        ['E01000001', 'LSOA: Town <centre> & "market"'],
        ['E01000003', 'LSOA: Unknown people'],
        ['E01000002', 'LSOA: Village'],
      ],
    );
    assert.deepEqual(
      items.filter((i) => i.selected).map((i) => i.value),
      ['E05000002'],
    );
    assert.equal(areaSelectItems(choices, '')[0]!.selected, true, 'the whole area by default');
    const two = areaChoices(
      ['E07000110', 'E07000105'],
      [...lsoas, lsoa('E01000009', 'Ashford 1', { district_code: 'E07000105', district_name: 'Ashford' })],
      wards,
    );
    assert.deepEqual(
      areaSelectItems(two, '')
        .slice(1, 3)
        .map((i) => i.text),
      ['District: Maidstone', 'District: Ashford'],
    );
  });

  test('months and types', () => {
    assert.deepEqual(monthSelectItems(['2018-10', '2018-11'], '2018-11'), [
      { value: '2018-10', text: 'October 2018', selected: false },
      { value: '2018-11', text: 'November 2018', selected: true },
    ]);
    assert.ok(
      typeCheckboxItems(TYPES, []).every((i) => i.checked),
      'all ticked by default',
    );
    assert.deepEqual(
      typeCheckboxItems(TYPES, ['Burglary']).map((i) => i.checked),
      [false, true, false],
    );
  });

  test('links keep the choices, leaving out the types when all are chosen', () => {
    const query = { area: { kind: 'lsoa' as const, code: 'E01000001' }, from: '2018-10', to: '2018-12', types: TYPES };
    assert.equal(exploreHref(query, TYPES), '/explore?area=E01000001&from=2018-10&to=2018-12');
    assert.equal(
      exploreHref({ ...query, area: { kind: 'all' }, types: ['Violence and sexual offences'] }, TYPES, '/explore/download.csv'),
      '/explore/download.csv?area=all&from=2018-10&to=2018-12&types=Violence+and+sexual+offences',
    );
  });
});

describe('the explore results', () => {
  test('key figures: counts, residents when every LSOA has a figure, and the rate', () => {
    const rows = keyFigureRows(summary(), TYPES);
    assert.deepEqual(
      rows.map((r) => [r.key.text, r.value.text]),
      [
        ['Area', 'Whole partnership area (3 LSOAs)'],
        ['Months', 'October 2018 to December 2018'],
        ['Crime types', 'All types'],
        ['Crimes and anti-social behaviour incidents', '20'],
        [
          'Not counted',
          '1,234 records in Kent Police’s data for these months and types have no location, so they cannot be placed in any area; ' +
            '56,789 records are placed in LSOAs outside the partnership’s area.',
        ],
        ['Residents', 'Not available'],
        ['Per 1,000 residents', 'Not available'],
      ],
    );
    const known = resolveArea(choices, { kind: 'lsoa', code: 'E01000001' })!;
    const one = summariseCounts(known, { from: '2018-10', to: '2018-10', types: ['Burglary'] }, summary().rows);
    assert.deepEqual(
      keyFigureRows({ ...one, rows: [], completeness: noFlags, leftOut: { forces: ['kent'], noLocation: 1, outsideArea: 1 } }, TYPES).map(
        (r) => r.value.text,
      ),
      [
        'Town <centre> & "market" (1 LSOA)',
        'October 2018',
        'Burglary',
        '10',
        '1 record in Kent Police’s data for these months and types has no location, so it cannot be placed in any area; ' +
          '1 record is placed in LSOAs outside Town <centre> & "market".',
        '1,000 (mid-2019 estimate)',
        '10.0',
      ],
    );
    const ward = summariseCounts(
      resolveArea(choices, { kind: 'ward', code: 'E05000002' })!,
      { from: '2018-10', to: '2018-10', types: TYPES },
      [],
    );
    const wardRows = keyFigureRows(
      { ...ward, rows: [], completeness: noFlags, leftOut: { forces: [], noLocation: 0, outsideArea: 0 } },
      TYPES,
    );
    assert.deepEqual(
      wardRows.slice(4, 6).map((r) => r.value.text),
      [
        'None: no police.uk data loaded has records in Downs ward in these months.',
        'Safer makes each ward from whole LSOAs: an LSOA counts in the ward that holds its centre (centroid), ' +
          'so a ward’s figures can differ a little from what lies within its exact boundary.',
      ],
    );
  });

  test('flags: each month’s reasons, and a warning line per type naming the months and force', () => {
    const completeness: Completeness = {
      low: [
        { force: 'kent', month: '2018-11', crimeType: 'Violence and sexual offences', crimes: 1, median: 9, neighbours: [] },
        { force: 'kent', month: '2018-12', crimeType: 'Violence and sexual offences', crimes: 1, median: 9, neighbours: [] },
        { force: 'kent', month: '2018-12', crimeType: 'Burglary', crimes: 1, median: 9, neighbours: [] },
      ],
      missing: [{ force: 'kent', month: '2018-10' }],
    };
    assert.deepEqual(completenessWarnings(completeness), [
      'Burglary: December 2018 (Kent Police)',
      'Violence and sexual offences: November 2018 and December 2018 (Kent Police)',
      'No data loaded from Kent Police for October 2018',
    ]);
    const flags = monthFlags(completeness);
    assert.equal(flags.get('2018-12'), 'Possibly incomplete: low counts of Violence and sexual offences and Burglary');
    assert.equal(flags.get('2018-10'), 'No data loaded from Kent Police');
    assert.equal(flags.has('2019-01'), false);
  });

  test('the month table marks flagged months, and a month with no data at all says so', () => {
    const s = summary({
      low: [{ force: 'kent', month: '2018-11', crimeType: 'Burglary', crimes: 0, median: 5, neighbours: [] }],
      missing: [],
    });
    const rows = trendRows(s);
    assert.deepEqual(
      rows.map((r) => r[1]!.text),
      ['15', '3', '2'],
    );
    assert.match(
      rows[1]![3]!.html!,
      /^<strong class="govuk-tag govuk-tag--yellow">Check<\/strong> Possibly incomplete: low counts of Burglary$/,
    );
    assert.deepEqual(rows[0]![3], { text: '' });
    const noData = { ...summary({ low: [], missing: [{ force: 'kent', month: '2018-11' }] }) };
    noData.byMonth = noData.byMonth.map((m) => (m.month === '2018-11' ? { ...m, crimes: 0 } : m));
    assert.equal(trendRows(noData)[1]![1]!.text, 'No data');
  });

  test('the LSOA table: highest rate first, no rate last, names escaped inside their links', () => {
    const rows = lsoaRows(summary(), TYPES);
    assert.deepEqual(
      rows.map((r) => r[1]!.text),
      ['E01000001', 'E01000002', 'E01000003'],
    );
    assert.deepEqual(
      rows.map((r) => r[4]!.text),
      ['13.0', '10.0', 'Not available'],
    );
    assert.equal(
      rows[0]![0]!.html,
      '<a class="govuk-link" href="/explore?area=E01000001&amp;from=2018-10&amp;to=2018-12">Town &lt;centre&gt; &amp; ' +
        '&quot;market&quot;</a>',
    );
    assert.equal(rows[2]![2]!.text, 'Not available');
  });

  test('the map shades by rate, with a title per LSOA; none without boundaries', () => {
    const s = summary();
    const boundary = triangleBoundary;
    const svg = lsoaMap(
      s,
      new Map<string, unknown>([
        ['E01000001', boundary],
        ['E01000003', { type: 'Feature', geometry: boundary }],
      ]),
    )!;
    assert.match(svg, /<title>Town &lt;centre&gt; &amp; &quot;market&quot;: 13 crimes and incidents, 13\.0 per 1,000 residents<\/title>/);
    assert.match(svg, /<title>Unknown people: 2 crimes and incidents, rate not available<\/title>/);
    assert.equal(svg.match(/<path /g)?.length, 2);
    assert.equal(lsoaMap(s, new Map()), null);
  });

  const noSearches = { lsoas: 3, lsoasWithBoundary: 3, total: 0, byObject: [], byOutcome: [], rows: [] };
  const page = (over: Partial<ExplorePage> = {}): ExplorePage => ({
    ...summary(),
    repeatLocations: [],
    boundaries: new Map(),
    outcomes: [],
    outcomeTypes: [],
    stopSearch: noSearches,
    notLoaded: { outcomes: [], stopSearch: [] },
    ...over,
  });

  test('outcomes with shares, and no outcome in words', () => {
    assert.deepEqual(
      outcomeRows(
        page({
          outcomes: [
            { outcome: 'Under investigation', crimes: 3 },
            { outcome: null, crimes: 1 },
          ],
        }),
      ).map((r) => r.map((c) => c.text)),
      [
        ['Under investigation', '3', '75%'],
        ['No outcome recorded', '1', '25%'],
      ],
    );
  });

  test('outcomes recorded by type, and searches by object or outcome, with shares; nothing recorded in words', () => {
    const outcomeTypes = [
      { outcomeType: 'Investigation complete; no suspect identified', outcomes: 2 },
      { outcomeType: 'Suspect charged', outcomes: 1 },
    ];
    assert.deepEqual(
      outcomeTypeRows({ outcomeTypes }).map((r) => r.map((c) => [c.text, c.format ?? ''])),
      [
        [
          ['Investigation complete; no suspect identified', ''],
          ['2', 'numeric'],
          ['66.7%', 'numeric'],
        ],
        [
          ['Suspect charged', ''],
          ['1', 'numeric'],
          ['33.3%', 'numeric'],
        ],
      ],
    );
    assert.deepEqual(
      searchRows([
        { label: 'Controlled drugs', searches: 1500 },
        { label: '', searches: 500 },
      ]).map((r) => r.map((c) => c.text)),
      [
        ['Controlled drugs', '1,500', '75%'],
        ['Not recorded', '500', '25%'],
      ],
    );
  });

  test('months with no outcomes or stop and search files are named, force by force', () => {
    assert.deepEqual(
      notLoadedNotes('stop and search', [
        { force: 'kent', month: '2018-12' },
        { force: 'kent', month: '2018-11' },
        { force: 'avon-and-somerset', month: '2018-11' },
      ]),
      [
        'No stop and search data has been imported from Kent Police for November 2018 and December 2018.',
        'No stop and search data has been imported from Avon and Somerset Police for November 2018.',
      ],
    );
    assert.deepEqual(notLoadedNotes('outcomes', []), []);
  });

  test('searches are placed by boundaries: the page says when some or all are missing', () => {
    assert.equal(stopSearchNote({ stopSearch: noSearches }), null);
    assert.equal(
      stopSearchNote({ stopSearch: { ...noSearches, lsoasWithBoundary: 2 } }),
      '1 of the area’s 3 LSOAs has no boundary imported, so searches in it are not counted.',
    );
    assert.equal(
      stopSearchNote({ stopSearch: { ...noSearches, lsoasWithBoundary: 1 } }),
      '2 of the area’s 3 LSOAs have no boundary imported, so searches in them are not counted.',
    );
    assert.match(
      stopSearchNote({ stopSearch: { ...noSearches, lsoasWithBoundary: 0 } })!,
      /cannot be placed in this area because its LSOA boundaries have not been imported/,
    );
  });

  test('the whole results model links its downloads with the same choices', () => {
    const model = resultsModel(page(), TYPES);
    assert.equal(model.heading, 'Whole partnership area, October 2018 to December 2018');
    assert.equal(model.csvHref, '/explore/download.csv?area=all&from=2018-10&to=2018-12');
    assert.equal(model.geojsonHref, '/explore/download.geojson?area=all&from=2018-10&to=2018-12');
    assert.equal(model.outcomesCsvHref, '/explore/outcomes.csv?area=all&from=2018-10&to=2018-12');
    assert.equal(model.stopSearchCsvHref, '/explore/stop-and-search.csv?area=all&from=2018-10&to=2018-12');
    assert.match(model.trendChart, /^<svg /);
    assert.equal(model.map, null);
    assert.deepEqual(model.warnings, []);
    assert.equal(model.stopSearchTotal, '0');
  });
});
