import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import {
  area,
  bbox,
  centroid,
  checkAreal,
  decodeTopology,
  distanceKm,
  pointInAreal,
  pointInRing,
  readFeatures,
  stringProperty,
  type ArealGeometry,
  type RawFeature,
  type Ring,
} from './geojson.ts';

const boundaries = path.resolve(import.meta.dirname, '../../../open-data/boundaries/lsoa_by_lad');
const readJson = (file: string): unknown => JSON.parse(readFileSync(path.join(boundaries, file), 'utf8'));

function features(json: unknown): RawFeature[] {
  const result = readFeatures(json);
  assert.ok(Array.isArray(result), 'features were read');
  return result;
}

function areal(geometry: unknown): ArealGeometry {
  const checked = checkAreal(geometry);
  assert.ok(checked.ok, checked.ok ? '' : checked.reason);
  return checked.geometry;
}

const square = (x0: number, y0: number, size: number): Ring => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

describe('TopoJSON decoding', () => {
  test('Maidstone as TopoJSON gives the same 95 LSOAs as the GeoJSON, in nearly the same places', () => {
    const topo = features(readJson('topo_E07000110.json'));
    const geo = features(readJson('E07000110.json'));
    assert.equal(topo.length, 95);
    const code = (f: RawFeature) => stringProperty(f.properties, /^lsoa\d\dcd$/i);
    assert.deepEqual(topo.map(code).sort(), geo.map(code).sort());
    const geoByCode = new Map(geo.map((f) => [code(f), f]));
    for (const f of topo) {
      const t = areal(f.geometry);
      const g = areal(geoByCode.get(code(f))!.geometry);
      assert.equal(t.type, 'Polygon');
      assert.ok(distanceKm(centroid(t), centroid(g)) < 0.05, `${code(f)}: centroids within 50 m`);
      assert.ok(Math.abs(area(t) / area(g) - 1) < 0.02, `${code(f)}: areas within 2%`);
    }
  });

  test('quantised arcs are delta-decoded, reversed for negative indexes, and joined without repeating points', () => {
    // Two squares side by side sharing one edge; with a scale of 0.5, 2 quantised units are 1 degree.
    const topology = {
      type: 'Topology',
      transform: { scale: [0.5, 0.5], translate: [10, 50] },
      arcs: [
        [
          [2, 0],
          [0, 2],
        ], // the shared edge (11,50) -> (11,51)
        [
          [2, 2],
          [-2, 0],
          [0, -2],
          [2, 0],
        ], // the left square's other edges, from (11,51) round to (11,50)
        [
          [2, 0],
          [2, 0],
          [0, 2],
          [-2, 0],
        ], // the right square's other edges, from (11,50) round to (11,51)
      ],
      objects: {
        squares: {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Polygon', properties: { name: 'left' }, arcs: [[0, 1]] },
            { type: 'MultiPolygon', properties: { name: 'right' }, arcs: [[[2, -1]]] },
            { type: 'Polygon', properties: { name: 'broken' }, arcs: [[7]] },
            { type: 'Point', properties: { name: 'point' }, coordinates: [0, 0] },
          ],
        },
      },
    };
    const [left, right, broken, point] = features(topology);
    assert.deepEqual(left!.geometry, {
      type: 'Polygon',
      coordinates: [
        [
          [11, 50],
          [11, 51],
          [10, 51],
          [10, 50],
          [11, 50],
        ],
      ],
    });
    assert.equal(area(areal(left!.geometry)), 1);
    assert.deepEqual(areal(right!.geometry), {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [11, 50],
            [12, 50],
            [12, 51],
            [11, 51],
            [11, 50],
          ],
        ],
      ],
    });
    assert.equal(broken!.error, 'its TopoJSON geometry cannot be decoded: arc 7 does not exist');
    assert.deepEqual(checkAreal(point!.geometry), { ok: false, reason: 'its geometry is a Point, not a Polygon or MultiPolygon' });
    assert.deepEqual(
      features(topology).map((f) => f.index),
      [1, 2, 3, 4],
    );
  });

  test('a Topology without arcs is refused', () => {
    assert.deepEqual(decodeTopology({ type: 'Topology', objects: {} }), { error: 'its Topology has no "arcs" list or no "objects"' });
  });
});

