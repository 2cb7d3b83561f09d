import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { StopSearchCountRow } from './explore-repository.ts';
import { areaShapes, shapesBox, summariseSearches } from './explore-stop-search.ts';

// Two neighbouring squares and a point in each, one outside both, and one with no location.
const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 51],
      [x + 0.1, 51],
      [x + 0.1, 51.1],
      [x, 51.1],
      [x, 51],
    ],
  ],
});
const row = (over: Partial<StopSearchCountRow>): StopSearchCountRow => ({
  month: '2018-10',
  longitude: 0.55,
  latitude: 51.05,
  object_of_search: 'Controlled drugs',
  outcome: 'A no further action disposal',
  legislation: 'Misuse of Drugs Act 1971 (section 23)',
  searches: 1,
  ...over,
});

describe('stop and search in an area', () => {
  const shapes = areaShapes(
    new Map<string, unknown>([
      ['E01000001', square(0.5)],
      ['E01000002', square(0.6)],
      ['E01000003', { type: 'Point', coordinates: [0, 0] }],
    ]),
  );

  test('only areal boundaries can hold searches; the box is around all of them', () => {
    assert.equal(shapes.length, 2);
    assert.deepEqual(shapesBox(shapes), [0.5, 51, 0.7, 51.1]);
    assert.equal(shapesBox([]), null);
  });

  test('searches whose points lie in the shapes are added up by object, outcome and month; others are left out', () => {
    const summary = summariseSearches(
      [
        row({ searches: 3 }),
        row({
          longitude: 0.65,
          object_of_search: 'Offensive weapons',
          outcome: 'Arrest',
          legislation: 'Police and Criminal Evidence Act 1984 (section 1)',
          searches: 2,
        }),
        row({ longitude: 0.65, month: '2018-11', object_of_search: '', outcome: 'Arrest', legislation: '' }),
        row({ longitude: 0.75, searches: 10 }),
        row({ longitude: null, latitude: null, searches: 20 }),
        row({ month: '2018-11', searches: 1 }),
      ],
      shapes,
      3,
    );
    assert.equal(summary.total, 7);
    assert.deepEqual(summary.byObject, [
      { label: 'Controlled drugs', searches: 4 },
      { label: 'Offensive weapons', searches: 2 },
      { label: '', searches: 1 },
    ]);
    assert.deepEqual(summary.byOutcome, [
      { label: 'A no further action disposal', searches: 4 },
      { label: 'Arrest', searches: 3 },
    ]);
    assert.deepEqual(
      summary.rows.map((r) => [r.month, r.objectOfSearch, r.outcome, r.searches]),
      [
        ['2018-10', 'Controlled drugs', 'A no further action disposal', 3],
        ['2018-10', 'Offensive weapons', 'Arrest', 2],
        ['2018-11', '', 'Arrest', 1],
        ['2018-11', 'Controlled drugs', 'A no further action disposal', 1],
      ],
    );
    assert.deepEqual([summary.lsoas, summary.lsoasWithBoundary], [3, 2]);
  });
});
