import { coordinate, escapeXml, formatCount, svgId, svgOpen } from './svg-text.ts';

/**
 * A bar chart of counts by month, drawn on the server as an accessible SVG image (role="img",
 * named by its <title> and described by its <desc>). Months flagged as possibly incomplete are
 * hatched and marked with a warning sign, so the flag does not rely on colour. The page always shows
 * a table of the same numbers beside it.
 */

export interface TrendPoint {
  /** Axis label, first line: "Oct". */
  label: string;
  /** Axis label, second line: "2018". */
  sublabel?: string;
  /** Null when there is no data for the month. */
  value: number | null;
  /** Why the month may be incomplete; shown as a hatched bar with a warning sign. */
  flag?: string;
  /** The bar's tooltip: "October 2018: 1,756". */
  tooltip: string;
}

export interface TrendChartOptions {
  id: string;
  title: string;
  description: string;
  /** What the bars count, for the legend: "Crimes and incidents". */
  seriesLabel: string;
  points: readonly TrendPoint[];
}

const WIDTH = 720;
const HEIGHT = 360;
const MARGIN = { top: 48, right: 16, bottom: 56, left: 64 };
const BAR = '#1d70b8';
const INK = '#0b0c0c';
const GRID = '#b1b4b6';

/** A round step for about `ticks` gridlines up to `max`: 1, 2, 2.5 or 5 times a power of ten. */
export function niceStep(max: number, ticks = 4): number {
  if (!(max > 0)) return 1;
  const raw = max / ticks;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw)!;
  return step < 1 ? 1 : step;
}

export function trendChartSvg(options: TrendChartOptions): string {
  const id = svgId(options.id);
  const points = options.points;
  const max = Math.max(0, ...points.map((p) => p.value ?? 0));
  const step = niceStep(max);
  const yMax = Math.max(step, Math.ceil(max / step) * step);
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const baseline = MARGIN.top + plotHeight;
  const y = (value: number) => baseline - (value / yMax) * plotHeight;
  const band = points.length > 0 ? plotWidth / points.length : plotWidth;
  const barWidth = Math.max(1, band * 0.7);
  const labelEvery = Math.max(1, Math.ceil(points.length / 12));
  const flagged = points.some((p) => p.flag);

  const parts: string[] = [svgOpen(id, WIDTH, HEIGHT, options.title, options.description)];
  parts.push(
    `<defs><pattern id="${id}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
      `<rect width="8" height="8" fill="#ffffff"/><rect width="4" height="8" fill="${BAR}"/></pattern></defs>`,
  );

  // Gridlines and the value axis.
  parts.push('<g class="safer-chart__axis" font-size="13" fill="' + INK + '">');
  for (let value = 0; value <= yMax; value += step) {
    const gy = coordinate(y(value));
    parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${gy}" y2="${gy}" stroke="${GRID}" stroke-width="1"/>`);
    parts.push(`<text x="${MARGIN.left - 8}" y="${gy}" text-anchor="end" dominant-baseline="middle">${formatCount(value)}</text>`);
  }
  parts.push(`<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${baseline}" y2="${baseline}" stroke="${INK}" stroke-width="1"/>`);
  parts.push('</g>');

  // Bars, marks and month labels.
  parts.push('<g class="safer-chart__bars">');
  points.forEach((p, i) => {
    const cx = MARGIN.left + band * i + band / 2;
    const x = coordinate(cx - barWidth / 2);
    if (p.value === null) {
      parts.push(
        `<text x="${coordinate(cx)}" y="${baseline - 8}" font-size="12" fill="${INK}" text-anchor="start" ` +
          `transform="rotate(-90 ${coordinate(cx)} ${baseline - 8})">No data<title>${escapeXml(p.tooltip)}</title></text>`,
      );
    } else {
      const barTop = y(p.value);
      const height = Math.max(0, baseline - barTop);
      const fill = p.flag ? `url(#${id}-hatch)` : BAR;
      parts.push(
        `<rect x="${x}" y="${coordinate(barTop)}" width="${coordinate(barWidth)}" height="${coordinate(height)}" ` +
          `fill="${fill}" stroke="${BAR}" stroke-width="${p.flag ? 2 : 0}"` +
          `${p.flag ? ' data-flagged="true"' : ''}><title>${escapeXml(p.flag ? `${p.tooltip}. ${p.flag}` : p.tooltip)}</title></rect>`,
      );
      if (p.flag) parts.push(warningSign(cx, barTop - 6));
    }
    if (i % labelEvery === 0) {
      const ly = baseline + 18;
      parts.push(
        `<text x="${coordinate(cx)}" y="${ly}" font-size="13" fill="${INK}" text-anchor="middle">${escapeXml(p.label)}` +
          (p.sublabel ? `<tspan x="${coordinate(cx)}" dy="16">${escapeXml(p.sublabel)}</tspan>` : '') +
          '</text>',
      );
    }
  });
  parts.push('</g>');

  // Legend.
  parts.push(`<g class="safer-chart__legend" font-size="14" fill="${INK}">`);
  parts.push(`<rect x="${MARGIN.left}" y="12" width="16" height="16" fill="${BAR}"/>`);
  parts.push(`<text x="${MARGIN.left + 22}" y="20" dominant-baseline="middle">${escapeXml(options.seriesLabel)}</text>`);
  if (flagged) {
    // Text is about 8 units a character at this size; the second item starts after the first.
    const lx = MARGIN.left + 22 + options.seriesLabel.length * 8 + 24;
    parts.push(`<rect x="${lx}" y="12" width="16" height="16" fill="url(#${id}-hatch)" stroke="${BAR}" stroke-width="2"/>`);
    parts.push(warningSign(lx + 30, 27));
    parts.push(`<text x="${lx + 42}" y="20" dominant-baseline="middle">Possibly incomplete data</text>`);
  }
  parts.push('</g></svg>');
  return parts.join('');
}

/** A black warning triangle with a white "!", its base centred at (cx, baseY). */
function warningSign(cx: number, baseY: number): string {
  const x = (dx: number) => coordinate(cx + dx);
  const y = (dy: number) => coordinate(baseY + dy);
  return (
    `<g class="safer-chart__flag"><path d="M${x(-7)} ${y(0)}L${x(0)} ${y(-13)}L${x(7)} ${y(0)}Z" fill="${INK}"/>` +
    `<text x="${x(0)}" y="${y(-2)}" font-size="10" font-weight="bold" fill="#ffffff" text-anchor="middle">!</text></g>`
  );
}
