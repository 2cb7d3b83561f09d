import { coordinate, escapeXml, svgId, svgOpen } from './svg-text.ts';

/**
 * A choropleth map of areas (LSOAs) drawn on the server as an accessible SVG image. Boundaries are
 * GeoJSON (longitude, latitude) projected with an equirectangular projection whose longitudes are
 * scaled by the cosine of the middle latitude, which keeps a district's shape. Values fall into up to
 * 5 classes (quantiles) with a legend. Each area's <path> has a <title> naming it and its figures;
 * the page always shows a table of the same numbers, whose names link to each area.
 */

export type Ring = number[][];
export type Geometry = { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

export interface MapArea {
  code: string;
  name: string;
  geometry: Geometry | null;
  /** What is mapped (a rate or a count); null when there is none, drawn as "no data". */
  value: number | null;
  /** The <title> text after the name: "45 crimes, 27.3 per 1,000 residents". */
  summary: string;
}

export interface MapClass {
  /** Smallest and largest value in the class. */
  min: number;
  max: number;
  colour: string;
}

export interface ChoroplethOptions {
  id: string;
  title: string;
  description: string;
  /** The legend's heading: "Crimes per 1,000 residents". */
  legendTitle: string;
  areas: readonly MapArea[];
  formatValue: (value: number) => string;
}

/** Five light-to-dark blues (ColorBrewer Blues), told apart by lightness as well as hue. */
export const CLASS_COLOURS = ['#eff3ff', '#bdd7e7', '#6baed6', '#3182bd', '#08519c'] as const;
export const NO_DATA_COLOUR = '#b1b4b6';
const OUTLINE = '#505a5f';
const INK = '#0b0c0c';
const WIDTH = 720;
const MAX_MAP_HEIGHT = 600;
const PAD = 8;
const LEGEND_PER_ROW = 3;
const LEGEND_ROW = 28;

const isPosition = (p: unknown): p is number[] =>
  Array.isArray(p) &&
  p.length >= 2 &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0] as number) <= 180 &&
  Math.abs(p[1] as number) <= 90;
const isRing = (r: unknown): r is Ring => Array.isArray(r) && r.length >= 3 && r.every(isPosition);
const isPolygon = (p: unknown): p is Ring[] => Array.isArray(p) && p.length >= 1 && p.every(isRing);

/** A Polygon or MultiPolygon from a stored boundary: a GeoJSON geometry, a Feature holding one, or their JSON text. */
export function asGeometry(value: unknown): Geometry | null {
  let v = value;
  if (typeof v === 'string') {
    try {
      v = JSON.parse(v) as unknown;
    } catch {
      return null;
    }
  }
  if (!v || typeof v !== 'object') return null;
  const o = v as { type?: unknown; coordinates?: unknown; geometry?: unknown };
  if (o.type === 'Feature') return asGeometry(o.geometry);
  if (o.type === 'Polygon' && isPolygon(o.coordinates)) return { type: 'Polygon', coordinates: o.coordinates };
  if (o.type === 'MultiPolygon' && Array.isArray(o.coordinates) && o.coordinates.length > 0 && o.coordinates.every(isPolygon)) {
    return { type: 'MultiPolygon', coordinates: o.coordinates as Ring[][] };
  }
  return null;
}

const polygonsOf = (g: Geometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/**
 * Up to `count` classes of the values by quantile: each class's largest value is the value at its
 * share of the sorted list, so a class is never empty; equal values stay in one class.
 */
export function mapClasses(values: readonly number[], count = CLASS_COLOURS.length): MapClass[] {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return [];
  const uppers: number[] = [];
  for (let i = 1; i <= count; i++) {
    const upper = sorted[Math.ceil((i * sorted.length) / count) - 1]!;
    if (uppers.length === 0 || upper > uppers.at(-1)!) uppers.push(upper);
  }
  // Fewer classes than colours use the darker end less: spread them across the scale.
  const colourAt = (i: number) =>
    CLASS_COLOURS[uppers.length === 1 ? 2 : Math.round((i * (CLASS_COLOURS.length - 1)) / (uppers.length - 1))]!;
  return uppers.map((max, i) => ({
    min: sorted.find((v) => v > (i === 0 ? -Infinity : uppers[i - 1]!))!,
    max,
    colour: colourAt(i),
  }));
}

/** The class a value falls in, or null for no value. */
export function classOf(classes: readonly MapClass[], value: number | null): MapClass | null {
  if (value === null) return null;
  return classes.find((c) => value <= c.max) ?? classes.at(-1) ?? null;
}

export interface Projection {
  width: number;
  height: number;
  project(position: number[]): [number, number];
}

/** Fits the geometries into the width, with longitude scaled by cos(middle latitude). */
export function fitProjection(geometries: readonly Geometry[], width = WIDTH, maxHeight = MAX_MAP_HEIGHT): Projection {
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const g of geometries) {
    for (const polygon of polygonsOf(g)) {
      for (const [lon, lat] of polygon[0]!) {
        minLon = Math.min(minLon, lon!);
        maxLon = Math.max(maxLon, lon!);
        minLat = Math.min(minLat, lat!);
        maxLat = Math.max(maxLat, lat!);
      }
    }
  }
  if (!Number.isFinite(minLon)) return { width, height: 0, project: () => [0, 0] };
  const k = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
  const spanX = Math.max((maxLon - minLon) * k, 1e-9);
  const spanY = Math.max(maxLat - minLat, 1e-9);
  const scale = Math.min((width - 2 * PAD) / spanX, (maxHeight - 2 * PAD) / spanY);
  const offsetX = (width - spanX * scale) / 2;
  return {
    width,
    height: Math.ceil(spanY * scale + 2 * PAD),
    project: ([lon, lat]) => [offsetX + (lon! - minLon) * k * scale, PAD + (maxLat - lat!) * scale],
  };
}

