import type { Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { AppError } from '../../platform/errors.ts';
import { CRIME_TYPES } from '../crime-data/police-uk-format.ts';
import { addMonths, lowCounts, missingMonths, monthsBetween, type Completeness, type ForceMonth } from '../explore/completeness.ts';
import { forceCounts, forcesCovering, loadedForceMonths, loadedMonths, type LsoaRow } from '../explore/explore-repository.ts';
import { monthFlags } from '../explore/explore-view-models.ts';
import { harmIndex, harmWeightsWith } from '../statistics/harm-weights.ts';
import { poissonRateInterval, wilsonInterval } from '../statistics/poisson.ts';
import type { IndicatorWithSeries, SeriesPoint } from './indicator-types.ts';
import { describeSource } from './indicator-words.ts';
import { listHarmWeights } from './harm-weight-repository.ts';
import * as repo from './indicator-repository.ts';
import * as sources from './indicator-source-repository.ts';
import { frequencyOfPeriod, lastMonthOf, monthsOf, normalisePeriod, periodLabel, periodsBetween, periodsCovering } from './periods.ts';

/**
 * Each indicator's values per period, computed from its source: police.uk counts (plain, per 1,000
 * residents or harm-weighted), service-usage events, residents' survey results, or values entered
 * by hand. Periods whose source data is incomplete are kept but marked excluded, with the reason,
 * so SPC leaves them out of its limits and rules.
 */

interface SeriesFilter {
  priorityId?: number;
  indicatorIds?: number[];
  publicOnly?: boolean;
  /** The last period to include ('YYYY-MM', 'YYYY-Qn' or 'YYYY'): points ending after it are left out. */
  to?: string;
}

/** Rates are per this many residents. */
const RATE_PER = 1000;

/** One month of a source: its value (null: no data loaded) and why it may be incomplete. */
export interface MonthCell {
  month: string;
  value: number | null;
  reasons: string[];
  /** For a harm index: the plain count behind the value. */
  count?: number;
}

/** A period's total from its months, with what is missing or incomplete in it. */
interface PeriodTotal {
  period: string;
  /** The sum of the months with data; null when none has. */
  value: number | null;
  reasons: string[];
  /** For a harm index: the sum of the months' plain counts. */
  count?: number;
}

/**
 * Sums months into periods of the frequency. A period with a month that has no data, or a month
 * flagged as incomplete, is excluded with the reasons (a quarter with any excluded month is excluded).
 */
export function rollUp(months: readonly MonthCell[], frequency: IndicatorWithSeries['frequency']): PeriodTotal[] {
  if (months.length === 0) return [];
  const sorted = [...months].sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : 0));
  const byMonth = new Map(sorted.map((m) => [m.month, m]));
  return periodsCovering(sorted[0]!.month, sorted.at(-1)!.month, frequency).map((period) => {
    const cells = monthsOf(period).map((month) => byMonth.get(month) ?? { month, value: null, reasons: [] });
    const withData = cells.filter((c) => c.value !== null);
    const value = withData.length > 0 ? withData.reduce((sum, c) => sum + c.value!, 0) : null;
    const counted = withData.filter((c) => c.count !== undefined);
    const count = value !== null && counted.length > 0 ? { count: counted.reduce((sum, c) => sum + c.count!, 0) } : {};
    if (frequency === 'monthly') return { period, value, reasons: [...cells[0]!.reasons], ...count };
    const reasons = cells.flatMap((c) => c.reasons.map((r) => `${periodLabel(c.month)}: ${r}`));
    // Months with no data and no reason already given (those outside the data loaded).
    const missing = cells.filter((c) => c.value === null && c.reasons.length === 0).map((c) => periodLabel(c.month));
    if (missing.length > 0) {
      reasons.push(
        missing.length <= 3 ? `No data for ${joinWithAnd(missing)}` : `No data for ${missing.length} of its ${cells.length} months`,
      );
    }
    return { period, value, reasons, ...count };
  });
}

