import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { promisify } from 'node:util';
import { runSpcCommand, type SpcCommandIo, type SpcCommandOptions } from './spc-cli.ts';

/** Runs the command in-process on files held in memory; returns the exit code and what it printed. */
async function spc(options: Partial<SpcCommandOptions>, files: Record<string, string>, stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: SpcCommandIo = {
    readFile: async (path) => {
      if (!Object.hasOwn(files, path))
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
      return files[path]!;
    },
    readStdin: async () => stdin,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
  };
  const code = await runSpcCommand({ input: 'series.csv', format: 'json', ...options }, io);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

// The outside-limits vector of spc.test.ts: mean 155/12 = 12.916667, mean moving range 38/11,
// limits 22.105758 and 3.727576; December 2018 (30) is outside.
const VALUES = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30];
const rows = (values: readonly (number | string)[], from = 0) =>
  values.map((v, i) => `${2018 + Math.floor((i + from) / 12)}-${String(((i + from) % 12) + 1).padStart(2, '0')},${v}`);
const csv = (lines: readonly string[]) => `${lines.join('\n')}\n`;

describe('safer spc on good input', () => {
  test('a rising trend below the mean is special-cause improvement when higher is better', async () => {
    const result = await spc({ direction: 'higher' }, { 'series.csv': csv(rows([20, 20, 20, 20, 20, 1, 2, 3, 4, 5, 6, 7])) });
    const json = JSON.parse(result.stdout);
    assert.equal(json.variation, 'special-cause-improvement');
    assert.deepEqual(json.points.at(-1).rules, ['run-of-seven', 'trend-of-seven']);
    assert.equal(json.points.at(-1).specialCause, 'improvement');
  });

  test('the same shape at 5,000 and at 5,000,000,000 gets the same flags', async () => {
    const at = async (base: number) => {
      const shape = [2, 6, 2, 6, 2, 5, 5, 5, 5, 5, 5, 5, 2, 4, 2];
      const json = JSON.parse((await spc({ direction: 'lower' }, { 'series.csv': csv(rows(shape.map((v) => v + base))) })).stdout);
      return json.points.map((p: { rules: string[] }) => p.rules);
    };
    const small = await at(5000);
    assert.deepEqual(small[5], ['run-of-seven']);
    assert.deepEqual(await at(5_000_000_000), small);
  });

  test('prints the mean, the limits and every point with its special-cause flags', async () => {
    const result = await spc({ direction: 'lower', target: '15' }, { 'series.csv': csv(['period,value', ...rows(VALUES)]) });
    assert.equal(result.stderr, '');
    assert.equal(result.code, 0);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(Object.keys(json), ['input', 'direction', 'target', 'mean', 'limits', 'points', 'variation', 'assurance']);
    assert.equal(json.input, 'series.csv');
    assert.equal(json.direction, 'lower');
    assert.equal(json.target, 15);
    assert.ok(Math.abs(json.mean - 12.916667) < 1e-6);
    assert.equal(json.limits.length, 1);
    assert.deepEqual(Object.keys(json.limits[0]), ['from', 'to', 'points', 'mean', 'meanMovingRange', 'lowerLimit', 'upperLimit']);
    assert.equal(json.limits[0].from, '2018-01');
    assert.equal(json.limits[0].to, '2018-12');
    assert.equal(json.limits[0].points, 12);
    assert.ok(Math.abs(json.limits[0].upperLimit - 22.105758) < 1e-6);
    assert.ok(Math.abs(json.limits[0].lowerLimit - 3.727576) < 1e-6);
    assert.equal(json.points.length, 12);
    assert.deepEqual(Object.keys(json.points[0]), [
      'period',
      'value',
      'movingRange',
      'mean',
      'upperLimit',
      'lowerLimit',
      'rules',
      'specialCause',
    ]);
    assert.deepEqual(
      json.points.map((p: { movingRange: number | null }) => p.movingRange),
      [null, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 19],
    );
    assert.deepEqual(json.points[11], {
      period: '2018-12',
      value: 30,
      movingRange: 19,
      mean: json.mean,
      upperLimit: json.limits[0].upperLimit,
      lowerLimit: json.limits[0].lowerLimit,
      rules: ['outside-limits'],
      specialCause: 'concern',
    });
    assert.ok(
      json.points.slice(0, 11).every((p: { rules: string[]; specialCause: null }) => p.rules.length === 0 && p.specialCause === null),
    );
    assert.equal(json.variation, 'special-cause-concern');
    assert.equal(json.assurance, 'hit-and-miss');
    assert.ok(result.stdout.endsWith('}\n'));
  });

  test('reads standard input with --input -, with no header, Windows line ends, quotes and spaces', async () => {
    const text = `${rows(VALUES)
      .map((r, i) => (i === 3 ? `"2018-04", 13 ` : r))
      .join('\r\n')}\r\n\r\n`;
    const result = await spc({ input: '-' }, {}, text);
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.equal(json.input, 'standard input');
    assert.equal(json.direction, 'neither');
    assert.equal(json.target, null);
    assert.equal(json.points[3].period, '2018-04');
    assert.equal(json.points[3].value, 13);
    assert.equal(json.points[11].specialCause, 'neither');
    assert.equal(json.variation, 'special-cause-neither');
    assert.equal(json.assurance, null);
  });

  test('rebases at the periods given', async () => {
    const values = [20, 22, 21, 23, 19, 21, 20, 22, 21, 19, 20, 22, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 11];
    const result = await spc({ direction: 'higher', rebase: '2019-01' }, { 'series.csv': csv(rows(values)) });
    assert.equal(result.code, 0, result.stderr);
    const json = JSON.parse(result.stdout);
    assert.deepEqual(
      json.limits.map((l: { from: string; to: string }) => [l.from, l.to]),
      [
        ['2018-01', '2018-12'],
        ['2019-01', '2019-12'],
      ],
    );
    assert.equal(json.mean, 10.5, 'the mean of the latest segment');
    assert.equal(json.points[12].movingRange, null);
    assert.equal(json.variation, 'common-cause');
  });
});

