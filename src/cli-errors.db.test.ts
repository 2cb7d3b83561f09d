import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ROOT, saferCommandLine } from '../test/helpers/cli-runner.ts';
import { testingOnServer } from '../test/helpers/database.ts';
import { STREET_HEADER } from './features/crime-data/police-uk-format.ts';
import { writeZip } from './features/crime-data/synthetic-street-data.ts';

/**
 * The command line on hostile files and mistakes: every error is one line on standard error, naming
 * the file (and the line where it applies), with a non-zero exit code and no stack trace unless
 * asked for; a bad line in a file is rejected with its number and the rest is imported.
 */

const KENT = readFileSync(path.join(ROOT, 'open-data/police-uk/street/2019-01/2019-01-kent-street.csv'), 'utf8').split('\n');

describe(`the safer command on hostile files (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-cli-hostile-' });
  const safer = (args: string[], env?: Record<string, string>) => cli.run(args, { env });
  /** How long a command that fails at once takes here (starting Node and tsx, opening the database). */
  let baseline: number;

  before(() => {
    assert.equal(safer(['migrate']).code, 0);
    baseline = safer(['import', 'police-uk', path.join(cli.work, 'none.csv')]).seconds;
  });
  const file = (name: string, data: Buffer | string) => {
    const full = path.join(cli.work, name);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, data);
    return full;
  };
  /** One line on standard error, matching, and no stack trace. */
  const oneLine = (err: string, message: RegExp) => {
    const lines = err.trimEnd().split('\n');
    assert.equal(lines.length, 1, err);
    assert.match(lines[0]!, /^safer: /);
    assert.match(lines[0]!, message);
  };

  test('a zip whose one entry is a 64 MiB line is refused within seconds, in one line', () => {
    const zip = path.join(cli.work, 'one-line.zip');
    writeZip(zip, [{ name: '2019-01/2019-01-kent-street.csv', data: Buffer.alloc(64 * 1024 * 1024, 'a') }]);
    assert.ok(readFileSync(zip).length < 100 * 1024, 'about 65 KB');
    const r = safer(['import', 'police-uk', zip]);
    assert.equal(r.code, 1, r.err);
    oneLine(
      r.err,
      new RegExp(
        /one-line\.zip:2019-01\/2019-01-kent-street\.csv: it expands to 1,028 times its compressed size, /.source +
          /more than the 100 times a police\.uk file could$/.source,
      ),
    );
    assert.ok(r.seconds < baseline + 15, `${r.seconds}s, where a command failing at once takes ${baseline}s`);
  });

  test('a file that is one 64 MiB line is refused within seconds, naming line 1', () => {
    const csv = file('long/2019-01-kent-street.csv', Buffer.alloc(64 * 1024 * 1024, 'a'));
    const r = safer(['import', 'police-uk', csv]);
    assert.equal(r.code, 1, r.err);
    oneLine(r.err, /2019-01-kent-street\.csv is not a police\.uk street-level file: line 1 is longer than 1,048,576 bytes$/);
    assert.ok(r.seconds < baseline + 15, `${r.seconds}s, where a command failing at once takes ${baseline}s`);
  });

  test('a NUL byte or an over-long line in a data line rejects that line, with its number, and imports the rest', () => {
    const lines = [KENT[0]!, KENT[1]!, KENT[2]!.replace('On or near', 'On or\0near'), `${KENT[3]!}${'x'.repeat(1024 * 1024)}`, KENT[4]!];
    const csv = file('bad-lines/2019-01-essex-street.csv', `${lines.join('\n')}\n`);
    const r = safer(['import', 'police-uk', csv]);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.match(r.out, /loaded\s+\S+2019-01-essex-street\.csv: 4 rows, 2 accepted, 2 rejected/);
    assert.match(r.out, /rejected \S+2019-01-essex-street\.csv line 3: the line contains a NUL byte/);
    assert.match(r.out, /rejected \S+2019-01-essex-street\.csv line 4: the line is longer than 1,048,576 bytes/);
  });

  test('a NUL byte in the header refuses the file, naming line 1', () => {
    const csv = file('bad-header/2019-01-surrey-street.csv', `${STREET_HEADER.join(',').replace('Month', 'Mo\0nth')}\n${KENT[1]!}\n`);
    const r = safer(['import', 'police-uk', csv]);
    assert.equal(r.code, 1);
    oneLine(r.err, /2019-01-surrey-street\.csv is not a police\.uk street-level file: line 1 contains a NUL byte$/);
    assert.match(r.out, /refused\s+\S+2019-01-surrey-street\.csv\n/);
  });

  test('an archive naming a file outside it, or holding a zip, is refused or reported in one line', () => {
    const outside = path.join(cli.work, 'outside.zip');
    writeZip(outside, [{ name: '../../2019-01-kent-street.csv', data: Buffer.from(`${KENT.slice(0, 3).join('\n')}\n`) }]);
    const refused = safer(['import', 'police-uk', outside]);
    assert.equal(refused.code, 2);
    oneLine(
      refused.err,
      /outside\.zip is refused: it holds an entry named "\.\.\/\.\.\/2019-01-kent-street\.csv", which points outside the archive/,
    );

    const nested = path.join(cli.work, 'nested.zip');
    writeZip(nested, [
      { name: '2019-01/inner.zip', data: Buffer.from('PK') },
      { name: '2019-01/2019-01-sussex-street.csv', data: Buffer.from(`${KENT.slice(0, 3).join('\n')}\n`) },
    ]);
    const reported = safer(['import', 'police-uk', nested]);
    assert.equal(reported.code, 1);
    oneLine(reported.err, /nested\.zip:2019-01\/inner\.zip: a zip inside the archive is not read; unzip it and upload the files inside$/);
    assert.match(reported.out, /loaded\s+\S+2019-01-sussex-street\.csv: 2 rows, 2 accepted, 0 rejected/);
  });

  test('a missing file, a bad option or a missing argument is one line; --debug or SAFER_DEBUG=1 adds the stack trace', () => {
    const cases: [string[], number, RegExp][] = [
      [['import', 'police-uk', path.join(cli.work, 'none.zip')], 2, /none\.zip: no such file or folder$/],
      [
        ['import', 'police-uk', '--bogus', 'x.csv'],
        1,
        /^safer: unknown option '--bogus' \(safer import police-uk --help lists the options\)$/,
      ],
      [['import', 'police-uk'], 1, /^safer: missing required argument 'path' \(safer import police-uk --help lists the options\)$/],
      [
        ['import', 'service-usage', path.join(cli.work, 'none.csv'), '--partnership', 'x', '--name', 'x', '--date-column', 'Date'],
        1,
        /none\.csv is not a file$/,
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = safer(args);
      assert.equal(r.code, code, args.join(' '));
      oneLine(r.err, message);
    }
    for (const [args, extra] of [
      [['--debug', 'import', 'police-uk', path.join(cli.work, 'none.zip')], {}],
      [['import', 'police-uk', path.join(cli.work, 'none.zip')], { SAFER_DEBUG: '1' }],
    ] as const) {
      const r = safer([...args], extra);
      assert.equal(r.code, 2);
      assert.match(r.err, /^safer: .*none\.zip: no such file or folder\n/);
      assert.match(r.err, /\n\s+at .*police-sources\.ts/, 'the stack trace');
    }
  });

  test('service usage: a NUL byte in the header refuses the file in one line, naming the file and line 1', () => {
    const added = safer(['partnership', 'add', '--slug', 'maidstone', '--name', 'Safer Maidstone Partnership']);
    assert.equal(added.code, 0, added.err);
    const csv = file('visits.csv', 'Da\0te,Service\n2019-01-02,Advice\n');
    const r = safer(['import', 'service-usage', csv, '--partnership', 'maidstone', '--name', 'Visits', '--date-column', 'Date']);
    assert.equal(r.code, 1);
    oneLine(r.err, /visits\.csv line 1: Line 1, the header, cannot be read: the line contains a NUL byte$/);
  });
});