function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** A total as a point: excluded when anything is missing or incomplete. */
const countPoint = (t: PeriodTotal, target: number | null): SeriesPoint => ({
  period: t.period,
  value: t.value,
  ...(t.value === null ? {} : { numerator: t.value }),
  ...(t.count === undefined ? {} : { count: t.count }),
  excluded: t.reasons.length > 0,
  ...(t.reasons.length > 0 ? { exclusionReason: t.reasons.join('. ') } : {}),
  target,
});

/** A count as a rate per 1,000 residents, with its 95% confidence interval (exact Poisson). */
export function ratePoint(t: PeriodTotal, population: number | null, target: number | null): SeriesPoint {
  const point = countPoint(t, target);
  if (t.value === null || population === null || population <= 0) return { ...point, value: null };
  const interval = poissonRateInterval(t.value, population, RATE_PER);
  return {
    ...point,
    value: (t.value / population) * RATE_PER,
    numerator: t.value,
    denominator: population,
    lowerCi: interval.lower,
    upperCi: interval.upper,
  };
}

/** A survey result as a point: the percentage, with its Wilson 95% interval when the respondents are known. */
export function surveyPoint(row: sources.SurveyPointRow, target: number | null): SeriesPoint {
  const point: SeriesPoint = { period: String(row.survey_year), value: row.percent, excluded: false, target };
  if (row.respondents === null || row.respondents <= 0) return point;
  const interval = wilsonInterval(row.percent / 100, row.respondents);
  return { ...point, denominator: row.respondents, lowerCi: interval.lower * 100, upperCi: interval.upper * 100 };
}

interface Area {
  lsoaCodes: string[];
  population: number | null;
}

/** What one call computes once and shares across indicators. */
class SeriesContext {
  private lsoas?: Promise<LsoaRow[]>;
  private weights?: Promise<Record<string, number>>;
  private allMonths?: Promise<string[]>;
  private readonly completeness = new Map<string, Promise<{ forceMonths: ForceMonth[]; completeness: Completeness }>>();

  constructor(
    readonly trx: Transaction<DB>,
    readonly partnershipId: number,
    /** The last month to include, if any. */
    readonly toMonth: string | null,
  ) {}

  partnershipLsoas(): Promise<LsoaRow[]> {
    this.lsoas ??= sources.partnershipLsoas(this.trx, this.partnershipId);
    return this.lsoas;
  }

  /** Every type's harm weight: the partnership's own, else the documented default. */
  harmWeights(): Promise<Record<string, number>> {
    this.weights ??= listHarmWeights(this.trx, this.partnershipId).then((rows) =>
      harmWeightsWith(Object.fromEntries(rows.map((r) => [r.crime_type, r.weight]))),
    );
    return this.weights;
  }

  loadedMonths(): Promise<string[]> {
    this.allMonths ??= loadedMonths(this.trx);
    return this.allMonths;
  }

  /** The forces' loaded months and their completeness flags over every loaded month, once per set of forces. */
  forceCompleteness(forces: readonly string[], from: string, to: string) {
    const key = forces.join(',');
    let entry = this.completeness.get(key);
    if (!entry) {
      entry = (async () => {
        const forceMonths = await loadedForceMonths(this.trx, forces);
        const counts = await forceCounts(this.trx, forces, addMonths(from, -2), addMonths(to, 2));
        return { forceMonths, completeness: { low: lowCounts(counts), missing: missingMonths(forceMonths) } };
      })();
      this.completeness.set(key, entry);
    }
    return entry;
  }

  /** The names of an indicator's wards, when its area is wards. */
  async wardNames(row: repo.IndicatorRow): Promise<Map<string, string>> {
    if (row.source !== 'police' || row.area_kind !== 'wards') return new Map();
    return new Map((await sources.wardNames(this.trx, row.area_codes)).map((w) => [w.code, w.name]));
  }

