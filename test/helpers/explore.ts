import type { LsoaRow } from '../../src/features/explore/explore-repository.ts';

/** An urban LSOA of Maidstone (E07000110) in ward E05000001 with 1,000 residents in 2019, named after its last digit. */
export const lsoaRow = (code: string, extra: Partial<LsoaRow> = {}): LsoaRow => ({
  code,
  name: `Name ${code.slice(-1)}`,
  district_code: 'E07000110',
  district_name: 'Maidstone',
  ward_code: 'E05000001',
  ruc_name: 'Urban city and town',
  population: 1000,
  population_year: 2019,
  ...extra,
});

/** A small triangular LSOA boundary near Maidstone, as GeoJSON geometry. */
export const triangleBoundary = {
  type: 'Polygon',
  coordinates: [
    [
      [0.5, 51.2],
      [0.51, 51.2],
      [0.51, 51.21],
      [0.5, 51.2],
    ],
  ],
};
