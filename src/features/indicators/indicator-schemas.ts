import { z } from 'zod';
import {
  indicatorDirections,
  indicatorFrequencies,
  indicatorSources,
  type IndicatorAreaKind,
  type IndicatorDirection,
  type IndicatorFrequency,
  type IndicatorMeasure,
  type IndicatorSource,
  type IndicatorVisibility,
} from '../../platform/db/schema.ts';
import { recordId } from '../../platform/http/params.ts';
import { CRIME_TYPES } from '../crime-data/police-uk-format.ts';
import { isPeriodOf, normalisePeriod, periodFormats } from './periods.ts';

/** The police.uk crime types an indicator may count: today's 14 categories. */
export const POLICE_CRIME_TYPES: readonly string[] = CRIME_TYPES.filter((t) => t !== 'Public disorder and weapons');

const policeMeasures = ['count', 'rate', 'harm'] as const;
const usageMeasures = ['count', 'rate'] as const;
const areaKinds = ['partnership', 'lsoas', 'wards'] as const;

const LSOA_CODE = /^[EW]0\d{7}$/;

/** Form text: strings only, trimmed; anything else is blank. */
const str = z
  .unknown()
  .optional()
  .transform((v) => (typeof v === 'string' ? v.trim() : ''));

/** A field that may be posted once or many times (checkboxes): always a list of non-blank strings. */
const list = z
  .unknown()
  .optional()
  .transform((v) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v])
      .filter((x): x is string => typeof x === 'string' && x.trim() !== '')
      .map((x) => x.trim()),
  );

/** A number as typed ("1,234.5", "-3"), or null when it is not one. */
export function parseNumber(text: string): number | null {
  const compact = text.replace(/,/g, '').trim();
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(compact)) return null;
  const value = Number(compact);
  return Number.isFinite(value) && Math.abs(value) < 1e12 ? value : null;
}