  async area(row: repo.IndicatorRow): Promise<Area> {
    const all = await this.partnershipLsoas();
    const chosen = new Set(row.area_codes);
    const lsoas =
      row.source !== 'police' || row.area_kind === 'partnership'
        ? all
        : all.filter((l) => (row.area_kind === 'lsoas' ? chosen.has(l.code) : l.ward_code !== null && chosen.has(l.ward_code)));
    const population = lsoas.length > 0 && lsoas.every((l) => l.population !== null) ? lsoas.reduce((n, l) => n + l.population!, 0) : null;
    return { lsoaCodes: lsoas.map((l) => l.code), population };
  }
}

const capMonth = (month: string, toMonth: string | null): string => (toMonth !== null && toMonth < month ? toMonth : month);

/** The crime types an indicator counts: those chosen, or every type when none is. */
const indicatorCrimeTypes = (row: Pick<repo.IndicatorRow, 'crime_types'>): string[] =>
  row.crime_types.length > 0 ? row.crime_types : [...CRIME_TYPES];

async function policeMonths(ctx: SeriesContext, row: repo.IndicatorRow, area: Area): Promise<MonthCell[]> {
  const loaded = await ctx.loadedMonths();
  if (area.lsoaCodes.length === 0 || loaded.length === 0) return [];
  const forces = await forcesCovering(ctx.trx, { lsoaCodes: area.lsoaCodes, from: loaded[0]!, to: loaded.at(-1)! });
  if (forces.length === 0) return [];
  const { forceMonths, completeness } = await ctx.forceCompleteness(forces, loaded[0]!, loaded.at(-1)!);
  const months = new Set(forceMonths.map((m) => m.month));
  const sorted = [...months].sort();
  const from = sorted[0]!;
  const to = capMonth(sorted.at(-1)!, ctx.toMonth);
  if (to < from) return [];
  const types = indicatorCrimeTypes(row);
  const counts = await sources.crimesByMonthAndType(ctx.trx, { lsoaCodes: area.lsoaCodes, types, from, to });
  const weights = row.measure === 'harm' ? await ctx.harmWeights() : null;
  const flags = monthFlags({
    low: completeness.low.filter((f) => types.includes(f.crimeType)),
    missing: completeness.missing,
  });
  const byMonth = new Map<string, Record<string, number>>();
  for (const c of counts) byMonth.set(c.month, { ...byMonth.get(c.month), [c.crime_type]: c.crimes });
  const cells = new Map<string, MonthCell>();
  for (const month of monthsBetween(from, to)) {
    const flag = flags.get(month);
    const byType = byMonth.get(month) ?? {};
    const count = Object.values(byType).reduce((n, c) => n + c, 0);
    const value = weights ? harmIndex(byType, weights).harm : count;
    cells.set(month, {
      month,
      value: months.has(month) ? value : null,
      reasons: flag ? [flag] : [],
      ...(weights && months.has(month) ? { count } : {}),
    });
  }
  return [...cells.values()];
}

async function serviceUsageMonths(ctx: SeriesContext, row: repo.IndicatorRow): Promise<MonthCell[]> {
  if (row.dataset_id === null) return [];
  const rows = await sources.serviceUsageByMonth(ctx.trx, ctx.partnershipId, { datasetId: row.dataset_id, service: row.service });
  if (rows.length === 0) return [];
  const from = rows[0]!.month;
  const to = capMonth(rows.at(-1)!.month, ctx.toMonth);
  if (to < from) return [];
  const cells = new Map<string, MonthCell>(monthsBetween(from, to).map((month) => [month, { month, value: 0, reasons: [] }]));
  for (const r of rows) {
    const cell = cells.get(r.month);
    if (cell) cell.value = r.events;
  }
  return [...cells.values()];
}