/**
 * An SVG path for a geometry: each ring a closed subpath, repeated points (after rounding) dropped,
 * rings that shrink to less than a triangle left out.
 */
export function geometryPath(geometry: Geometry, projection: Projection): string {
  const parts: string[] = [];
  for (const polygon of polygonsOf(geometry)) {
    for (const ring of polygon) {
      let last = '';
      const points: string[] = [];
      for (const position of ring) {
        const [x, y] = projection.project(position);
        const point = `${coordinate(x)} ${coordinate(y)}`;
        if (point !== last) points.push(point);
        last = point;
      }
      // GeoJSON repeats the first point to close a ring; Z closes it here.
      if (points.length > 1 && points.at(-1) === points[0]) points.pop();
      if (points.length >= 3) parts.push(`M${points.join('L')}Z`);
    }
  }
  return parts.join('');
}

export function choroplethSvg(options: ChoroplethOptions): string {
  const id = svgId(options.id);
  const drawn = options.areas.filter((a): a is MapArea & { geometry: Geometry } => a.geometry !== null);
  const projection = fitProjection(drawn.map((a) => a.geometry));
  const classes = mapClasses(options.areas.flatMap((a) => (a.value === null ? [] : [a.value])));
  const items = classes.map((c) => ({
    colour: c.colour,
    text: c.min === c.max ? options.formatValue(c.max) : `${options.formatValue(c.min)} to ${options.formatValue(c.max)}`,
  }));
  if (options.areas.some((a) => a.value === null)) items.push({ colour: NO_DATA_COLOUR, text: 'No data' });
  const legendTop = projection.height + 8;
  const height = legendTop + 32 + Math.ceil(items.length / LEGEND_PER_ROW) * LEGEND_ROW;
  const parts: string[] = [svgOpen(id, WIDTH, height, options.title, options.description)];

  parts.push(`<g class="safer-map__areas" stroke="${OUTLINE}" stroke-width="0.6" stroke-linejoin="round">`);
  for (const area of drawn) {
    const fill = classOf(classes, area.value)?.colour ?? NO_DATA_COLOUR;
    parts.push(
      `<path d="${geometryPath(area.geometry, projection)}" fill="${fill}" data-code="${escapeXml(area.code)}">` +
        `<title>${escapeXml(`${area.name}: ${area.summary}`)}</title></path>`,
    );
  }
  parts.push('</g>');

  // The legend, under the map: a swatch and the range of each class, then "No data" if any area has none.
  const itemWidth = (WIDTH - 2 * PAD) / LEGEND_PER_ROW;
  parts.push(`<g class="safer-map__legend" font-size="14" fill="${INK}">`);
  parts.push(`<text x="${PAD}" y="${legendTop + 14}" font-weight="bold">${escapeXml(options.legendTitle)}</text>`);
  items.forEach((item, i) => {
    const x = PAD + (i % LEGEND_PER_ROW) * itemWidth;
    const y = legendTop + 28 + Math.floor(i / LEGEND_PER_ROW) * LEGEND_ROW;
    parts.push(`<rect x="${coordinate(x)}" y="${y}" width="18" height="18" fill="${item.colour}" stroke="${OUTLINE}" stroke-width="1"/>`);
    parts.push(`<text x="${coordinate(x + 24)}" y="${y + 14}">${escapeXml(item.text)}</text>`);
  });
  parts.push('</g></svg>');
  return parts.join('');
}
