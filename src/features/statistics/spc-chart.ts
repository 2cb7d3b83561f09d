import { coordinate, escapeXml, svgId, svgOpen } from '../explore/svg/svg-text.ts';
import { latestUsedPoint } from './spc.ts';
import type { SpcPointResult, SpcResult } from './spc-types.ts';
import {
  checkableFormat,
  formatSpcValue,
  specialCauseWords,
  VARIATION_TAGS,
  ASSURANCE_TAGS,
  type SpcDisplayOptions,
} from './spc-view-models.ts';

/**
 * An XmR chart drawn on the server as an accessible SVG image (role="img", named by its <title>
 * and described by its <desc>): the values, the mean and process limits of each segment (the
 * limits dashed), the target, and a marker per point whose shape as well as colour says what it
 * is: a grey dot for common cause, a blue diamond for an improvement, an orange triangle for a
 * concern, a purple square for a special cause that is neither, and a hollow ring for a period
 * left out of the limits. A dashed vertical line marks each rebase. The legend names every mark
 * used; the page shows spcTableRows() beneath.
 */

export interface SpcChartOptions extends SpcDisplayOptions {
  id: string;
  title: string;
  /** What the values are, for the legend and description: 'Crimes', 'Visits per 1,000 residents'. */
  valueLabel: string;
  /** The chart's description; spcChartDescription() unless given. */
  description?: string;
}

const WIDTH = 720;
const MARGIN = { right: 16, bottom: 56, left: 72 };
const PLOT_HEIGHT = 260;
const INK = '#0b0c0c';
const GREY = '#505a5f';
const GRID = '#b1b4b6';
const BLUE = '#005eb8';
const ORANGE = '#c35a00';
const PURPLE = '#4c2c92';
const TARGET = '#d4351c';
const LIMIT_DASH = '6 4';
const TARGET_DASH = '2 3';
const LEGEND_ROW = 24;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Mark = 'common' | 'improvement' | 'concern' | 'neither' | 'excluded';

/** A round step for about `ticks` gridlines over `range`: 1, 2, 2.5 or 5 times a power of ten (decimals allowed). */
export function axisStep(range: number, ticks = 5): number {
  if (!(range > 0)) return 1;
  const raw = range / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9))!;
}

/** The axis label of a period: 'Jan' over '2019', 'Q1' over '2019', '2019', or the text as given. */
export function periodAxisLabel(period: string): { label: string; sublabel?: string } {
  const month = /^(\d{4})-(\d{2})$/.exec(period);
  if (month && Number(month[2]) >= 1 && Number(month[2]) <= 12) return { label: MONTHS[Number(month[2]) - 1]!, sublabel: month[1]! };
  const quarter = /^(\d{4})-(Q[1-4])$/.exec(period);
  if (quarter) return { label: quarter[2]!, sublabel: quarter[1]! };
  return { label: period };
}

function markOf(point: SpcPointResult): Mark | null {
  if (point.value === null) return null;
  if (point.excluded) return 'excluded';
  if (point.specialCause === null) return 'common';
  return point.specialCause;
}

const MARK_TEXT: Record<Mark, string> = {
  common: 'Common cause',
  improvement: 'Special cause – improvement',
  concern: 'Special cause – concern',
  neither: 'Special cause – neither improvement nor concern',
  excluded: 'Left out of the limits (incomplete data)',
};