/** Values entered by hand, one per period, the periods between them filled with gaps. */
async function manualPoints(
  ctx: SeriesContext,
  row: repo.IndicatorRow,
  targetOf: (period: string) => number | null,
): Promise<SeriesPoint[]> {
  const values = (await repo.listValues(ctx.trx, ctx.partnershipId, row.id)).filter((v) => frequencyOfPeriod(v.period) === row.frequency);
  if (values.length === 0) return [];
  const byPeriod = new Map(values.map((v) => [v.period, v.value]));
  return periodsBetween(values[0]!.period, values.at(-1)!.period).map((period) => ({
    period,
    value: byPeriod.get(period) ?? null,
    excluded: false,
    target: targetOf(period),
  }));
}

async function seriesOf(ctx: SeriesContext, row: repo.IndicatorRow, targetOf: (period: string) => number | null): Promise<SeriesPoint[]> {
  switch (row.source) {
    case 'manual':
      return manualPoints(ctx, row, targetOf);
    case 'survey': {
      if (row.survey_question === null) return [];
      const results = await sources.surveyResultsFor(ctx.trx, ctx.partnershipId, row.survey_question);
      return results.map((r) => surveyPoint(r, targetOf(String(r.survey_year))));
    }
    case 'police':
    case 'service-usage': {
      const area = await ctx.area(row);
      const months = row.source === 'police' ? await policeMonths(ctx, row, area) : await serviceUsageMonths(ctx, row);
      return rollUp(months, row.frequency).map((t) =>
        row.measure === 'rate' ? ratePoint(t, area.population, targetOf(t.period)) : countPoint(t, targetOf(t.period)),
      );
    }
  }
}

function toMonthOf(to: string | undefined): string | null {
  if (to === undefined) return null;
  const period = normalisePeriod(to);
  if (frequencyOfPeriod(period) === null)
    throw new AppError('BAD_REQUEST', `The period ${to} is not a month (2019-03), quarter (2019-Q1) or year (2019)`);
  return lastMonthOf(period);
}

/**
 * The partnership's indicators with their values per period, in the library's order (by priority,
 * then theme and name). `trx` is a tenant transaction (db.tenant) or the demo loader's.
 */
export async function loadIndicatorsWithSeries(
  trx: Transaction<DB>,
  partnershipId: number,
  filter: SeriesFilter,
): Promise<IndicatorWithSeries[]> {
  const toMonth = toMonthOf(filter.to);
  const rows = await repo.listIndicators(trx, partnershipId, {
    ...(filter.priorityId !== undefined ? { priorityId: filter.priorityId } : {}),
    ...(filter.indicatorIds !== undefined ? { ids: filter.indicatorIds } : {}),
    ...(filter.publicOnly ? { publicOnly: true } : {}),
  });
  if (rows.length === 0) return [];
  const targets = await repo.listTargets(
    trx,
    partnershipId,
    rows.map((r) => r.id),
  );
  const ctx = new SeriesContext(trx, partnershipId, toMonth);
  const result: IndicatorWithSeries[] = [];
  for (const row of rows) {
    const own = new Map(targets.filter((t) => t.indicator_id === row.id).map((t) => [t.period, t.target]));
    const points = (await seriesOf(ctx, row, (period) => own.get(period) ?? null)).filter(
      (p) => toMonth === null || lastMonthOf(p.period) <= toMonth,
    );
    result.push({
      id: row.id,
      name: row.name,
      definition: row.definition,
      unit: row.unit,
      priorityId: row.priority_id,
      themeId: row.theme_id,
      ownerName: row.owner_name,
      frequency: row.frequency,
      direction: row.direction,
      visibility: row.visibility,
      source: row.source,
      measure: row.measure,
      sourceDescription: describeSource({
        source: row.source,
        measure: row.measure,
        crimeTypes: row.crime_types,
        areaKind: row.area_kind,
        areaCodes: row.area_codes,
        wardNames: await ctx.wardNames(row),
        datasetName: row.dataset_name,
        service: row.service,
        surveyQuestion: row.survey_question,
      }),
      baseline:
        row.baseline_period !== null && row.baseline_value !== null ? { period: row.baseline_period, value: row.baseline_value } : null,
      rebasePeriods: row.rebase_periods,
      points,
    });
  }
  return result;
}
