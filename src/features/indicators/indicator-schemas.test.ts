import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateForm } from '../../platform/forms.ts';
import { harmWeightsForm, indicatorForm, parseNumber, periodValueForm, POLICE_CRIME_TYPES, weightField } from './indicator-schemas.ts';

const common = { name: 'ASB incidents', frequency: 'monthly', direction: 'lower', visibility: 'public' };
const messages = (body: Record<string, unknown>) => {
  const form = validateForm(indicatorForm, body);
  return form.ok ? [] : form.errors.summary.map((e) => `${e.href} ${e.text}`);
};
const data = (body: Record<string, unknown>) => {
  const form = validateForm(indicatorForm, body);
  assert.ok(form.ok, JSON.stringify(form.ok ? null : form.errors.summary));
  return form.data;
};

describe('the indicator form', () => {
  test('an empty form names every missing answer, in the order of the form', () => {
    assert.deepEqual(messages({}), [
      '#name Enter the name of the indicator',
      '#frequency Select how often the indicator is measured',
      '#direction Select whether lower or higher is better',
      '#visibility Select who may see the indicator',
      '#source Select where the values come from',
    ]);
  });

  test('police: types, area and measure; every type ticked is stored as none (all types)', () => {
    const input = data({
      ...common,
      source: 'police',
      crimeTypes: ['Anti-social behaviour'],
      areaKind: 'partnership',
      policeMeasure: 'rate',
      groupId: 'priority-4',
      ownerUserId: '7',
    });
    assert.equal(input.source, 'police');
    assert.deepEqual(input.crimeTypes, ['Anti-social behaviour']);
    assert.equal(input.measure, 'rate');
    assert.equal(input.priorityId, 4);
    assert.equal(input.themeId, null);
    assert.equal(input.ownerUserId, 7);
    assert.deepEqual(
      data({ ...common, source: 'police', crimeTypes: [...POLICE_CRIME_TYPES], areaKind: 'partnership', policeMeasure: 'count' })
        .crimeTypes,
      [],
    );
    // The fields of other sources, posted without JavaScript, are ignored.
    const ignored = data({
      ...common,
      source: 'police',
      areaKind: 'partnership',
      policeMeasure: 'harm',
      datasetId: 'x',
      surveyQuestion: 'Q',
    });
    assert.equal(ignored.datasetId, null);
    assert.equal(ignored.surveyQuestion, null);
  });

  test('police: wards and LSOAs are checked for shape here (the service checks they are in the area)', () => {
    assert.deepEqual(messages({ ...common, source: 'police', areaKind: 'wards', policeMeasure: 'count' }), [
      '#wardCodes Select at least one ward',
    ]);
    assert.deepEqual(
      data({ ...common, source: 'police', areaKind: 'wards', wardCodes: ['E05004996', 'E05004982'], policeMeasure: 'count' }).areaCodes,
      ['E05004982', 'E05004996'],
    );
    assert.deepEqual(messages({ ...common, source: 'police', areaKind: 'lsoas', lsoaCodes: ' ', policeMeasure: 'count' }), [
      '#lsoaCodes Enter at least one LSOA code, like E01024320',
    ]);
    assert.deepEqual(
      messages({ ...common, source: 'police', areaKind: 'lsoas', lsoaCodes: 'E01024320\nMaidstone 001A', policeMeasure: 'count' }),
      ['#lsoaCodes 001A is not an LSOA code: enter codes like E01024320, one to a line'],
    );
    assert.deepEqual(
      data({ ...common, source: 'police', areaKind: 'lsoas', lsoaCodes: 'e01024320, E01024321\r\nE01024320', policeMeasure: 'count' })
        .areaCodes,
      ['E01024320', 'E01024321'],
    );
    assert.deepEqual(messages({ ...common, source: 'police', crimeTypes: 'Witchcraft' }), [
      '#crimeTypes Select crime types from the list',
      '#areaKind Select the area the crimes are counted in',
      '#policeMeasure Select how the crimes are measured',
    ]);
  });

  test('service usage needs a dataset and a measure; survey needs a question and is annual; manual needs nothing more', () => {
    assert.deepEqual(messages({ ...common, source: 'service-usage' }), [
      '#datasetId Select a service-usage dataset',
      '#usageMeasure Select how the events are measured',
    ]);
    const usage = data({ ...common, source: 'service-usage', datasetId: '3', service: ' Advice ', usageMeasure: 'count' });
    assert.deepEqual([usage.datasetId, usage.service, usage.measure], [3, 'Advice', 'count']);
    assert.deepEqual(messages({ ...common, source: 'survey' }), [
      '#frequency A survey indicator is annual: select Annual',
      '#surveyQuestion Select a survey question',
    ]);
    const survey = data({ ...common, frequency: 'annual', source: 'survey', surveyQuestion: 'Feel safe after dark' });
    assert.deepEqual([survey.surveyQuestion, survey.measure], ['Feel safe after dark', 'percent']);
    assert.equal(data({ ...common, source: 'manual' }).measure, 'value');
  });

  test('baseline and rebase periods are written in the frequency', () => {
    assert.deepEqual(messages({ ...common, source: 'manual', baselinePeriod: '2019-Q1' }), [
      '#baselinePeriod Enter the baseline period as a month as year and month, for example 2019-04',
      '#baselineValue Enter the baseline value, or clear the baseline period',
    ]);
    assert.deepEqual(messages({ ...common, source: 'manual', baselineValue: 'many' }), [
      '#baselinePeriod Enter the baseline period, or clear the baseline value',
      '#baselineValue Baseline value must be a number, like 12.5',
    ]);
    const ok = data({
      ...common,
      frequency: 'quarterly',
      source: 'manual',
      baselinePeriod: '2018 q4',
      baselineValue: '1,234.5',
      rebasePeriods: '2019-Q3, 2019q1',
    });
    assert.deepEqual([ok.baselinePeriod, ok.baselineValue, ok.rebasePeriods], ['2018-Q4', 1234.5, ['2019-Q1', '2019-Q3']]);
    assert.deepEqual(messages({ ...common, source: 'manual', rebasePeriods: '2019-04 2019' }), [
      '#rebasePeriods Rebase period 2019 is not a month as year and month, for example 2019-04',
    ]);
  });

  test('the version of a change is a whole number', () => {
    assert.equal(data({ ...common, source: 'manual', version: '3' }).version, 3);
    assert.deepEqual(messages({ ...common, source: 'manual', version: 'x' }), ['#name Reload the page and try again']);
  });
});

