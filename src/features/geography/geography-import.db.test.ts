import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import type { Database } from '../../platform/db/database.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { KENT_POLICE_DISTRICTS } from '../demo/demo-constants.ts';
import { importGeographyBundle, type BundleResult } from './geography-bundle.ts';
import { importLsoaBoundaries, importLsoasImd, importPopulation, importWards } from './geography-import.ts';
import { GeographyFileError } from './geography-kinds.ts';
import { assignWards } from './geography-wards.ts';
import { lsoasOfDistricts, populationTotals, wardsOfDistricts } from './geography-repository.ts';

const openData = path.resolve(import.meta.dirname, '../../../open-data');
const MAIDSTONE = 'E07000110';

async function one<T>(db: Database, text: string, params: unknown[] = []): Promise<T> {
  const rows = await db.bulk((s) => s.query<T>(text, params));
  return rows[0]!;
}

/** A fingerprint of everything in the geography tables. */
async function snapshot(db: Database): Promise<string> {
  const row = await one<{ lsoas: string; wards: string }>(
    db,
    `select (select md5(string_agg(l::text, '|' order by l.code)) from geo_lsoas l) as lsoas,
            (select md5(string_agg(w::text, '|' order by w.code)) from geo_wards w) as wards`,
  );
  return `${row.lsoas} ${row.wards}`;
}

