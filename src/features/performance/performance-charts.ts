import type { TableCell } from '../../platform/view-models.ts';
import { formatValue, measureLabels } from '../indicators/indicator-words.ts';
import { periodLabel } from '../indicators/periods.ts';
import { spcChartDescription, spcChartSvg, type SpcChartOptions } from '../statistics/spc-chart.ts';
import { formatSpcValue, SPC_TABLE_HEAD, spcTableCells, spcTableRows, type SpcDisplayOptions } from '../statistics/spc-view-models.ts';
import type { IndicatorResult } from './performance-model.ts';

/**
 * An indicator's SPC chart and data table as the statistics feature draws them, with the
 * indicator's own way of writing its values: for the dashboard, and for the report in every format.
 */

/** Rates and percentages are written as the indicator library writes them; counts and others as SPC does. */
function displayOptions(i: Pick<IndicatorResult, 'measure'>): SpcDisplayOptions {
  return {
    periodLabel,
    formatValue: i.measure === 'rate' || i.measure === 'percent' ? (v) => formatValue(v, i.measure) : formatSpcValue,
  };
}

/** What the values are, for the chart's legend: the unit ("Crimes"), else the measure ("Count"). */
export function valueLabel(i: Pick<IndicatorResult, 'unit' | 'measure'>): string {
  const unit = i.unit.trim();
  return unit ? unit.charAt(0).toUpperCase() + unit.slice(1) : measureLabels[i.measure];
}

interface ChartFigure {
  svg: string;
  /** The drawing's size in pixels (its viewBox). */
  width: number;
  height: number;
  title: string;
  description: string;
}

/** The SPC chart of an indicator: an accessible SVG with its title, description and size. */
export function spcFigure(i: IndicatorResult, id: string): ChartFigure {
  const title = `${i.name}: statistical process control chart`;
  const options: SpcChartOptions = { ...displayOptions(i), id, title, valueLabel: valueLabel(i) };
  const description = spcChartDescription(i.spc, options);
  const svg = spcChartSvg(i.spc, { ...options, description });
  const box = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
  return { svg, width: Number(box?.[1] ?? 720), height: Number(box?.[2] ?? 400), title, description };
}

/** The chart's SVG, for a page. */
export const spcChartOf = (i: IndicatorResult, id: string): string => spcFigure(i, id).svg;

/**
 * The data table beneath a chart, as govukTable cells. A harm index has its plain counts beside it,
 * in a column after the value.
 */
export function spcTableOf(i: IndicatorResult): { head: TableCell[]; rows: TableCell[][] } {
  const rows = spcTableCells(spcTableRows(i.spc, displayOptions(i)));
  if (i.measure !== 'harm') return { head: SPC_TABLE_HEAD, rows };
  const withCount = <T>(cells: readonly T[], count: T): T[] => [...cells.slice(0, 2), count, ...cells.slice(2)];
  return {
    head: withCount(SPC_TABLE_HEAD, { text: 'Crimes and incidents (count)', format: 'numeric' }),
    rows: rows.map((r, k) => {
      const count = i.points[k]?.count;
      return withCount(r, { text: count === undefined ? '' : formatValue(count, 'count'), format: 'numeric' });
    }),
  };
}

/** The same table as text, for the report's HTML, Word and PDF builders. */
export function spcTableText(i: IndicatorResult): { head: string[]; rows: string[][]; numeric: boolean[] } {
  const table = spcTableOf(i);
  return {
    head: table.head.map((c) => c.text ?? ''),
    rows: table.rows.map((r) => r.map((c) => c.text ?? '')),
    numeric: table.head.map((c) => c.format === 'numeric'),
  };
}
