import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { LsoaPlace, WardBoundary } from './geography-load-repository.ts';
import { lookUpWards } from './geography-wards.ts';

/** A square ward of side 0.1 degrees with its south-west corner at (lon, lat). */
const square = (code: string, districtCode: string | null, lon: number, lat: number): WardBoundary => ({
  code,
  districtCode,
  boundary: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.1, lat],
        [lon + 0.1, lat + 0.1],
        [lon, lat + 0.1],
        [lon, lat],
      ],
    ],
  },
});

const lsoa = (code: string, districtCode: string | null, at: [number, number] | null, wardCode: string | null = null): LsoaPlace => ({
  code,
  districtCode,
  lon: at ? at[0] : null,
  lat: at ? at[1] : null,
  wardCode,
});

describe('the ward lookup', () => {
  const wards = [
    square('E05000001', 'E07000110', 0.5, 51.2),
    square('E05000002', 'E07000110', 0.6, 51.2),
    square('E05000003', 'E07000111', 0.5, 51.3),
    { code: 'E05000004', districtCode: 'E07000110', boundary: { type: 'Point', coordinates: [0.55, 51.25] } },
  ];

  test("gives an LSOA the ward of its district that contains its centroid, or else its district's nearest ward", () => {
    const { result, changes } = lookUpWards(
      [
        lsoa('E01000001', 'E07000110', [0.55, 51.25]),
        lsoa('E01000002', 'E07000110', [0.68, 51.25]),
        lsoa('E01000003', 'E07000110', [0.55, 51.35]),
        lsoa('E01000004', 'E07000110', [0.76, 51.25]),
      ],
      wards,
    );
    assert.deepEqual(changes, [
      ['E01000001', 'E05000001'],
      ['E01000002', 'E05000002'],
      ['E01000003', 'E05000001'],
      ['E01000004', 'E05000002'],
    ]);
    assert.deepEqual(result, { lsoas: 4, contained: 2, nearest: 2, withoutBoundary: 0, withoutWards: 0 });
  });

  test('leaves out LSOAs without a centroid or without wards in their district, and those already in their ward', () => {
    const { result, changes } = lookUpWards(
      [
        lsoa('E01000001', 'E07000110', null),
        lsoa('E01000002', 'E07000112', [0.55, 51.25]),
        lsoa('E01000003', 'E07000111', [0.55, 51.35], 'E05000003'),
        lsoa('E01000004', null, [0.55, 51.35]),
      ],
      wards,
    );
    assert.deepEqual(changes, [['E01000004', 'E05000003']], 'an LSOA of no district may have any ward');
    assert.deepEqual(result, { lsoas: 4, contained: 2, nearest: 0, withoutBoundary: 1, withoutWards: 1 });
  });
});
