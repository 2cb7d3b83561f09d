import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { saferCommandLine } from '../../../test/helpers/cli-runner.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';

describe(`safer import geography (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-geo-cli-' });
  const safer = (args: string[]) => cli.run(args);

  test('geography-bundle loads a district from open-data/ with a short summary, and again changes nothing', () => {
    const first = safer(['import', 'geography-bundle', 'open-data', '--districts', 'E07000110']);
    assert.equal(first.code, 0, first.err);
    assert.match(first.out, /^Geography of 1 district\(s\) from open-data, in [\d.]+s:$/m);
    assert.match(
      first.out,
      new RegExp(
        /lsoas-imd +File_1_-_IMD2019_Index_of_Multiple_Deprivation\.csv\.gz: 32844 rows, 32844 accepted, 0 rejected; /.source +
          /95 added, 0 updated, 0 unchanged; 32749 outside the chosen districts/.source,
      ),
    );
    assert.match(
      first.out,
      new RegExp(
        /population +2019_population\.csv: 42619 rows, 42619 accepted, 0 rejected; /.source +
          /0 added, 95 updated, 0 unchanged; 42524 not in the loaded LSOAs/.source,
      ),
    );
    assert.match(first.out, /wards +E07000110\.json: 26 features, 26 accepted, 0 rejected; 26 added/);
    assert.match(first.out, /ward lookup +95 LSOAs: \d+ within a ward, \d+ given the nearest ward; 95 changed/);
    assert.equal(first.out.trim().split('\n').length, 8, 'one line per kind of file, and the ward lookup');
    const again = safer(['import', 'geography-bundle', 'open-data', '--districts', 'E07000110']);
    assert.equal(again.code, 0, again.err);
    assert.doesNotMatch(again.out, /[1-9]\d* (added|updated)/);
    assert.match(again.out, /; 0 changed/);
  });

  test("geography <kind> <file> imports one file, reporting rejected lines, in every partnership's audit log", async () => {
    assert.equal(safer(['partnership', 'add', '--slug', 'faraway', '--name', 'Safer Faraway', '--district', 'E09000001']).code, 0);
    const file = path.join(cli.work, 'population.csv');
    writeFileSync(file, '\uFEFFlsoa,pop\nE01024320,"1,954"\nE01024321,many\nGrand Total,1954\n');
    const r = safer(['import', 'geography', 'population', file, '--districts', 'E07000110']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /population +\S+population\.csv: 2 rows, 1 accepted, 1 rejected; 0 added, (0|1) updated, (0|1) unchanged/);
    assert.match(r.out, /rejected \S+population\.csv line 3: population "many" is not a whole number/);
    assert.match(r.out, /every rejected row is stored with geography import \d+: see Import data, Geography imports/);
    const wards = safer(['import', 'geography', 'wards', 'open-data/boundaries/wards_by_lad/E07000110.json']);
    assert.equal(wards.code, 0, wards.err);
    assert.match(wards.out, /26 features, 26 accepted, 0 rejected; 0 added, 0 updated, 26 unchanged/);
    assert.match(wards.out, /ward lookup +95 LSOAs/);
    const audit = await cli.inspect((db) =>
      db.bulk((s) =>
        s.query<{ actor_name: string; details: Record<string, unknown> }>(
          `select actor_name, details from audit_events where action = 'geography_import.finished'
           and partnership_id = (select id from partnerships where slug = 'faraway') order by id`,
        ),
      ),
    );
    assert.deepEqual(
      audit.map((e) => [e.actor_name, e.details['file'], e.details['result']]),
      [
        ['Safer command line', 'population.csv', 'Read as population: 1 row accepted (0 added, 1 changed, 0 unchanged), 1 rejected'],
        ['Safer command line', 'E07000110.json', 'Read as wards: 26 features accepted (0 added, 0 changed, 26 unchanged), 0 rejected'],
      ],
    );
  });

  test('mistakes are usage errors that say what and where, without a stack trace', () => {
    const cases: [string[], RegExp][] = [
      [
        ['import', 'geography', 'counties', 'open-data/population/2019_population.csv'],
        /<kind>: must be one of lsoas-imd, lsoas-crime-domain, population, rural-urban, lsoa-boundaries, wards/,
      ],
      [['import', 'geography', 'population', 'open-data/population/none.csv'], /<file>: open-data\/population\/none\.csv is not a file/],
      [
        ['import', 'geography', 'population', 'open-data/population/2019_population.csv', '--districts', 'Kent'],
        /--districts: district codes look like E07000110/,
      ],
      [
        ['import', 'geography', 'lsoas-crime-domain', 'open-data/rural-urban/ruc_2011.csv'],
        /ruc_2011\.csv is not English Indices of Deprivation 2019 file 2 .*"Crime Rank"/,
      ],
      [
        ['import', 'geography', 'wards', 'open-data/population/2019_population.csv'],
        /<file>: cannot tell which district the wards in \S+ are in/,
      ],
      [['import', 'geography-bundle', 'open-data/imd'], /open-data\/imd is missing files of the geography bundle/],
      [['import', 'geography-bundle', 'nowhere'], /<folder>: nowhere is not a folder/],
    ];
    for (const [args, message] of cases) {
      const r = safer(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
      assert.doesNotMatch(r.err, /\n\s+at /, 'no stack trace');
    }
  });
});