/** Periods typed into one box, separated by commas, semicolons or new lines. */
const splitList = (text: string): string[] =>
  text
    .split(/[\s,;]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

const periodHint = (frequency: IndicatorFrequency) => periodFormats[frequency].hint;

const base = z.object({
  name: str,
  definition: str,
  unit: str,
  groupId: str,
  ownerUserId: str,
  frequency: str,
  direction: str,
  baselinePeriod: str,
  baselineValue: str,
  visibility: str,
  rebasePeriods: str,
  source: str,
  crimeTypes: list,
  areaKind: str,
  wardCodes: list,
  lsoaCodes: str,
  policeMeasure: str,
  datasetId: str,
  service: str,
  usageMeasure: str,
  surveyQuestion: str,
  version: str,
});

export interface IndicatorInput {
  name: string;
  definition: string;
  unit: string;
  priorityId: number | null;
  themeId: number | null;
  ownerUserId: number | null;
  frequency: IndicatorFrequency;
  direction: IndicatorDirection;
  baselinePeriod: string | null;
  baselineValue: number | null;
  visibility: IndicatorVisibility;
  rebasePeriods: string[];
  source: IndicatorSource;
  measure: IndicatorMeasure;
  crimeTypes: string[];
  areaKind: IndicatorAreaKind;
  areaCodes: string[];
  datasetId: number | null;
  service: string | null;
  surveyQuestion: string | null;
  /** The version the form was opened at (changes only). */
  version?: number;
}

const oneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

/**
 * The indicator form (add and change). Every field is shown without JavaScript; only the chosen
 * source's fields are read and checked. Errors come in the order of the form.
 */
export const indicatorForm = base.transform((v, ctx): IndicatorInput => {
  const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });

  if (v.name === '') issue('name', 'Enter the name of the indicator');
  else if (v.name.length > 200) issue('name', 'Name must be 200 characters or fewer');
  if (v.definition.length > 5000) issue('definition', 'Definition must be 5000 characters or fewer');
  if (v.unit.length > 100) issue('unit', 'Unit must be 100 characters or fewer');

  let priorityId: number | null = null;
  let themeId: number | null = null;
  const group = /^(priority|theme)-(\d{1,10})$/.exec(v.groupId);
  if (v.groupId !== '' && !group) issue('groupId', 'Select a priority or theme from the list');
  else if (group?.[1] === 'priority') priorityId = Number(group[2]);
  else if (group) themeId = Number(group[2]);

  const owner = v.ownerUserId === '' ? null : recordId.safeParse(v.ownerUserId);
  if (owner && !owner.success) issue('ownerUserId', 'Select an owner from the list');

  const source = oneOf(indicatorSources, v.source) ? v.source : null;
  const frequency = oneOf(indicatorFrequencies, v.frequency) ? v.frequency : null;
  if (!frequency) issue('frequency', 'Select how often the indicator is measured');
  else if (source === 'survey' && frequency !== 'annual') issue('frequency', 'A survey indicator is annual: select Annual');

  const direction = oneOf(indicatorDirections, v.direction) ? v.direction : null;
  if (!direction) issue('direction', 'Select whether lower or higher is better');

  let baselinePeriod: string | null = null;
  let baselineValue: number | null = null;
  if (v.baselinePeriod !== '' || v.baselineValue !== '') {
    baselinePeriod = normalisePeriod(v.baselinePeriod);
    if (v.baselinePeriod === '') issue('baselinePeriod', 'Enter the baseline period, or clear the baseline value');
    else if (frequency && !isPeriodOf(frequency, baselinePeriod))
      issue('baselinePeriod', `Enter the baseline period as ${periodHint(frequency)}`);
    baselineValue = parseNumber(v.baselineValue);
    if (v.baselineValue === '') issue('baselineValue', 'Enter the baseline value, or clear the baseline period');
    else if (baselineValue === null) issue('baselineValue', 'Baseline value must be a number, like 12.5');
  }

  const visibility = v.visibility === 'public' || v.visibility === 'restricted' ? v.visibility : null;
  if (!visibility) issue('visibility', 'Select who may see the indicator');

  const rebasePeriods = [...new Set(splitList(v.rebasePeriods).map(normalisePeriod))].sort();
  const badRebase = frequency ? rebasePeriods.find((p) => !isPeriodOf(frequency, p)) : undefined;
  if (badRebase) issue('rebasePeriods', `Rebase period ${badRebase} is not ${periodHint(frequency!)}`);
  else if (rebasePeriods.length > 50) issue('rebasePeriods', 'Enter 50 rebase periods or fewer');

  if (!source) issue('source', 'Select where the values come from');

  let measure: IndicatorMeasure = 'value';
  let crimeTypes: string[] = [];
  let areaKind: IndicatorAreaKind = 'partnership';
  let areaCodes: string[] = [];
  let datasetId: number | null = null;
  let service: string | null = null;
  let surveyQuestion: string | null = null;

  if (source === 'police') {
    crimeTypes = [...new Set(v.crimeTypes)];
    const unknown = crimeTypes.find((t) => !POLICE_CRIME_TYPES.includes(t));
    if (unknown) issue('crimeTypes', 'Select crime types from the list');
    // Every type ticked is the same as none: all types.
    if (crimeTypes.length === POLICE_CRIME_TYPES.length) crimeTypes = [];
    crimeTypes = POLICE_CRIME_TYPES.filter((t) => crimeTypes.includes(t));
    if (!oneOf(areaKinds, v.areaKind)) issue('areaKind', 'Select the area the crimes are counted in');
    else {
      areaKind = v.areaKind;
      if (areaKind === 'wards') {
        areaCodes = [...new Set(v.wardCodes)].sort();
        if (areaCodes.length === 0) issue('wardCodes', 'Select at least one ward');
      } else if (areaKind === 'lsoas') {
        areaCodes = [...new Set(splitList(v.lsoaCodes).map((c) => c.toUpperCase()))].sort();
        const bad = areaCodes.find((c) => !LSOA_CODE.test(c));
        if (areaCodes.length === 0) issue('lsoaCodes', 'Enter at least one LSOA code, like E01024320');
        else if (bad) issue('lsoaCodes', `${bad} is not an LSOA code: enter codes like E01024320, one to a line`);
        else if (areaCodes.length > 2000) issue('lsoaCodes', 'Enter 2000 LSOA codes or fewer');
      }
    }
    if (oneOf(policeMeasures, v.policeMeasure)) measure = v.policeMeasure;
    else issue('policeMeasure', 'Select how the crimes are measured');
  } else if (source === 'service-usage') {
    const dataset = recordId.safeParse(v.datasetId);
    if (!dataset.success) issue('datasetId', 'Select a service-usage dataset');
    else datasetId = dataset.data;
    if (v.service.length > 200) issue('service', 'Service must be 200 characters or fewer');
    service = v.service === '' ? null : v.service;
    if (oneOf(usageMeasures, v.usageMeasure)) measure = v.usageMeasure;
    else issue('usageMeasure', 'Select how the events are measured');
  } else if (source === 'survey') {
    if (v.surveyQuestion === '') issue('surveyQuestion', 'Select a survey question');
    surveyQuestion = v.surveyQuestion;
    measure = 'percent';
  }

  const version = v.version === '' ? undefined : /^[1-9][0-9]{0,8}$/.test(v.version) ? Number(v.version) : null;
  if (version === null) issue('name', 'Reload the page and try again');

  return {
    name: v.name,
    definition: v.definition,
    unit: v.unit,
    priorityId,
    themeId,
    ownerUserId: owner?.success ? owner.data : null,
    frequency: frequency ?? 'monthly',
    direction: direction ?? 'lower',
    baselinePeriod,
    baselineValue,
    visibility: visibility ?? 'restricted',
    rebasePeriods,
    source: source ?? 'manual',
    measure,
    crimeTypes,
    areaKind,
    areaCodes,
    datasetId,
    service,
    surveyQuestion,
    ...(version ? { version } : {}),
  };
});

