import { explorePaths } from './explore-paths.ts';
import { forceName } from '../crime-data/police-forces.ts';
import { escapeHtml, type ChoiceItem, type SelectItem, type TableCell } from '../../platform/view-models.ts';
import type { Completeness, ForceMonth } from './completeness.ts';
import type { AreaChoices } from './explore-area.ts';
import { ratePer1000 } from './explore-downloads.ts';
import type { ExploreQuery, ExploreQueryValues } from './explore-schemas.ts';
import { areaParam } from './explore-schemas.ts';
import type { ExplorePage, ExploreSummary } from './explore-service.ts';
import type { SearchCount } from './explore-stop-search.ts';
import { leftOutWords, WARDS_FROM_LSOAS } from './left-out.ts';
import { asGeometry, choroplethSvg, type MapArea } from './svg/choropleth.ts';
import { trendChartSvg, type TrendPoint } from './svg/trend-chart.ts';
import { MONTH_NAMES } from '../../platform/format.ts';

/** What the explore page passes to the GOV.UK macros and the charts, built here so the template stays simple. */

const ASB = 'Anti-social behaviour';

/** '2018-10' as 'October 2018'. */
export function monthName(month: string): string {
  const [year, m] = month.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${year}`;
}

export const formatCount = (value: number): string => value.toLocaleString('en-GB');

/** A rate per 1,000 residents to one decimal place, or "Not available" without a population. */
export function formatRate(value: number | null): string {
  return value === null ? 'Not available' : value.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** Words joined as a list: "a", "a and b", "a, b and c". */
export function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** What the counts are of, for the types chosen. */
export function measureName(types: readonly string[]): string {
  const asb = types.includes(ASB);
  if (asb && types.length === 1) return 'Anti-social behaviour incidents';
  return asb ? 'Crimes and anti-social behaviour incidents' : 'Crimes';
}

/** The area select: the whole area, its districts when there are several, urban and rural, wards, then LSOAs. */
export function areaSelectItems(areas: AreaChoices, selected: string): SelectItem[] {
  const items: SelectItem[] = [{ value: 'all', text: 'Whole partnership area', selected: selected === '' || selected === 'all' }];
  const add = (value: string, text: string) => items.push({ value, text, selected: selected === value });
  if (areas.districts.length > 1) for (const d of areas.districts) add(d.code, `District: ${d.name}`);
  if (areas.lsoas.some((l) => l.ruralUrban === 'urban')) add('urban', 'Urban areas');
  if (areas.lsoas.some((l) => l.ruralUrban === 'rural')) add('rural', 'Rural areas');
  for (const w of areas.wards) add(w.code, `Ward: ${w.name}`);
  for (const l of areas.lsoas) add(l.code, `LSOA: ${l.name}`);
  return items;
}

export function monthSelectItems(months: readonly string[], selected: string): SelectItem[] {
  return months.map((m) => ({ value: m, text: monthName(m), selected: m === selected }));
}

/** The crime type checkboxes, all ticked when none were chosen. */
export function typeCheckboxItems(types: readonly string[], chosen: readonly string[]): ChoiceItem[] {
  return types.map((t) => ({ value: t, text: t, checked: chosen.length === 0 || chosen.includes(t) }));
}

/** A link to the explore page (or a download) with these choices; every type chosen is left out as the default. */
export function exploreHref(query: ExploreQuery, allTypes: readonly string[], base: string = explorePaths.page()): string {
  const params = new URLSearchParams({ area: areaParam(query.area), from: query.from, to: query.to });
  const everyType = allTypes.every((t) => query.types.includes(t));
  if (!everyType) for (const t of query.types) params.append('types', t);
  return `${base}?${params.toString()}`;
}

/** Each flagged month, with why: low counts of chosen types, or no data loaded. */
export function monthFlags(completeness: Completeness): Map<string, string> {
  const reasons = new Map<string, string[]>();
  const add = (month: string, reason: string) => reasons.set(month, [...(reasons.get(month) ?? []), reason]);
  const lowByMonth = new Map<string, Set<string>>();
  for (const f of completeness.low) lowByMonth.set(f.month, (lowByMonth.get(f.month) ?? new Set()).add(f.crimeType));
  for (const [month, types] of lowByMonth) add(month, `Possibly incomplete: low counts of ${joinWithAnd([...types])}`);
  for (const m of completeness.missing) add(m.month, `No data loaded from ${forceName(m.force)}`);
  return new Map([...reasons].map(([month, list]) => [month, list.join('. ')]));
}

/**
 * The warning under the results: each type with abnormally low months, naming the months and the
 * force; then months with no data.
 */
export function completenessWarnings(completeness: Completeness): string[] {
  const byTypeAndForce = new Map<string, { crimeType: string; force: string; months: string[] }>();
  for (const f of completeness.low) {
    const key = `${f.force}|${f.crimeType}`;
    const entry = byTypeAndForce.get(key) ?? { crimeType: f.crimeType, force: f.force, months: [] };
    entry.months.push(f.month);
    byTypeAndForce.set(key, entry);
  }
  const lines = [...byTypeAndForce.values()]
    .sort((a, b) => a.crimeType.localeCompare(b.crimeType) || a.force.localeCompare(b.force))
    .map((e) => `${e.crimeType}: ${joinWithAnd(e.months.sort().map(monthName))} (${forceName(e.force)})`);
  const missingByForce = new Map<string, string[]>();
  for (const m of completeness.missing) missingByForce.set(m.force, [...(missingByForce.get(m.force) ?? []), m.month]);
  for (const [force, months] of missingByForce) {
    lines.push(`No data loaded from ${forceName(force)} for ${joinWithAnd(months.sort().map(monthName))}`);
  }
  return lines;
}

const numeric = (text: string): TableCell => ({ text, format: 'numeric' });

/** The area as "outside …" names it. */
function areaWords(area: ExploreSummary['area']): string {
  const kind = area.ref.kind;
  if (kind === 'all') return 'the partnership’s area';
  if (kind === 'urban' || kind === 'rural') return `the partnership’s ${kind} areas`;
  return area.label;
}

/** The key figures, as summary list rows. */
export function keyFigureRows(summary: ExploreSummary, allTypes: readonly string[]): { key: { text: string }; value: { text: string } }[] {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const everyType = allTypes.every((t) => summary.types.includes(t));
  const lsoas = summary.area.lsoas.length;
  return [
    row('Area', `${summary.area.label} (${formatCount(lsoas)} ${lsoas === 1 ? 'LSOA' : 'LSOAs'})`),
    row('Months', summary.from === summary.to ? monthName(summary.from) : `${monthName(summary.from)} to ${monthName(summary.to)}`),
    row('Crime types', everyType ? 'All types' : summary.types.join(', ')),
    row(measureName(summary.types), formatCount(summary.total)),
    row('Not counted', leftOutWords(summary.leftOut, areaWords(summary.area))),
    ...(summary.area.ref.kind === 'ward' ? [row('How wards are made', WARDS_FROM_LSOAS)] : []),
    row(
      'Residents',
      summary.population === null
        ? 'Not available'
        : `${formatCount(summary.population)}${summary.populationYear ? ` (mid-${summary.populationYear} estimate)` : ''}`,
    ),
    row('Per 1,000 residents', formatRate(ratePer1000(summary.total, summary.population))),
  ];
}

function typeRows(summary: ExploreSummary): TableCell[][] {
  return summary.byType.map((t) => [
    { text: t.crimeType },
    numeric(formatCount(t.crimes)),
    numeric(formatRate(ratePer1000(t.crimes, summary.population))),
  ]);
}

/** The months with their flags: months with no data at all from a force that should have it show as no data. */
function trendValues(summary: ExploreSummary): { month: string; crimes: number | null; flag: string | undefined }[] {
  const flags = monthFlags(summary.completeness);
  const missing = new Set(summary.completeness.missing.map((m) => m.month));
  return summary.byMonth.map((m) => ({
    month: m.month,
    crimes: m.crimes === 0 && missing.has(m.month) ? null : m.crimes,
    flag: flags.get(m.month),
  }));
}

export function trendRows(summary: ExploreSummary): TableCell[][] {
  return trendValues(summary).map((m) => [
    { text: monthName(m.month) },
    numeric(m.crimes === null ? 'No data' : formatCount(m.crimes)),
    numeric(m.crimes === null ? 'No data' : formatRate(ratePer1000(m.crimes, summary.population))),
    m.flag ? { html: `<strong class="govuk-tag govuk-tag--yellow">Check</strong> ${escapeHtml(m.flag)}` } : { text: '' },
  ]);
}

export function trendChart(summary: ExploreSummary): string {
  const values = trendValues(summary);
  const measure = measureName(summary.types);
  const points: TrendPoint[] = values.map((m) => {
    const [year, month] = m.month.split('-');
    return {
      label: MONTH_NAMES[Number(month) - 1]!.slice(0, 3),
      sublabel: year,
      value: m.crimes,
      flag: m.flag,
      tooltip: `${monthName(m.month)}: ${m.crimes === null ? 'no data' : formatCount(m.crimes)}`,
    };
  });
  const known = values.filter((m): m is { month: string; crimes: number; flag: string | undefined } => m.crimes !== null);
  const highest = known.reduce<(typeof known)[number] | null>((best, m) => (!best || m.crimes > best.crimes ? m : best), null);
  const lowest = known.reduce<(typeof known)[number] | null>((best, m) => (!best || m.crimes < best.crimes ? m : best), null);
  const flagged = values.filter((m) => m.flag).map((m) => monthName(m.month));
  const description = [
    `Bar chart of ${measure.toLowerCase()} by month in ${summary.area.label}, ${monthName(summary.from)} to ${monthName(summary.to)}.`,
    highest && lowest
      ? `The highest month is ${monthName(highest.month)} with ${formatCount(highest.crimes)}; ` +
        `the lowest is ${monthName(lowest.month)} with ${formatCount(lowest.crimes)}.`
      : '',
    flagged.length > 0 ? `Marked as possibly incomplete: ${joinWithAnd(flagged)}.` : '',
    'The table after the chart gives the same numbers.',
  ];
  return trendChartSvg({
    id: 'trend-chart',
    title: `${measure} by month`,
    description: description.filter((s) => s !== '').join(' '),
    seriesLabel: measure,
    points,
  });
}

/** The LSOAs with their rates, highest rate first (then most crimes, then by name); no rate comes last. */
function lsoasByRate(summary: ExploreSummary) {
  return summary.byLsoa
    .map((l) => ({ ...l, rate: ratePer1000(l.crimes, l.population) }))
    .sort((a, b) => (b.rate ?? -1) - (a.rate ?? -1) || b.crimes - a.crimes || a.name.localeCompare(b.name, 'en-GB', { numeric: true }));
}

/** The LSOA table: each name links to the explore page for that LSOA, keeping the months and types. */
export function lsoaRows(summary: ExploreSummary, allTypes: readonly string[]): TableCell[][] {
  return lsoasByRate(summary).map((l) => {
    const href = exploreHref({ area: { kind: 'lsoa', code: l.code }, from: summary.from, to: summary.to, types: summary.types }, allTypes);
    return [
      { html: `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(l.name)}</a>` },
      { text: l.code },
      numeric(l.population === null ? 'Not available' : formatCount(l.population)),
      numeric(formatCount(l.crimes)),
      numeric(formatRate(l.rate)),
    ];
  });
}

/** The map is shaded by rate; without any population figures, by count. */
export function lsoaMap(summary: ExploreSummary, boundaries: ReadonlyMap<string, unknown>): string | null {
  const byRate = summary.byLsoa.some((l) => l.population !== null);
  const areas: MapArea[] = summary.byLsoa.map((l) => {
    const rate = ratePer1000(l.crimes, l.population);
    return {
      code: l.code,
      name: l.name,
      geometry: asGeometry(boundaries.get(l.code)),
      value: byRate ? rate : l.crimes,
      summary:
        `${formatCount(l.crimes)} ${l.crimes === 1 ? 'crime or incident' : 'crimes and incidents'}, ` +
        (rate === null ? 'rate not available' : `${formatRate(rate)} per 1,000 residents`),
    };
  });
  const drawn = areas.filter((a) => a.geometry !== null).length;
  if (drawn === 0) return null;
  const measure = byRate ? 'per 1,000 residents' : 'crimes and incidents';
  return choroplethSvg({
    id: 'lsoa-map',
    title: `Map of ${measureName(summary.types).toLowerCase()} ${measure} by LSOA`,
    description:
      `Map of the ${formatCount(drawn)} LSOAs in ${summary.area.label}, ${monthName(summary.from)} to ${monthName(summary.to)}, ` +
      `shaded from light (fewest) to dark (most) ${measure}. The table after the map gives the same numbers, and links to each LSOA.`,
    legendTitle: byRate ? `${measureName(summary.types)} per 1,000 residents` : measureName(summary.types),
    areas,
    formatValue: byRate ? formatRate : formatCount,
  });
}

function locationRows(page: ExplorePage): TableCell[][] {
  return page.repeatLocations.map((l) => [{ text: l.location }, { text: l.lsoaName }, numeric(formatCount(l.crimes))]);
}

const NO_OUTCOME = 'No outcome recorded';

/** A part of a whole as a percentage to one decimal place at most; nothing when the whole is 0. */
const share = (n: number, total: number) =>
  total > 0 ? `${((n / total) * 100).toLocaleString('en-GB', { maximumFractionDigits: 1 })}%` : '';

export function outcomeRows(page: Pick<ExplorePage, 'outcomes'>): TableCell[][] {
  const total = page.outcomes.reduce((n, o) => n + o.crimes, 0);
  return page.outcomes.map((o) => [{ text: o.outcome ?? NO_OUTCOME }, numeric(formatCount(o.crimes)), numeric(share(o.crimes, total))]);
}

/** Outcomes recorded in the months (outcomes files), by outcome type, with shares. */
export function outcomeTypeRows(page: Pick<ExplorePage, 'outcomeTypes'>): TableCell[][] {
  const total = page.outcomeTypes.reduce((n, o) => n + o.outcomes, 0);
  return page.outcomeTypes.map((o) => [{ text: o.outcomeType }, numeric(formatCount(o.outcomes)), numeric(share(o.outcomes, total))]);
}

const NOT_RECORDED = 'Not recorded';

/** Searches by object of search or by outcome, with shares; nothing recorded in words. */
export function searchRows(counts: readonly SearchCount[]): TableCell[][] {
  const total = counts.reduce((n, c) => n + c.searches, 0);
  return counts.map((c) => [
    { text: c.label === '' ? NOT_RECORDED : c.label },
    numeric(formatCount(c.searches)),
    numeric(share(c.searches, total)),
  ]);
}

/** "No outcomes data has been imported from Kent Police for November 2018 and December 2018", per force. */
export function notLoadedNotes(what: string, missing: readonly ForceMonth[]): string[] {
  const byForce = new Map<string, string[]>();
  for (const m of missing) byForce.set(m.force, [...(byForce.get(m.force) ?? []), m.month]);
  return [...byForce].map(
    ([force, months]) => `No ${what} data has been imported from ${forceName(force)} for ${joinWithAnd(months.sort().map(monthName))}.`,
  );
}

/** What the stop and search part of the page says about where the searches are. */
export function stopSearchNote(page: Pick<ExplorePage, 'stopSearch'>): string | null {
  const { lsoas, lsoasWithBoundary } = page.stopSearch;
  if (lsoasWithBoundary === 0) return 'Searches cannot be placed in this area because its LSOA boundaries have not been imported.';
  if (lsoasWithBoundary < lsoas) {
    const without = lsoas - lsoasWithBoundary;
    return (
      `${formatCount(without)} of the area’s ${formatCount(lsoas)} LSOAs ${without === 1 ? 'has' : 'have'} no boundary imported, ` +
      `so searches in ${without === 1 ? 'it are' : 'them are'} not counted.`
    );
  }
  return null;
}

/** Everything the results part of the page shows. */
export function resultsModel(page: ExplorePage, allTypes: readonly string[]) {
  const query: ExploreQuery = { area: page.area.ref, from: page.from, to: page.to, types: page.types };
  return {
    heading: `${page.area.label}, ${page.from === page.to ? monthName(page.from) : `${monthName(page.from)} to ${monthName(page.to)}`}`,
    measure: measureName(page.types),
    keyFigures: keyFigureRows(page, allTypes),
    typeRows: typeRows(page),
    warnings: completenessWarnings(page.completeness),
    trendChart: trendChart(page),
    trendRows: trendRows(page),
    map: lsoaMap(page, page.boundaries),
    lsoaRows: lsoaRows(page, allTypes),
    locationRows: locationRows(page),
    outcomeRows: outcomeRows(page),
    outcomeTypeRows: outcomeTypeRows(page),
    outcomesNotLoaded: notLoadedNotes('outcomes', page.notLoaded.outcomes),
    stopSearchTotal: formatCount(page.stopSearch.total),
    stopSearchObjectRows: searchRows(page.stopSearch.byObject),
    stopSearchOutcomeRows: searchRows(page.stopSearch.byOutcome),
    stopSearchNote: stopSearchNote(page),
    stopSearchNotLoaded: notLoadedNotes('stop and search', page.notLoaded.stopSearch),
    csvHref: exploreHref(query, allTypes, explorePaths.csv()),
    geojsonHref: exploreHref(query, allTypes, explorePaths.geojson()),
    outcomesCsvHref: exploreHref(query, allTypes, explorePaths.outcomesCsv()),
    stopSearchCsvHref: exploreHref(query, allTypes, explorePaths.stopSearchCsv()),
  };
}

/** The form's fields from the values as typed. */
export function formModel(
  areas: AreaChoices,
  months: readonly string[],
  types: readonly string[],
  values: ExploreQueryValues,
  defaults: { from: string; to: string } | null,
) {
  return {
    areaItems: areaSelectItems(areas, values.area),
    fromItems: monthSelectItems(months, values.from || defaults?.from || ''),
    toItems: monthSelectItems(months, values.to || defaults?.to || ''),
    typeItems: typeCheckboxItems(types, values.types),
  };
}