describe('safer spc refuses bad input with the file and line, exit code 1', () => {
  const refused = async (options: Partial<SpcCommandOptions>, text: string, message: string) => {
    const result = await spc(options, { 'series.csv': text });
    assert.equal(result.code, 1);
    assert.equal(result.stdout, '');
    assert.equal(result.stderr, `safer spc: ${message}\n`);
  };

  test('fewer than 12 points', () =>
    refused(
      {},
      csv(['period,value', ...rows(VALUES.slice(0, 11))]),
      'series.csv has 11 values (lines 2 to 12): process limits need at least 12',
    ));

  test('a value that is not a number', () =>
    refused(
      {},
      csv(['period,value', ...rows([...VALUES.slice(0, 4), 'twelve', ...VALUES.slice(5)])]),
      'series.csv line 6: the value "twelve" is not a number',
    ));

  test('a missing value', () =>
    refused(
      {},
      csv([...rows(VALUES.slice(0, 6)), '2018-07,', ...rows(VALUES.slice(7), 7)]),
      'series.csv line 7: the value for 2018-07 is missing',
    ));

  test('a blank line in the middle', () =>
    refused(
      {},
      csv([...rows(VALUES.slice(0, 6)), '', ...rows(VALUES.slice(6), 6)]),
      'series.csv line 7: the line is blank; remove blank lines between rows',
    ));

  test('a repeated period', () =>
    refused(
      {},
      csv(['period,value', ...rows(VALUES.slice(0, 11)), '2018-03,12']),
      'series.csv line 13: the period 2018-03 is repeated (first on line 4)',
    ));

  test('a header that is not period,value', () =>
    refused(
      {},
      csv(['month,count', ...rows(VALUES)]),
      'series.csv line 1: a header row must be period,value (or leave it out and start with the first period)',
    ));

  test('a row with a third field', () =>
    refused(
      {},
      csv([...rows(VALUES.slice(0, 2)), '2018-03,11,x', ...rows(VALUES.slice(3), 3)]),
      'series.csv line 3: expected 2 fields, period and value, but found 3',
    ));

  test('periods out of time order, in no form that can be ordered, or in two forms', async () => {
    const swapped = rows(VALUES);
    [swapped[4], swapped[5]] = [swapped[5]!, swapped[4]!];
    await refused(
      {},
      csv(['period,value', ...swapped]),
      'series.csv line 7: the period 2018-05 comes before 2018-06 on line 6; give the rows in time order',
    );
    await refused(
      {},
      csv([...rows(VALUES.slice(0, 3)), 'April 2018,13', ...rows(VALUES.slice(4), 4)]),
      'series.csv line 4: the period "April 2018" is not one of YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Www, YYYY (like 2019-04), ' +
        'so it cannot be put in time order',
    );
    await refused(
      {},
      csv([...rows(VALUES.slice(0, 11)), '2018-Q4,30']),
      'series.csv line 12: the period 2018-Q4 is not in the form of 2018-01 on line 1; use one form for every row',
    );
  });

  test('values so large that the limits overflow', () =>
    refused(
      {},
      csv(rows(VALUES.map((v, i) => (i % 2 === 0 ? '1.7e308' : '-1.7e308')))),
      'series.csv: the values from 2018-01 to 2018-12 are too large to compute the mean and process limits ' +
        '(they overflow floating point, beyond about 1.8e308)',
    ));

  test('an empty file', () => refused({}, '\n\n', 'series.csv is empty: give period,value rows, one a line'));

  test('a file that is not there', async () => {
    const result = await spc({ input: 'missing.csv' }, {});
    assert.equal(result.code, 1);
    assert.equal(result.stderr, 'safer spc: cannot read missing.csv: there is no such file\n');
  });

  test('a rebase that leaves a segment too short, or names no period in the file', async () => {
    const text = csv(rows([...VALUES, ...VALUES.slice(0, 6)]));
    await refused(
      { rebase: '2019-01' },
      text,
      'series.csv: the segment from 2019-01 (line 13) to 2019-06 (line 18) has 6 values: the limits of each segment need at least 12',
    );
    await refused({ rebase: '2019-13' }, text, '--rebase: 2019-13 is not a period in series.csv');
  });

  test('bad options', async () => {
    const text = csv(rows(VALUES));
    await refused({ direction: 'down' }, text, '--direction: must be one of lower, higher, more-reporting, neither');
    await refused({ direction: 'lower', target: 'ten' }, text, '--target: give a number, like 120 or 4.5');
    await refused({ target: '10' }, text, '--target: give --direction too (lower or higher), so the target can be judged as met or missed');
    await refused({ format: 'csv' }, text, '--format: json is the only format');
  });
});

describe('the safer spc command line', () => {
  test('is registered in the CLI: prints JSON and exits 0, or names the line and exits 1', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'safer-spc-'));
    try {
      const good = join(folder, 'good.csv');
      const bad = join(folder, 'bad.csv');
      writeFileSync(good, csv(['period,value', ...rows(VALUES)]));
      writeFileSync(bad, csv(['period,value', ...rows(VALUES.slice(0, 11))]));
      const run = promisify(execFile);
      const ok = await run(process.execPath, ['bin/safer.js', 'spc', '--input', good, '--direction', 'lower', '--format', 'json']);
      assert.equal(JSON.parse(ok.stdout).points[11].specialCause, 'concern');
      await assert.rejects(
        run(process.execPath, ['bin/safer.js', 'spc', '--input', bad, '--format', 'json']),
        (error: { code: number; stderr: string }) => {
          assert.equal(error.code, 1);
          assert.equal(error.stderr, `safer spc: ${bad} has 11 values (lines 2 to 12): process limits need at least 12\n`);
          return true;
        },
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