describe('GeoJSON features', () => {
  test('a FeatureCollection gives its features numbered from 1; anything else is refused', () => {
    const list = features({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { LSOA11CD: 'E01024320' }, geometry: { type: 'Polygon', coordinates: [square(0, 51, 0.01)] } },
        { type: 'Thing' },
      ],
    });
    assert.equal(list.length, 2);
    assert.equal(list[0]!.index, 1);
    assert.equal(stringProperty(list[0]!.properties, /^lsoa\d\dcd$/i), 'E01024320');
    assert.equal(list[1]!.error, 'it is not a GeoJSON Feature');
    assert.deepEqual(readFeatures([1, 2]), { error: 'it is not a GeoJSON FeatureCollection or a TopoJSON Topology' });
    assert.match((readFeatures({ type: 'Point' }) as { error: string }).error, /its type is "Point"/);
  });

  test('checkAreal accepts polygons in longitude and latitude, normalised, and says why it refuses others', () => {
    assert.deepEqual(
      areal({
        type: 'Polygon',
        coordinates: [
          [
            [0.1234567891, 51, 12],
            [0.2, 51],
            [0.2, 51.1],
            [0.1234567891, 51, 3],
          ],
        ],
      }),
      {
        type: 'Polygon',
        coordinates: [
          [
            [0.123457, 51],
            [0.2, 51],
            [0.2, 51.1],
            [0.123457, 51],
          ],
        ],
      },
    );
    const refused = (geometry: unknown) => {
      const r = checkAreal(geometry);
      assert.equal(r.ok, false);
      return r.ok ? '' : r.reason;
    };
    const polygon = (...rings: unknown[][]) => ({ type: 'Polygon', coordinates: rings });
    /** A ring of the positions whose x and y are given in turn. */
    const ring = (...xy: unknown[]) => Array.from({ length: xy.length / 2 }, (_, i) => xy.slice(2 * i, 2 * i + 2));
    const cases: [unknown, string | RegExp][] = [
      [null, 'it has no geometry'],
      [{ type: 'LineString', coordinates: [] }, 'its geometry is a LineString, not a Polygon or MultiPolygon'],
      [polygon(ring(0, 0, 1, 0, 0, 0)), 'the outer ring of the polygon has fewer than 4 positions'],
      [polygon(ring(0, 0, 1, 0, 1, 1, 0, 1)), 'the outer ring of the polygon is not closed (its last position differs from its first)'],
      [polygon(square(530000, 180000, 100)), /not a longitude and latitude \(boundaries must be in WGS84\)/],
      [polygon(ring(0, 0, 1, 1, 2, 2, 0, 0)), 'its geometry has no area'],
      [{ type: 'MultiPolygon', coordinates: [[square(0, 0, 1)], [[[0, 'x']]]] }, 'the outer ring of polygon 2 has fewer than 4 positions'],
      [polygon(square(0, 0, 1), ring(0, 0, 1, 'a', 1, 1, 0, 0)), 'hole 1 of the polygon has a position that is not a pair of numbers'],
    ];
    for (const [geometry, reason] of cases) {
      if (typeof reason === 'string') assert.equal(refused(geometry), reason);
      else assert.match(refused(geometry), reason);
    }
  });
});

describe('geometry', () => {
  const withHole: ArealGeometry = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
  const two: ArealGeometry = { type: 'MultiPolygon', coordinates: [[square(0, 0, 10), square(4, 4, 2)], [square(20, 0, 2)]] };

  test('point in polygon respects holes, and any part of a MultiPolygon counts', () => {
    assert.equal(pointInAreal([2, 2], withHole), true);
    assert.equal(pointInAreal([5, 5], withHole), false, 'inside the hole');
    assert.equal(pointInAreal([11, 5], withHole), false);
    assert.equal(pointInAreal([-0.5, 5], withHole), false);
    assert.equal(pointInAreal([21, 1], two), true, 'in the second polygon');
    assert.equal(pointInAreal([5, 5], two), false, "in the first polygon's hole");
    assert.equal(pointInAreal([9, 9], two), true);
    assert.equal(pointInAreal([15, 1], two), false, 'between the polygons');
    // A concave ring (a U shape): the notch is outside.
    const u: Ring = [
      [0, 0],
      [3, 0],
      [3, 3],
      [2, 3],
      [2, 1],
      [1, 1],
      [1, 3],
      [0, 3],
      [0, 0],
    ];
    assert.equal(pointInRing([1.5, 2], u), false);
    assert.equal(pointInRing([0.5, 2], u), true);
    assert.equal(pointInRing([1.5, 0.5], u), true);
  });

  test('area and centroid subtract holes and weight the parts of a MultiPolygon', () => {
    assert.equal(area(withHole), 96);
    assert.deepEqual(centroid({ type: 'Polygon', coordinates: [square(0, 0, 10)] }), [5, 5]);
    assert.deepEqual(centroid(withHole), [5, 5]);
    // A hole off-centre pulls the centroid away from it: (100*5 - 4*8) / 96 = 4.875
    assert.deepEqual(centroid({ type: 'Polygon', coordinates: [square(0, 0, 10), square(7, 7, 2)] }), [4.875, 4.875]);
    // 96 at (5,5) and 4 at (21,1): x = (480 + 84) / 100, y = (480 + 4) / 100
    assert.deepEqual(centroid(two), [5.64, 4.84]);
    // Clockwise rings give the same answer.
    assert.deepEqual(centroid({ type: 'Polygon', coordinates: [[...square(0, 0, 10)].reverse()] }), [5, 5]);
  });

  test('bounding box, and distance in kilometres', () => {
    assert.deepEqual(bbox(two), [0, 0, 22, 10]);
    assert.ok(Math.abs(distanceKm([0.5, 51], [0.5, 52]) - 111.2) < 0.1);
    assert.ok(Math.abs(distanceKm([0, 51.27], [1, 51.27]) - 69.6) < 0.2);
  });
});
