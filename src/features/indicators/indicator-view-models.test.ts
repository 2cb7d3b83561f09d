import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { seriesPoint as point } from '../../../test/helpers/indicators.ts';
import { validateForm } from '../../platform/forms.ts';
import { INDICATOR_DEFAULTS, type IndicatorRow } from './indicator-repository.ts';
import { indicatorForm } from './indicator-schemas.ts';
import type { IndicatorWithSeries } from './indicator-types.ts';
import {
  crimeTypeItems,
  directionItems,
  formValuesOf,
  groupItems,
  harmWeightRows,
  indicatorFacts,
  latestText,
  libraryGroups,
  pointTable,
  sourceItems,
} from './indicator-view-models.ts';
import { describeSource, formatValue } from './indicator-words.ts';

const row = (overrides: Partial<IndicatorRow>): IndicatorRow => ({
  ...INDICATOR_DEFAULTS,
  id: 1,
  name: 'ASB incidents',
  priority_title: null,
  priority_position: null,
  theme_title: null,
  owner_name: null,
  dataset_name: null,
  version: 1,
  updated_at: new Date(),
  ...overrides,
});

const textOf = (html: string | undefined) => (html ?? '').replace(/<[^>]+>/g, '');

describe('the indicator library', () => {
  test('groups by priority, then theme, then neither; each row links, names its source and shows the latest value', () => {
    const rows = [
      row({ id: 1, name: 'Harm index', priority_id: 10, priority_title: 'Serious crime', measure: 'harm', visibility: 'public' }),
      row({
        id: 2,
        name: 'Feel safe <after dark>',
        theme_id: 5,
        theme_title: 'ASB',
        source: 'survey',
        measure: 'percent',
        frequency: 'annual',
      }),
      row({ id: 3, name: 'Referrals', source: 'manual', measure: 'value' }),
      row({ id: 4, name: 'Violence rate', priority_id: 10, priority_title: 'Serious crime', measure: 'rate', frequency: 'quarterly' }),
    ];
    const series = [
      { id: 1, measure: 'harm', points: [point('2019-01', 123456.4), point('2019-02', null)] },
      { id: 2, measure: 'percent', points: [point('2017', 60)] },
      { id: 4, measure: 'rate', points: [] },
    ] as unknown as IndicatorWithSeries[];
    const groups = libraryGroups(rows, series);
    assert.deepEqual(
      groups.map((g) => g.heading),
      ['Priority: Serious crime', 'Theme: ASB', 'Not linked to a priority or theme'],
    );
    const [first] = groups[0]!.rows;
    assert.equal(first![0]!.html, '<a class="govuk-link" href="/indicators/1">Harm index</a>');
    assert.equal(first![1]!.text, 'police.uk crime data: harm-weighted index');
    assert.equal(first![2]!.text, 'Monthly');
    assert.deepEqual(first![3], { text: '123,456 (January 2019)', format: 'numeric' });
    assert.match(first![4]!.html!, /Public/);
    assert.equal(groups[0]!.rows[1]![3]!.text, 'No data yet');
    assert.equal(groups[1]!.rows[0]![0]!.html, '<a class="govuk-link" href="/indicators/2">Feel safe &lt;after dark&gt;</a>');
    assert.equal(groups[1]!.rows[0]![1]!.text, "Residents' survey");
    assert.equal(groups[1]!.rows[0]![3]!.text, '60.0% (2017)');
    assert.equal(groups[2]!.rows[0]![3]!.text, 'No data yet', 'an indicator with no series yet');
  });

  test('values are written by their measure', () => {
    assert.equal(formatValue(1756, 'count'), '1,756');
    assert.equal(formatValue(3.7894, 'rate'), '3.79');
    assert.equal(formatValue(45.25, 'harm'), '45.3');
    assert.equal(formatValue(60, 'percent'), '60.0%');
    assert.equal(formatValue(12.345, 'value'), '12.35');
    assert.equal(formatValue(null, 'count'), 'No data');
    assert.equal(latestText({ measure: 'count', points: [] }), 'No data yet');
    assert.equal(
      latestText({ measure: 'count', points: [point('2019-Q1', 40, { excluded: true, exclusionReason: 'No data for March 2019' })] }),
      '40 (January to March 2019, incomplete)',
    );
  });

  test('the table of values: an interval column only when a point has one; excluded periods say why', () => {
    const plain = pointTable({
      measure: 'count',
      points: [
        point('2018-10', 1756, { target: 1700 }),
        point('2018-11', 1127, { excluded: true, exclusionReason: 'Possibly incomplete: low counts of <Violence>' }),
      ],
    });
    assert.deepEqual(
      plain.head.map((h) => h.text),
      ['Period', 'Count', 'Target', 'Note'],
    );
    assert.deepEqual(
      plain.rows[0]!.map((c) => c.text ?? textOf(c.html)),
      ['October 2018', '1,756', '1,700', ''],
    );
    assert.equal(
      plain.rows[1]![3]!.html,
      '<strong class="govuk-tag govuk-tag--yellow">Left out of limits</strong> Possibly incomplete: low counts of &lt;Violence&gt;',
    );
    const rate = pointTable({ measure: 'rate', points: [point('2019-Q1', 3.456, { lowerCi: 3.1, upperCi: 3.8 }), point('2019-Q2', null)] });
    assert.deepEqual(
      rate.head.map((h) => h.text),
      ['Period', 'Rate per 1,000 residents', '95% confidence interval', 'Target', 'Note'],
    );
    assert.deepEqual(
      rate.rows.map((r) => r.slice(0, 3).map((c) => c.text)),
      [
        ['January to March 2019', '3.46', '3.10 to 3.80'],
        ['April to June 2019', 'No data', ''],
      ],
    );
  });

  test('where the values come from, in a sentence', () => {
    const facts = {
      measure: 'count' as const,
      crimeTypes: [],
      areaKind: 'partnership' as const,
      areaCodes: [],
      datasetName: null,
      service: null,
      surveyQuestion: null,
    };
    assert.equal(
      describeSource({ ...facts, source: 'police' }),
      'police.uk street-level data: all crime and anti-social behaviour in the whole partnership area, as a count.',
    );
    assert.equal(
      describeSource({
        ...facts,
        source: 'police',
        measure: 'rate',
        crimeTypes: ['Burglary', 'Robbery', 'Drugs'],
        areaKind: 'wards',
        areaCodes: ['W1', 'W2'],
        wardNames: new Map([['W1', 'Allington']]),
      }),
      'police.uk street-level data: Burglary, Robbery and Drugs in the wards Allington and W2, per 1,000 residents (mid-year population ' +
        'estimates).',
    );
    assert.equal(
      describeSource({ ...facts, source: 'service-usage', datasetName: 'One-stop shop visits', service: 'IDVA', measure: 'rate' }),
      'Service-usage data "One-stop shop visits": events of the service "IDVA", per 1,000 residents of the partnership area.',
    );
    assert.match(
      describeSource({ ...facts, source: 'survey', surveyQuestion: 'Feel safe after dark' }),
      /percentage who feel safe after dark/,
    );
  });
});

