/**
 * Boundaries: reading GeoJSON FeatureCollections and TopoJSON Topologies into features, checking
 * that a feature is a Polygon or MultiPolygon in WGS84 longitude and latitude, and the little
 * geometry the import needs (area-weighted centroid, bounding box, point in polygon with holes,
 * distance). Planar arithmetic on longitude and latitude is accurate enough at the scale of an LSOA
 * or a ward. Pure functions, no I/O.
 */

export type Position = [number, number];
export type Ring = Position[];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}
/** An area: the only geometries boundaries may have. */
export type ArealGeometry = PolygonGeometry | MultiPolygonGeometry;
/** [west, south, east, north] */
export type BBox = [number, number, number, number];

/** One feature as read, before it is checked. index is its 1-based position in the file. */
export interface RawFeature {
  index: number;
  properties: Record<string, unknown>;
  geometry: unknown;
  /** Why the feature could not be decoded (TopoJSON arcs that do not exist, for instance). */
  error?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The features of a GeoJSON FeatureCollection or Feature, or of every object of a TopoJSON Topology. */
export function readFeatures(json: unknown): RawFeature[] | { error: string } {
  if (!isObject(json)) return { error: 'it is not a GeoJSON FeatureCollection or a TopoJSON Topology' };
  if (json['type'] === 'Topology') return decodeTopology(json);
  if (json['type'] === 'Feature') return [toRawFeature(json, 1)];
  if (json['type'] === 'FeatureCollection') {
    const features = json['features'];
    if (!Array.isArray(features)) return { error: 'its FeatureCollection has no "features" list' };
    return features.map((f: unknown, i) =>
      isObject(f) && f['type'] === 'Feature'
        ? toRawFeature(f, i + 1)
        : { index: i + 1, properties: {}, geometry: null, error: 'it is not a GeoJSON Feature' },
    );
  }
  return { error: `it is not a GeoJSON FeatureCollection or a TopoJSON Topology (its type is ${JSON.stringify(json['type'] ?? null)})` };
}

function toRawFeature(f: Record<string, unknown>, index: number): RawFeature {
  return { index, properties: isObject(f['properties']) ? f['properties'] : {}, geometry: f['geometry'] ?? null };
}

class TopologyError extends Error {}

/**
 * TopoJSON to features (the TopoJSON specification, as topojson-client's feature() does it): arcs are
 * delta-encoded when the topology is quantised (has a transform); a negative arc index ~i means arc i
 * reversed; consecutive arcs of a ring share their joining point, which is kept once.
 */
export function decodeTopology(topology: Record<string, unknown>): RawFeature[] | { error: string } {
  const rawArcs = topology['arcs'];
  const objects = topology['objects'];
  if (!Array.isArray(rawArcs) || !isObject(objects)) return { error: 'its Topology has no "arcs" list or no "objects"' };
  const transform = topology['transform'];
  let scale: Position = [1, 1];
  let translate: Position = [0, 0];
  const quantised = isObject(transform);
  if (quantised) {
    const s = transform['scale'];
    const t = transform['translate'];
    if (!isPair(s) || !isPair(t)) return { error: 'its Topology transform needs a numeric scale and translate' };
    scale = s;
    translate = t;
  }
  const arcs: Position[][] = [];
  for (const [i, arc] of rawArcs.entries()) {
    if (!Array.isArray(arc)) return { error: `arc ${i} of its Topology is not a list of positions` };
    let x = 0;
    let y = 0;
    const points: Position[] = [];
    for (const p of arc as unknown[]) {
      if (!Array.isArray(p) || typeof p[0] !== 'number' || typeof p[1] !== 'number') {
        return { error: `arc ${i} of its Topology has a position that is not a pair of numbers` };
      }
      if (quantised) {
        x += p[0];
        y += p[1];
        points.push([x * scale[0] + translate[0], y * scale[1] + translate[1]]);
      } else {
        points.push([p[0], p[1]]);
      }
    }
    arcs.push(points);
  }
  const arcPoints = (index: unknown): Position[] => {
    if (typeof index !== 'number' || !Number.isInteger(index)) throw new TopologyError('an arc index is not a whole number');
    const arc = arcs[index < 0 ? ~index : index];
    if (!arc) throw new TopologyError(`arc ${index < 0 ? ~index : index} does not exist`);
    return index < 0 ? [...arc].reverse() : arc;
  };
  const ring = (indexes: unknown): Ring => {
    if (!Array.isArray(indexes)) throw new TopologyError('a ring is not a list of arc indexes');
    const out: Ring = [];
    for (const index of indexes) {
      const points = arcPoints(index);
      for (let k = out.length > 0 ? 1 : 0; k < points.length; k++) out.push(points[k]!);
    }
    return out;
  };
  const list = (v: unknown): unknown[] => {
    if (!Array.isArray(v)) throw new TopologyError('its "arcs" are not a list');
    return v;
  };

  const features: RawFeature[] = [];
  const visit = (g: unknown) => {
    if (!isObject(g)) {
      features.push({ index: features.length + 1, properties: {}, geometry: null, error: 'a geometry of the Topology is not an object' });
      return;
    }
    if (g['type'] === 'GeometryCollection') {
      for (const child of Array.isArray(g['geometries']) ? g['geometries'] : []) visit(child);
      return;
    }
    const feature: RawFeature = {
      index: features.length + 1,
      properties: isObject(g['properties']) ? g['properties'] : {},
      geometry: null,
    };
    try {
      if (g['type'] === 'Polygon') feature.geometry = { type: 'Polygon', coordinates: list(g['arcs']).map(ring) };
      else if (g['type'] === 'MultiPolygon') {
        feature.geometry = { type: 'MultiPolygon', coordinates: list(g['arcs']).map((p) => list(p).map(ring)) };
      } else feature.geometry = { type: g['type'] ?? null };
    } catch (error) {
      if (!(error instanceof TopologyError)) throw error;
      feature.error = `its TopoJSON geometry cannot be decoded: ${error.message}`;
    }
    features.push(feature);
  };
  for (const object of Object.values(objects)) visit(object);
  return features;
}

function isPair(v: unknown): v is Position {
  return Array.isArray(v) && v.length >= 2 && Number.isFinite(v[0]) && Number.isFinite(v[1]);
}

/** Rounds to 6 decimal places (about 0.1 m), which is finer than the generalised boundaries. */
const round6 = (v: number) => Math.round(v * 1e6) / 1e6;

function checkRing(raw: unknown, where: string): Ring | string {
  if (!Array.isArray(raw)) return `${where} is not a list of positions`;
  if (raw.length < 4) return `${where} has fewer than 4 positions`;
  const ring: Ring = [];
  for (const p of raw as unknown[]) {
    if (!isPair(p)) return `${where} has a position that is not a pair of numbers`;
    const [lon, lat] = p;
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      return `${where} has a position (${lon}, ${lat}) that is not a longitude and latitude (boundaries must be in WGS84)`;
    }
    ring.push([round6(lon), round6(lat)]);
  }
  const first = ring[0]!;
  const last = ring[ring.length - 1]!;
  if (first[0] !== last[0] || first[1] !== last[1]) return `${where} is not closed (its last position differs from its first)`;
  return ring;
}