/** The marker of a point, centred on (x, y), with a tooltip when given. */
function marker(mark: Mark, x: number, y: number, tooltip?: string): string {
  const c = coordinate;
  const [tag, attributes] = ((): [string, string] => {
    switch (mark) {
      case 'common':
        return ['circle', `cx="${c(x)}" cy="${c(y)}" r="3.5" fill="${GREY}"`];
      case 'improvement':
        return ['path', `d="M${c(x)} ${c(y - 7)}L${c(x + 7)} ${c(y)}L${c(x)} ${c(y + 7)}L${c(x - 7)} ${c(y)}Z" fill="${BLUE}"`];
      case 'concern':
        return ['path', `d="M${c(x)} ${c(y - 7)}L${c(x + 7)} ${c(y + 5)}L${c(x - 7)} ${c(y + 5)}Z" fill="${ORANGE}"`];
      case 'neither':
        return ['rect', `x="${c(x - 5.5)}" y="${c(y - 5.5)}" width="11" height="11" fill="${PURPLE}"`];
      case 'excluded':
        return ['circle', `cx="${c(x)}" cy="${c(y)}" r="5.5" fill="#ffffff" stroke="${INK}" stroke-width="2"`];
    }
  })();
  return tooltip === undefined
    ? `<${tag} ${attributes}/>`
    : `<${tag} ${attributes} data-mark="${mark}"><title>${escapeXml(tooltip)}</title></${tag}>`;
}

/** A plain description of what the chart shows, for its <desc>. */
export function spcChartDescription(result: SpcResult, options: SpcChartOptions): string {
  const format = checkableFormat(result, options.formatValue ?? formatSpcValue);
  const points = result.points;
  if (points.length === 0) return `No ${options.valueLabel.toLowerCase()} to chart yet.`;
  const parts = [
    `Statistical process control chart of ${options.valueLabel.toLowerCase()}, ` +
      `${options.periodLabel(points[0]!.period)} to ${options.periodLabel(points.at(-1)!.period)}.`,
  ];
  for (const segment of result.segments) {
    const span = result.segments.length > 1 ? `From ${options.periodLabel(segment.from)} to ${options.periodLabel(segment.to)}: ` : '';
    parts.push(
      segment.enoughData
        ? `${span}${span ? 'mean' : 'Mean'} ${format(segment.mean)}, ` +
            `process limits ${format(segment.lowerLimit)} to ${format(segment.upperLimit)}.`
        : `${span}${span ? 'not' : 'Not'} enough data for process limits ` +
            `(${segment.pointsUsed} of ${result.minimumPoints} periods needed).`,
    );
  }
  const special = points.filter((p) => p.specialCause !== null);
  parts.push(
    special.length === 0
      ? 'No period shows special cause variation.'
      : `Special cause variation in ${special.length} ${special.length === 1 ? 'period' : 'periods'}: ` +
          `${special.map((p) => `${options.periodLabel(p.period)} (${specialCauseWords(p, result).toLowerCase()})`).join(', ')}.`,
  );
  const latest = latestUsedPoint(result);
  if (result.variation && latest)
    parts.push(`Latest, ${options.periodLabel(latest.period)}: ${VARIATION_TAGS[result.variation].text.toLowerCase()}.`);
  if (result.assurance) parts.push(`${ASSURANCE_TAGS[result.assurance].text}.`);
  const excluded = points.filter((p) => p.excluded);
  if (excluded.length > 0) {
    parts.push(
      'Left out of the limits: ' +
        `${excluded.map((p) => `${options.periodLabel(p.period)} (${p.exclusionReason ?? 'incomplete data'})`).join(', ')}.`,
    );
  }
  if (result.segments.length > 1)
    parts.push(
      `Limits recalculated from ${result.segments
        .slice(1)
        .map((s) => options.periodLabel(s.from))
        .join(', ')}.`,
    );
  parts.push('The table after the chart gives the same numbers.');
  return parts.join(' ');
}

interface LegendItem {
  sample: (x: number, y: number) => string;
  text: string;
}

/** A horizontal line from x1 to x2 at y, dashed when dash is given. */
const horizontalLine = (x1: number | string, x2: number | string, y: number | string, colour: string, width: number, dash?: string) =>
  `<line x1="${x1}" x2="${x2}" y1="${y}" y2="${y}" ` +
  `stroke="${colour}" stroke-width="${width}"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`;

const lineSample = (colour: string, width: number, dash?: string) => (x: number, y: number) =>
  horizontalLine(x, x + 28, y, colour, width, dash);