describe('targets, values and harm weights', () => {
  test('a target needs a period of the frequency and a number', () => {
    const form = validateForm(periodValueForm('quarterly', 'target'), { period: '2019 q2', target: '1,200' });
    assert.ok(form.ok);
    assert.deepEqual(form.data, { period: '2019-Q2', number: 1200, evidence: '' });
    const bad = validateForm(periodValueForm('monthly', 'target'), { period: '2019-Q2', target: 'ten' });
    assert.ok(!bad.ok);
    assert.deepEqual(
      bad.errors.summary.map((e) => e.text),
      ['Enter the period as a month as year and month, for example 2019-04', 'The target must be a number, like 12.5'],
    );
  });

  test('a value needs its evidence', () => {
    const bad = validateForm(periodValueForm('monthly', 'value'), { period: '2019-04', value: '12' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors.summary, [{ text: 'Enter the evidence for the value: where it comes from', href: '#evidence' }]);
  });

  test('harm weights: one for each of the 14 types, 0 or more', () => {
    const body = Object.fromEntries(POLICE_CRIME_TYPES.map((t) => [weightField(t), '10']));
    const ok = validateForm(harmWeightsForm, { ...body, [weightField('Burglary')]: '350.5' });
    assert.ok(ok.ok);
    assert.equal(Object.keys(ok.data).length, 14);
    assert.equal(ok.data['Burglary'], 350.5);
    const bad = validateForm(harmWeightsForm, { ...body, [weightField('Robbery')]: '-1', [weightField('Drugs')]: '' });
    assert.ok(!bad.ok);
    assert.deepEqual(bad.errors.summary, [
      { text: 'Enter the weight of Drugs', href: '#weight-drugs' },
      { text: 'The weight of Robbery must be a number, 0 or more', href: '#weight-robbery' },
    ]);
  });

  test('numbers as people type them', () => {
    assert.equal(parseNumber('1,234.5'), 1234.5);
    assert.equal(parseNumber('-3'), -3);
    assert.equal(parseNumber('.5'), 0.5);
    assert.equal(parseNumber('1e5'), null);
    assert.equal(parseNumber('12%'), null);
  });
});