function checkPolygon(raw: unknown, where: string): Ring[] | string {
  if (!Array.isArray(raw) || raw.length === 0) return `${where} has no rings`;
  const rings: Ring[] = [];
  for (const [i, r] of (raw as unknown[]).entries()) {
    const ring = checkRing(r, `${i === 0 ? 'the outer ring' : `hole ${i}`} of ${where}`);
    if (typeof ring === 'string') return ring;
    rings.push(ring);
  }
  return rings;
}

/**
 * A geometry checked to be a Polygon or MultiPolygon in longitude and latitude with some area,
 * normalised to two dimensions and 6 decimal places; or the reason it is not.
 */
export function checkAreal(geometry: unknown): { ok: true; geometry: ArealGeometry } | { ok: false; reason: string } {
  if (!isObject(geometry)) return { ok: false, reason: 'it has no geometry' };
  const type = geometry['type'];
  const coordinates = geometry['coordinates'];
  let result: ArealGeometry;
  if (type === 'Polygon') {
    const rings = checkPolygon(coordinates, 'the polygon');
    if (typeof rings === 'string') return { ok: false, reason: rings };
    result = { type, coordinates: rings };
  } else if (type === 'MultiPolygon') {
    if (!Array.isArray(coordinates) || coordinates.length === 0) return { ok: false, reason: 'the MultiPolygon has no polygons' };
    const polygons: Ring[][] = [];
    for (const [i, p] of (coordinates as unknown[]).entries()) {
      const rings = checkPolygon(p, `polygon ${i + 1}`);
      if (typeof rings === 'string') return { ok: false, reason: rings };
      polygons.push(rings);
    }
    result = { type, coordinates: polygons };
  } else {
    return { ok: false, reason: `its geometry is a ${typeof type === 'string' ? type : 'missing type'}, not a Polygon or MultiPolygon` };
  }
  if (!(area(result) > 0)) return { ok: false, reason: 'its geometry has no area' };
  return { ok: true, geometry: result };
}