/** A target for one period, or a manual value: the period in the indicator's frequency and a number. */
export const periodValueForm = (frequency: IndicatorFrequency, field: 'target' | 'value') =>
  z.object({ period: str, target: str, value: str, evidence: str }).transform((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const period = normalisePeriod(v.period);
    if (v.period === '') issue('period', 'Enter the period');
    else if (!isPeriodOf(frequency, period)) issue('period', `Enter the period as ${periodHint(frequency)}`);
    const raw = v[field];
    const number = parseNumber(raw);
    const label = field === 'target' ? 'target' : 'value';
    if (raw === '') issue(field, `Enter the ${label}`);
    else if (number === null) issue(field, `The ${label} must be a number, like 12.5`);
    if (field === 'value') {
      if (v.evidence === '') issue('evidence', 'Enter the evidence for the value: where it comes from');
      else if (v.evidence.length > 2000) issue('evidence', 'Evidence must be 2000 characters or fewer');
    }
    return { period, number: number ?? 0, evidence: v.evidence };
  });

/** The period of a target or value to remove. */
export const removePeriodForm = z.object({ period: str }).transform((v, ctx) => {
  if (v.period === '') ctx.addIssue({ code: 'custom', path: ['period'], message: 'Choose a period to remove' });
  return v.period;
});

/** The harm weight field of a crime type: "weight-violence-and-sexual-offences". */
export const weightField = (crimeType: string): string => `weight-${crimeType.toLowerCase().replace(/[^a-z]+/g, '-')}`;

/** The harm weights form: one weight, 0 or more, per crime type. */
export const harmWeightsForm = z.record(z.string(), z.unknown()).transform((body, ctx) => {
  const weights: Record<string, number> = {};
  for (const crimeType of POLICE_CRIME_TYPES) {
    const field = weightField(crimeType);
    const raw = typeof body[field] === 'string' ? body[field].trim() : '';
    const weight = parseNumber(raw);
    if (raw === '') ctx.addIssue({ code: 'custom', path: [field], message: `Enter the weight of ${crimeType}` });
    else if (weight === null || weight < 0)
      ctx.addIssue({ code: 'custom', path: [field], message: `The weight of ${crimeType} must be a number, 0 or more` });
    else weights[crimeType] = weight;
  }
  return weights;
});

/** The list page's filter: a priority id, or nothing. */
export const indicatorListQuery = z.object({ priority: recordId.optional().catch(undefined) }).catch({});