export function spcChartSvg(result: SpcResult, options: SpcChartOptions): string {
  const id = svgId(options.id);
  const axisFormat = options.formatValue ?? formatSpcValue;
  const format = checkableFormat(result, axisFormat);
  const points = result.points;
  const marks = points.map(markOf);
  const hasTarget = points.some((p) => p.target !== null);
  const withLimits = result.segments.filter((s) => s.enoughData);

  // The legend: every mark used, in rows that fit the width. Text is about 7.5 units a character.
  const legend: LegendItem[] = [
    { sample: (x, y) => lineSample(GREY, 1.5)(x, y) + marker('common', x + 14, y), text: options.valueLabel },
    ...(withLimits.length > 0
      ? [
          { sample: lineSample(INK, 2), text: 'Mean' },
          { sample: lineSample(GREY, 1.5, LIMIT_DASH), text: 'Process limits' },
        ]
      : []),
    ...(hasTarget ? [{ sample: lineSample(TARGET, 2, TARGET_DASH), text: 'Target' }] : []),
    ...(['improvement', 'concern', 'neither', 'excluded'] as const)
      .filter((m) => marks.includes(m))
      .map((m) => ({ sample: (x: number, y: number) => marker(m, x + 14, y), text: MARK_TEXT[m] })),
    ...(result.segments.length > 1
      ? [
          {
            sample: (x: number, y: number) =>
              `<line x1="${x + 14}" x2="${x + 14}" y1="${y - 9}" y2="${y + 9}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
            text: 'Limits recalculated',
          },
        ]
      : []),
  ];
  const placed: { item: LegendItem; x: number; row: number }[] = [];
  let lx = MARGIN.left;
  let row = 0;
  for (const item of legend) {
    const width = 36 + item.text.length * 7.5;
    if (lx + width > WIDTH - MARGIN.right && lx > MARGIN.left) {
      row++;
      lx = MARGIN.left;
    }
    placed.push({ item, x: lx, row });
    lx += width + 20;
  }
  const top = 16 + (row + 1) * LEGEND_ROW + 16;
  const height = top + PLOT_HEIGHT + MARGIN.bottom;
  const baseline = top + PLOT_HEIGHT;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;

  // The value axis covers the values, the limits drawn and the targets, with a little room.
  const shown: number[] = [
    ...points.flatMap((p) => (p.value === null ? [] : [p.value])),
    ...withLimits.flatMap((s) => [s.upperLimit, s.lowerLimit]),
    ...points.flatMap((p) => (p.target === null ? [] : [p.target])),
  ];
  const dataMin = shown.length > 0 ? Math.min(...shown) : 0;
  const dataMax = shown.length > 0 ? Math.max(...shown) : 1;
  const nonNegative = points.every((p) => p.value === null || p.value >= 0);
  const step = axisStep(dataMax - dataMin || Math.abs(dataMax) || 1);
  let yMin = Math.floor(dataMin / step) * step;
  if (nonNegative && yMin < 0) yMin = 0;
  const yMax = Math.max(yMin + step, Math.ceil(dataMax / step) * step);
  const y = (value: number) => baseline - ((Math.min(Math.max(value, yMin), yMax) - yMin) / (yMax - yMin)) * PLOT_HEIGHT;
  const band = points.length > 0 ? plotWidth / points.length : plotWidth;
  const x = (i: number) => MARGIN.left + band * i + band / 2;

  const parts: string[] = [svgOpen(id, WIDTH, height, options.title, options.description ?? spcChartDescription(result, options))];

  // Gridlines and the value axis.
  parts.push(`<g class="safer-chart__axis" font-size="13" fill="${INK}">`);
  for (let i = 0; yMin + i * step <= yMax + step * 1e-9; i++) {
    const value = yMin + i * step;
    const gy = coordinate(y(value));
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${gy}" y2="${gy}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(
      `<text x="${MARGIN.left - 8}" y="${gy}" text-anchor="end" dominant-baseline="middle">` +
        `${escapeXml(axisFormat(Number(value.toPrecision(12))))}</text>`,
    );
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}" stroke="${INK}" stroke-width="1"/>`);
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  points.forEach((p, i) => {
    if (i % labelEvery !== 0) return;
    const { label, sublabel } = periodAxisLabel(p.period);
    const cx = coordinate(x(i));
    parts.push(
      `<text x="${cx}" y="${baseline + 18}" text-anchor="middle">${escapeXml(label)}` +
        (sublabel ? `<tspan x="${cx}" dy="16">${escapeXml(sublabel)}</tspan>` : '') +
        '</text>',
    );
  });
  parts.push('</g>');

  // Mean and process limits of each segment with enough data; a dashed line at each rebase.
  parts.push('<g class="safer-chart__limits">');
  result.segments.forEach((segment, s) => {
    const first = points.findIndex((p) => p.segment === s);
    const last = points.findLastIndex((p) => p.segment === s);
    const x1 = coordinate(x(first) - band / 2);
    const x2 = coordinate(x(last) + band / 2);
    if (s > 0) {
      parts.push(`<line x1="${x1}" x2="${x1}" y1="${top}" y2="${baseline}" stroke="${INK}" stroke-width="1.5" stroke-dasharray="4 3"/>`);
    }
    if (!segment.enoughData) return;
    for (const [value, colour, width, dash] of [
      [segment.upperLimit, GREY, 1.5, LIMIT_DASH],
      [segment.lowerLimit, GREY, 1.5, LIMIT_DASH],
      [segment.mean, INK, 2, undefined],
    ] as const) {
      if (value < yMin || value > yMax) continue;
      const ly = coordinate(y(value));
      parts.push(horizontalLine(x1, x2, ly, colour, width, dash));
    }
  });
  parts.push('</g>');

  // The target: a step line across the periods that have one.
  if (hasTarget) {
    const path: string[] = [];
    let previous: number | null = null;
    points.forEach((p, i) => {
      if (p.target === null) {
        previous = null;
        return;
      }
      const ty = coordinate(y(p.target));
      path.push(`${previous === null ? 'M' : 'L'}${coordinate(x(i) - band / 2)} ${ty}H${coordinate(x(i) + band / 2)}`);
      previous = p.target;
    });
    parts.push(
      `<path class="safer-chart__target" d="${path.join('')}" fill="none" ` +
        `stroke="${TARGET}" stroke-width="2" stroke-dasharray="${TARGET_DASH}"/>`,
    );
  }

  // The values line joins the points used in the analysis, across excluded points, broken where a
  // period has no value.
  const line: string[] = [];
  let joined = false;
  points.forEach((p, i) => {
    if (p.value === null) {
      joined = false;
      return;
    }
    if (p.excluded) return;
    line.push(`${joined ? 'L' : 'M'}${coordinate(x(i))} ${coordinate(y(p.value))}`);
    joined = true;
  });
  if (line.length > 0)
    parts.push(`<path class="safer-chart__values" d="${line.join('')}" fill="none" stroke="${GREY}" stroke-width="1.5"/>`);

  // A marker per point with a value, each with a tooltip.
  parts.push('<g class="safer-chart__points">');
  points.forEach((p, i) => {
    const mark = marks[i];
    if (!mark || p.value === null) return;
    const words = p.excluded
      ? `left out of the limits: ${p.exclusionReason ?? 'incomplete data'}`
      : specialCauseWords(p, result).toLowerCase();
    const tooltip = `${options.periodLabel(p.period)}: ${format(p.value)}, ${words}`;
    parts.push(marker(mark, x(i), y(p.value), tooltip));
  });
  parts.push('</g>');

  // Legend.
  parts.push(`<g class="safer-chart__legend" font-size="13" fill="${INK}">`);
  for (const { item, x: ix, row: r } of placed) {
    const ly = 16 + r * LEGEND_ROW + 8;
    parts.push(item.sample(ix, ly));
    parts.push(`<text x="${ix + 36}" y="${ly}" dominant-baseline="middle">${escapeXml(item.text)}</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}