const polygonsOf = (g: ArealGeometry): Ring[][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/** A ring's unsigned area and centroid, by the shoelace formula (relative to its first point, for precision). */
function ringMoments(ring: Ring): { area: number; x: number; y: number } {
  const [x0, y0] = ring[0]!;
  let twice = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const ax = ring[i]![0] - x0;
    const ay = ring[i]![1] - y0;
    const bx = ring[i + 1]![0] - x0;
    const by = ring[i + 1]![1] - y0;
    const cross = ax * by - bx * ay;
    twice += cross;
    cx += (ax + bx) * cross;
    cy += (ay + by) * cross;
  }
  if (twice === 0) return { area: 0, x: x0, y: y0 };
  return { area: Math.abs(twice) / 2, x: x0 + cx / (3 * twice), y: y0 + cy / (3 * twice) };
}

/** Area in square degrees: outer rings less their holes. Only for comparing and weighting. */
export function area(g: ArealGeometry): number {
  let total = 0;
  for (const rings of polygonsOf(g)) rings.forEach((ring, i) => (total += (i === 0 ? 1 : -1) * ringMoments(ring).area));
  return total;
}

/** The area-weighted centroid [lon, lat], holes subtracted. It can lie outside a very concave shape. */
export function centroid(g: ArealGeometry): Position {
  let sum = 0;
  let x = 0;
  let y = 0;
  for (const rings of polygonsOf(g)) {
    rings.forEach((ring, i) => {
      const m = ringMoments(ring);
      const sign = i === 0 ? 1 : -1;
      sum += sign * m.area;
      x += sign * m.area * m.x;
      y += sign * m.area * m.y;
    });
  }
  if (sum <= 0) {
    const outer = polygonsOf(g)[0]![0]!;
    return [outer.reduce((s, p) => s + p[0], 0) / outer.length, outer.reduce((s, p) => s + p[1], 0) / outer.length];
  }
  return [round6(x / sum), round6(y / sum)];
}

export function bbox(g: ArealGeometry): BBox {
  const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
  for (const rings of polygonsOf(g)) {
    for (const [lon, lat] of rings[0]!) {
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

export const inBBox = (p: Position, b: BBox): boolean => p[0] >= b[0] && p[0] <= b[2] && p[1] >= b[1] && p[1] <= b[3];

/** Ray casting: whether p is inside the ring (a point exactly on an edge may go either way). */
export function pointInRing(p: Position, ring: Ring): boolean {
  const [x, y] = p;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** Whether p is inside the area: inside an outer ring and in none of that polygon's holes. */
export function pointInAreal(p: Position, g: ArealGeometry): boolean {
  return polygonsOf(g).some((rings) => pointInRing(p, rings[0]!) && !rings.slice(1).some((hole) => pointInRing(p, hole)));
}

/** Distance in kilometres between two [lon, lat] points (equirectangular; fine within a district). */
export function distanceKm(a: Position, b: Position): number {
  const rad = Math.PI / 180;
  const x = (b[0] - a[0]) * rad * Math.cos(((a[1] + b[1]) / 2) * rad);
  const y = (b[1] - a[1]) * rad;
  return Math.sqrt(x * x + y * y) * 6371.0088;
}

/** A string property by any of the given names, case-insensitively: LSOA11CD, lsoa11cd, ... */
export function stringProperty(properties: Record<string, unknown>, pattern: RegExp): string | null {
  for (const [key, value] of Object.entries(properties)) {
    if (pattern.test(key) && typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}
