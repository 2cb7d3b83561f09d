import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { splitCsvLine as splitCsv } from '../../platform/csv.ts';
import { csvLines, findColumns, isTotalRow, normaliseHeader, parseCount, readText, stripBom } from './csv.ts';

describe('geography CSV helpers', () => {
  test('readText removes a byte-order mark and gunzips gzipped files', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'safer-csv-'));
    const text = '\uFEFFlsoa,pop\r\nE01024320,"1,954"\r\n';
    writeFileSync(path.join(dir, 'plain.csv'), text);
    writeFileSync(path.join(dir, 'packed.csv.gz'), gzipSync(Buffer.from(text, 'utf8')));
    assert.equal(await readText(path.join(dir, 'plain.csv')), 'lsoa,pop\r\nE01024320,"1,954"\r\n');
    assert.equal(await readText(path.join(dir, 'packed.csv.gz')), 'lsoa,pop\r\nE01024320,"1,954"\r\n');
    assert.equal(stripBom('abc'), 'abc');
    rmSync(dir, { recursive: true, force: true });
  });

  test('csvLines numbers lines from 1 and drops CR and the empty end', () => {
    assert.deepEqual(
      [...csvLines('a,b\r\n1,2\r\n\r\n3,4\r\n')],
      [
        { line: 1, text: 'a,b' },
        { line: 2, text: '1,2' },
        { line: 3, text: '' },
        { line: 4, text: '3,4' },
      ],
    );
    assert.deepEqual(
      [...csvLines('a\nb')],
      [
        { line: 1, text: 'a' },
        { line: 2, text: 'b' },
      ],
    );
    assert.deepEqual([...csvLines('')], []);
  });

  test('splitCsv keeps a comma inside quotes, like "29,199", and doubled quotes', () => {
    assert.deepEqual(splitCsv('E01000001,City of London 001A,E09000001,City of London,"29,199",9'), [
      'E01000001',
      'City of London 001A',
      'E09000001',
      'City of London',
      '29,199',
      '9',
    ]);
    assert.deepEqual(splitCsv('"Education, Skills and Training Rank","say ""hello""",'), [
      'Education, Skills and Training Rank',
      'say "hello"',
      '',
    ]);
    assert.deepEqual(splitCsv('a,,b'), ['a', '', 'b']);
    assert.deepEqual(splitCsv('"open,1'), { error: 'malformed quoting: a quoted field is not closed' });
    assert.deepEqual(splitCsv('"a"b,1'), { error: 'malformed quoting: text after a closing quote' });
    assert.deepEqual(splitCsv('a"b,1'), { error: 'malformed quoting: a quote inside an unquoted field' });
  });

  test('parseCount reads whole numbers with or without thousands separators, and nothing else', () => {
    assert.equal(parseCount('29,199'), 29199);
    assert.equal(parseCount('1,893,691'), 1893691);
    assert.equal(parseCount('1954'), 1954);
    assert.equal(parseCount(' 9 '), 9);
    assert.equal(parseCount('0'), 0);
    for (const bad of ['', '29,19', '2,9199', '-3', '1.5', '1 954', 'abc', ',123']) assert.equal(parseCount(bad), null, bad);
  });

  test('a Grand Total row is recognised', () => {
    assert.equal(isTotalRow(['Grand Total', '1893691']), true);
    assert.equal(isTotalRow(['total', '3']), true);
    assert.equal(isTotalRow(['E01024320', '1954']), false);
  });

  test('findColumns matches header names by their start, ignoring case and spacing', () => {
    const header = [
      'LSOA code (2011)',
      'LSOA name (2011)',
      'Crime Rank (where 1 is most deprived)',
      'Crime Decile (where 1 is most deprived 10% of LSOAs)',
    ];
    assert.deepEqual(findColumns(header, { code: ['LSOA code'], rank: ['crime  rank'], decile: ['Crime Decile'] }), {
      ok: true,
      index: { code: 0, rank: 2, decile: 3 },
    });
    assert.deepEqual(findColumns(['lsoa', 'RUC11CD', 'RUC11'], { code: ['lsoa'], ruc: ['RUC11'], rucCode: ['RUC11CD'] }), {
      ok: true,
      index: { code: 0, ruc: 2, rucCode: 1 },
    });
    assert.deepEqual(findColumns(header, { code: ['LSOA code'], pop: ['pop'] }), { ok: false, missing: ['pop'] });
    assert.equal(normaliseHeader('  LSOA   Code '), 'lsoa code');
  });
});