describe(`geography import (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let t: TestDatabase;
  let first: BundleResult;
  let scratch: string;

  before(async () => {
    t = await createTestDatabase();
    scratch = mkdtempSync(path.join(os.tmpdir(), 'safer-geo-'));
    first = await importGeographyBundle(t.db, openData, { districts: [MAIDSTONE] });
  });
  after(async () => {
    rmSync(scratch, { recursive: true, force: true });
    await t.drop();
  });

  test('the bundle loads Maidstone: 95 LSOAs with deprivation, 171,826 people, rural-urban classes and 26 wards', async () => {
    const counts = await one<{
      lsoas: number;
      imd: number;
      crime: number;
      population: number;
      year: number;
      boundaries: number;
      wards: number;
    }>(
      t.db,
      `select count(*)::int as lsoas, count(imd_decile)::int as imd, count(crime_decile)::int as crime,
         sum(population)::int as population, min(population_year)::int as year, count(boundary)::int as boundaries,
         (select count(*)::int from geo_wards where district_code = $1) as wards
       from geo_lsoas where district_code = $1`,
      [MAIDSTONE],
    );
    assert.deepEqual(counts, { lsoas: 95, imd: 95, crime: 95, population: 171826, year: 2019, boundaries: 95, wards: 26 });
    assert.equal((await one<{ n: number }>(t.db, 'select count(*)::int as n from geo_lsoas')).n, 95, 'only the chosen district');
    const classes = await t.db.bulk((s) =>
      s.query<{ ruc_name: string; n: number }>(
        `select ruc_name, count(*)::int as n from geo_lsoas where district_code = $1 group by ruc_name order by ruc_name`,
        [MAIDSTONE],
      ),
    );
    assert.deepEqual(classes, [
      { ruc_name: 'Rural town and fringe', n: 15 },
      { ruc_name: 'Rural village and dispersed', n: 11 },
      { ruc_name: 'Urban city and town', n: 69 },
    ]);
    const sample = await one<Record<string, unknown>>(
      t.db,
      `select code, name, district_name, imd_rank, imd_decile, crime_rank, crime_decile, ruc_code, boundary->>'type' as type
       from geo_lsoas where code = 'E01024320'`,
    );
    assert.equal(sample['name'], 'Maidstone 003A');
    assert.equal(sample['district_name'], 'Maidstone');
    assert.equal(sample['type'], 'Polygon');
    assert.ok(Number(sample['imd_rank']) >= 1 && Number(sample['imd_decile']) >= 1 && Number(sample['crime_decile']) <= 10);
  });

  test('every Maidstone LSOA has a Maidstone ward, whose boundary mostly contains its centroid', async () => {
    const unassigned = await one<{ n: number }>(
      t.db,
      `select count(*)::int as n from geo_lsoas l left join geo_wards w on w.code = l.ward_code
       where l.district_code = $1 and (w.code is null or w.district_code <> $1)`,
      [MAIDSTONE],
    );
    assert.equal(unassigned.n, 0);
    assert.equal(first.wards.lsoas, 95);
    assert.equal(first.wards.contained + first.wards.nearest, 95);
    assert.ok(first.wards.contained >= 90, `${first.wards.contained} centroids inside a ward`);
    assert.equal(first.wards.changed, 95);
  });

  test('the bundle reports every row: accepted, ignored outside the district, none rejected', async () => {
    const byKind = new Map(first.files.map((f) => [f.kind, f]));
    const imd = byKind.get('lsoas-imd')!;
    assert.deepEqual(
      {
        rows: imd.rows,
        accepted: imd.accepted,
        rejected: imd.rejected,
        ignored: imd.ignored,
        inserted: imd.inserted,
        why: imd.ignoredReason,
      },
      { rows: 32844, accepted: 32844, rejected: 0, ignored: 32844 - 95, inserted: 95, why: 'outside the chosen districts' },
    );
    const population = byKind.get('population')!;
    assert.equal(population.rows, 42619, 'the Grand Total row is not a row');
    assert.equal(population.rejected, 0, 'Welsh, Scottish and Northern Irish codes are not errors');
    assert.equal(population.updated, 95);
    assert.equal(population.ignored, 42619 - 95);
    assert.equal(population.ignoredReason, 'not in the loaded LSOAs of the chosen districts');
    for (const f of first.files) {
      assert.equal(f.rejected, 0, `${f.file}: ${JSON.stringify(f.rejections.slice(0, 3))}`);
      assert.equal(f.accepted, f.ignored + f.inserted + f.updated + f.unchanged, f.file);
    }
    assert.deepEqual(
      first.files.map((f) => f.kind),
      ['lsoas-imd', 'lsoas-crime-domain', 'population', 'rural-urban', 'lsoa-boundaries', 'wards'],
    );
    const recorded = await t.db.bulk((s) =>
      s.query<{ id: number; kind: string; rows_total: number; rows_rejected: number }>(
        'select id, kind, rows_total, rows_rejected from geo_imports order by id',
      ),
    );
    assert.deepEqual(
      recorded.map((r) => [r.id, r.kind, r.rows_total, r.rows_rejected]),
      first.files.map((f) => [f.importId, f.kind, f.rows, 0]),
      'each file is recorded as a geography import',
    );
  });

  test('running the imports again changes nothing', async () => {
    const before = await snapshot(t.db);
    const again = await importGeographyBundle(t.db, openData, { districts: [MAIDSTONE] });
    for (const f of again.files) {
      assert.equal(f.inserted + f.updated, 0, `${f.file} changed ${f.inserted + f.updated} rows`);
      assert.equal(f.unchanged, f.kind === 'wards' ? 26 : 95, f.file);
    }
    assert.equal(again.wards.changed, 0);
    const single = await importWards(t.db, path.join(openData, 'boundaries/wards_by_lad/E07000110.json'));
    assert.equal(single.unchanged, 26);
    assert.equal(await snapshot(t.db), before);
  });

  test('the queries for a partnership work as the application role', async () => {
    const partnershipId = await t.db.system((trx) =>
      insertPartnership(trx, { slug: 'geo-test', name: 'Geography test', districtCodes: [MAIDSTONE] }),
    );
    const { lsoas, wards, totals } = await t.db.tenant(partnershipId, async (trx) => ({
      lsoas: await lsoasOfDistricts(trx, [MAIDSTONE], { boundaries: true }),
      wards: await wardsOfDistricts(trx, [MAIDSTONE]),
      totals: await populationTotals(trx, [MAIDSTONE]),
    }));
    assert.equal(lsoas.length, 95);
    const a = lsoas.find((l) => l.code === 'E01024320')!;
    assert.equal(a.districtName, 'Maidstone');
    assert.equal(a.boundary?.type, 'Polygon');
    assert.ok(a.centroid && a.centroid[0] > 0.3 && a.centroid[0] < 0.9 && a.centroid[1] > 51 && a.centroid[1] < 51.5);
    assert.ok(a.wardName && a.wardCode?.startsWith('E05'));
    assert.equal(lsoas.filter((l) => l.ruralUrbanName === 'Urban city and town').length, 69);
    assert.equal(wards.length, 26);
    assert.equal(
      wards.reduce((n, w) => n + w.lsoas, 0),
      95,
    );
    assert.equal(
      wards.reduce((n, w) => n + (w.population ?? 0), 0),
      171826,
    );
    assert.equal(wards[0]!.boundary, null, 'boundaries only when asked');
    assert.deepEqual(totals, {
      districts: [
        {
          districtCode: MAIDSTONE,
          districtName: 'Maidstone',
          lsoas: 95,
          lsoasWithPopulation: 95,
          population: 171826,
          populationYear: 2019,
        },
      ],
      lsoas: 95,
      population: 171826,
      populationYear: 2019,
    });
    assert.deepEqual(await t.db.system((trx) => lsoasOfDistricts(trx, [])), []);
  });

  test('a file with bad rows is loaded but for them, each reported with its line number and reason', async () => {
    const before = await snapshot(t.db);
    const { population } = await one<{ population: number }>(t.db, `select population from geo_lsoas where code = 'E01024320'`);
    const file = path.join(scratch, 'population.csv');
    writeFileSync(
      file,
      [
        '\uFEFFlsoa,pop',
        `E01024320,"${population.toLocaleString('en-GB')}"`,
        'E01024321,lots',
        'S01006506,"1,000"',
        'E01024322,1,2',
        '',
        'E01024320,5',
        'Grand Total,1893691',
        '',
      ].join('\r\n'),
    );
    const result = await importPopulation(t.db, file);
    assert.deepEqual(
      {
        rows: result.rows,
        accepted: result.accepted,
        rejected: result.rejected,
        ignored: result.ignored,
        unchanged: result.unchanged,
        unit: result.unit,
      },
      { rows: 5, accepted: 2, rejected: 3, ignored: 1, unchanged: 1, unit: 'line' },
    );
    assert.deepEqual(
      result.rejections.map((r) => [r.line, r.reason]),
      [
        [3, 'population "lots" is not a whole number'],
        [5, 'expected 2 fields, as in the header, but found 3'],
        [7, 'E01024320 is given again (first on line 2)'],
      ],
    );
    assert.equal(result.rejections[0]!.raw, 'E01024321,lots');

    const imd = path.join(scratch, 'imd.csv');
    writeFileSync(
      imd,
      [
        'LSOA code (2011),LSOA name (2011),Local Authority District code (2019),Local Authority District name (2019),Index of Multiple ' +
          'Deprivation (IMD) Rank,Index of Multiple Deprivation (IMD) Decile',
        'E01024320,Maidstone 003A,E07000110,Maidstone,"1,234",11',
        'X01024320,Somewhere,E07000110,Maidstone,12,1',
        'E01024321,Maidstone 003B,E07000110,Maidstone,"12,3",1',
        'E01024322,"Maidstone 003C,E07000110,Maidstone,12,1',
      ].join('\n'),
    );
    const imdResult = await importLsoasImd(t.db, imd);
    assert.deepEqual(
      imdResult.rejections.map((r) => [r.line, r.reason]),
      [
        [2, 'IMD decile "11" is not a whole number from 1 to 10'],
        [3, 'LSOA code "X01024320" is not an LSOA code like E01024320'],
        [4, 'IMD rank "12,3" is not a whole number of 1 or more'],
        [5, 'malformed quoting: a quoted field is not closed'],
      ],
    );
    assert.equal(imdResult.accepted, 0);

    const wards = JSON.parse(readFileSync(path.join(openData, 'boundaries/wards_by_lad/E07000110.json'), 'utf8')) as {
      features: { geometry: unknown; properties: Record<string, unknown> }[];
    };
    wards.features[2]!.geometry = { type: 'Point', coordinates: [0.5, 51.2] };
    wards.features[4]!.properties['WD13CD'] = 'nonsense';
    const wardFile = path.join(scratch, 'E07000110.json');
    writeFileSync(wardFile, JSON.stringify(wards));
    const wardResult = await importWards(t.db, wardFile);
    assert.equal(wardResult.unit, 'feature');
    assert.deepEqual(
      wardResult.rejections.map((r) => [r.line, r.reason]),
      [
        [3, 'its geometry is a Point, not a Polygon or MultiPolygon'],
        [5, 'ward code "nonsense" is not a ward code like E05004982'],
      ],
    );
    assert.equal(wardResult.unchanged, 24);
    assert.equal(await snapshot(t.db), before, 'rejected rows changed nothing');

    // Each file's import is recorded with its totals and every rejected row, where and why.
    const imports = await t.db.bulk((s) =>
      s.query<{
        id: number;
        kind: string;
        file_name: string;
        unit: string;
        rows_total: number;
        rows_accepted: number;
        rows_rejected: number;
        rows_ignored: number;
      }>(
        'select id, kind, file_name, unit, rows_total, rows_accepted, rows_rejected, rows_ignored from geo_imports where id = ' +
          'any($1::int[]) order by id',
        [[result.importId, imdResult.importId, wardResult.importId]],
      ),
    );
    assert.deepEqual(
      imports.map((i) => [i.kind, i.file_name, i.unit, i.rows_total, i.rows_accepted, i.rows_rejected, i.rows_ignored]),
      [
        ['population', file, 'line', 5, 2, 3, 1],
        ['lsoas-imd', imd, 'line', 4, 0, 4, 0],
        ['wards', wardFile, 'feature', 26, 24, 2, 0],
      ],
    );
    const stored = await t.db.bulk((s) =>
      s.query<{ import_id: number; line: number; reason: string; raw: string }>(
        'select import_id, line, reason, raw from geo_rejections where import_id = any($1::int[]) order by import_id, line',
        [[result.importId, imdResult.importId, wardResult.importId]],
      ),
    );
    assert.deepEqual(
      stored.map((r) => [r.import_id, r.line, r.reason]),
      [result, imdResult, wardResult].flatMap((f) => f.rejections.map((r) => [f.importId, r.line, r.reason])),
    );
    assert.equal(stored[0]!.raw, 'E01024321,lots');
  });

  test('files that are not what they should be are refused as a whole, naming the file', async () => {
    await assert.rejects(importLsoasImd(t.db, path.join(openData, 'population/2019_population.csv')), (error: Error) => {
      assert.ok(error instanceof GeographyFileError);
      assert.match(error.message, /2019_population\.csv is not English Indices of Deprivation 2019 file 1 .*"LSOA name"/);
      return true;
    });
    await assert.rejects(importPopulation(t.db, path.join(scratch, 'missing.csv')), /missing\.csv: no such file/);
    const notJson = path.join(scratch, 'E07000110.geojson');
    writeFileSync(notJson, '{"type": "FeatureCollection", "features": [');
    await assert.rejects(importLsoaBoundaries(t.db, notJson), /is not GeoJSON or TopoJSON: it is not valid JSON/);
    await assert.rejects(importWards(t.db, path.join(scratch, 'imd.csv')), /cannot tell which district these wards are in/);
    await assert.rejects(
      importGeographyBundle(t.db, scratch, { districts: KENT_POLICE_DISTRICTS }),
      /is missing files of the geography bundle \(is it laid out like open-data\/\?\): imd\/File_1.*and \d+ more/,
    );
  });

  test('TopoJSON boundaries load as well, and the ward lookup still gives every LSOA a ward', async () => {
    const topo = await importLsoaBoundaries(t.db, path.join(openData, 'boundaries/lsoa_by_lad/topo_E07000110.json'), {
      districts: [MAIDSTONE],
    });
    assert.equal(topo.rejected, 0);
    assert.equal(topo.accepted, 95);
    assert.equal(topo.updated, 95, 'quantised boundaries differ slightly');
    const lookup = await assignWards(t.db, { districts: [MAIDSTONE] });
    assert.equal(lookup.contained + lookup.nearest, 95);
    const unassigned = await one<{ n: number }>(t.db, 'select count(*)::int as n from geo_lsoas where ward_code is null');
    assert.equal(unassigned.n, 0);
  });
});