describe('the indicator form', () => {
  test('a stored indicator fills the form so that saving it again changes nothing', () => {
    const stored = row({
      priority_id: 4,
      owner_user_id: 9,
      frequency: 'quarterly',
      baseline_period: '2018-Q4',
      baseline_value: 12.5,
      crime_types: ['Burglary', 'Robbery'],
      area_kind: 'lsoas',
      area_codes: ['E01024320', 'E01024321'],
      measure: 'harm',
      rebase_periods: ['2019-Q2'],
      visibility: 'public',
    });
    const form = validateForm(indicatorForm, formValuesOf(stored));
    assert.ok(form.ok);
    assert.deepEqual(form.data, {
      name: 'ASB incidents',
      definition: '',
      unit: '',
      priorityId: 4,
      themeId: null,
      ownerUserId: 9,
      frequency: 'quarterly',
      direction: 'lower',
      baselinePeriod: '2018-Q4',
      baselineValue: 12.5,
      visibility: 'public',
      rebasePeriods: ['2019-Q2'],
      source: 'police',
      measure: 'harm',
      crimeTypes: ['Burglary', 'Robbery'],
      areaKind: 'lsoas',
      areaCodes: ['E01024320', 'E01024321'],
      datasetId: null,
      service: null,
      surveyQuestion: null,
    });
  });

  test('choices: priorities then themes; the chosen source and types checked; the "more reporting" hint', () => {
    const items = groupItems([{ id: 1, name: 'Violence' }], [{ id: 2, name: 'ASB' }], 'theme-2');
    assert.deepEqual(items, [
      { value: '', text: 'None', selected: false },
      { value: 'priority-1', text: 'Priority: Violence', selected: false },
      { value: 'theme-2', text: 'Theme: ASB', selected: true },
    ]);
    assert.deepEqual(
      sourceItems('survey')
        .filter((i) => i.checked)
        .map((i) => i.value),
      ['survey'],
    );
    const types = crimeTypeItems(['Drugs', 'Robbery']);
    assert.equal(types.length, 14);
    assert.deepEqual(
      types.filter((i) => i.checked).map((i) => i.value),
      ['Drugs', 'Robbery'],
    );
    assert.deepEqual(
      crimeTypeItems('Drugs')
        .filter((i) => i.checked)
        .map((i) => i.value),
      ['Drugs'],
    );
    const more = directionItems('more-reporting').find((i) => i.value === 'more-reporting')!;
    assert.equal(more.text, 'More reporting is good');
    assert.ok(more.checked);
    assert.match(more.hint!.text, /more victims are coming forward/);
  });

  test('harm weights: the weight in force, the default with its reasoning, and who changed it', () => {
    const defaults = (t: string) => ({ weight: t === 'Burglary' ? 350 : 10, reasoning: `Why ${t}` });
    const rows = harmWeightRows(
      [{ crime_type: 'Burglary', weight: 400, updated_by_name: 'Priya Desai', updated_at: new Date() }],
      defaults,
    );
    assert.equal(rows.length, 14);
    const burglary = rows.find((r) => r.crimeType === 'Burglary')!;
    assert.deepEqual(burglary, {
      crimeType: 'Burglary',
      field: 'weight-burglary',
      value: '400',
      defaultText: '350',
      reasoning: 'Why Burglary',
      changed: 'Changed from the default by Priya Desai',
    });
    assert.equal(rows.find((r) => r.crimeType === 'Drugs')!.value, '10');
    const posted = harmWeightRows([], defaults, { 'weight-drugs': 'abc' });
    assert.equal(posted.find((r) => r.crimeType === 'Drugs')!.value, 'abc');
  });
  test("an indicator's page: what it is linked to, and its measure, baseline and rebase periods in words", () => {
    const rate = row({
      priority_title: 'Serious crime',
      theme_title: 'ASB',
      measure: 'rate',
      baseline_period: '2018-10',
      baseline_value: 1234.5,
    });
    assert.deepEqual(indicatorFacts(rate), {
      group: 'Priority: Serious crime',
      frequency: 'Monthly',
      direction: 'Lower is better',
      measure: 'Rate per 1,000 residents',
      baseline: '1,234.5 (October 2018)',
      rebase: 'None',
    });
    const quarterly = indicatorFacts(
      row({ theme_title: 'ASB', frequency: 'quarterly', direction: 'more-reporting', rebase_periods: ['2019-Q1', '2020-Q3'] }),
    );
    assert.equal(quarterly.group, 'Theme: ASB');
    assert.equal(quarterly.direction, 'More reporting is good');
    assert.equal(quarterly.baseline, 'None');
    assert.equal(quarterly.rebase, 'January to March 2019, July to September 2020');
    assert.equal(indicatorFacts(row({})).group, 'None');
  });
});
