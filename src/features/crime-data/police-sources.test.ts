import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { policeSources, SourceError, ZIP_LIMITS, type SourceSet } from './police-sources.ts';
import { writeZip } from './synthetic-street-data.ts';

/** What reading a source gives: its bytes, or the error that stopped it and how many bytes came first. */
async function readAll(stream: Readable): Promise<{ bytes: number; error?: Error }> {
  let bytes = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) bytes += chunk.length;
    return { bytes };
  } catch (error) {
    return { bytes, error: error as Error };
  }
}

const csv = (rows: number) => Buffer.from(`Crime ID,Month\n${'abc,2019-01\n'.repeat(rows)}`);

describe('zip archives are read within limits', () => {
  let work: string;
  let opened: SourceSet[] = [];
  const zip = (name: string, entries: Parameters<typeof writeZip>[1]) => {
    const file = path.join(work, name);
    writeZip(file, entries);
    return file;
  };
  const sources = async (file: string, limits = ZIP_LIMITS) => {
    const set = await policeSources(file, limits);
    opened.push(set);
    return set.sources;
  };

  before(() => {
    work = mkdtempSync(path.join(os.tmpdir(), 'safer-zip-limits-'));
  });
  after(() => {
    for (const set of opened) set.close();
    opened = [];
    rmSync(work, { recursive: true, force: true });
  });

  test('a zip inside the archive, an entry too large and one that expands too many times are refused; the rest are read', async () => {
    const file = zip('mixed.zip', [
      { name: '2019-01/2019-01-kent-street.csv', data: csv(100) },
      { name: '2019-01/inner.zip', data: Buffer.from('PK') },
      { name: '2019-01/2019-01-essex-street.csv', data: csv(10), size: 600 * 1024 * 1024 },
      { name: '2019-02/2019-02-kent-street.csv', data: Buffer.alloc(64 * 1024 * 1024, 'a') },
      { name: '2019-01/README.txt', data: Buffer.from('not read') },
    ]);
    const found = await sources(file);
    assert.deepEqual(
      found.map((s) => [s.name.slice(file.length + 1), s.refused ?? 'read']),
      [
        ['2019-01/2019-01-essex-street.csv', 'it expands to 600 MB, more than the 512 MB Safer reads from one file'],
        ['2019-01/2019-01-kent-street.csv', 'read'],
        ['2019-01/inner.zip', 'a zip inside the archive is not read; unzip it and upload the files inside'],
        [
          '2019-02/2019-02-kent-street.csv',
          'it expands to 1,028 times its compressed size, more than the 100 times a police.uk file could',
        ],
      ],
    );
    assert.equal((await readAll(await found[1]!.open())).bytes, csv(100).length);
  });

  test('an archive whose files together expand past the limit is refused whole, before anything is read', async () => {
    const file = zip('large.zip', [
      { name: '2019-01/2019-01-kent-street.csv', data: csv(1000) },
      { name: '2019-02/2019-02-kent-street.csv', data: csv(1000) },
    ]);
    assert.equal((await sources(file, { ...ZIP_LIMITS, archiveBytes: csv(1000).length * 2 })).length, 2);
    await assert.rejects(sources(file, { ...ZIP_LIMITS, archiveBytes: csv(1000).length * 2 - 1 }), (error: unknown) => {
      assert.ok(error instanceof SourceError);
      const bytes = (n: number) => n.toLocaleString('en-GB');
      assert.ok(
        error.message.endsWith(
          `large.zip expands to ${bytes(csv(1000).length * 2)} bytes, more than the ${bytes(csv(1000).length * 2 - 1)} bytes ` +
            'Safer reads from one archive: unzip it and import the files in parts',
        ),
        error.message,
      );
      return true;
    });
  });

  test('an archive with an entry named to point outside it is refused whole, naming the entry', async () => {
    for (const name of [
      '../2019-01-kent-street.csv',
      '2019-01/../../2019-01-kent-street.csv',
      '/tmp/2019-01-kent-street.csv',
      'C:\\2019-01-kent-street.csv',
    ]) {
      const file = zip('outside.zip', [
        { name: '2019-01/2019-01-kent-street.csv', data: csv(1) },
        { name, data: csv(1) },
      ]);
      await assert.rejects(sources(file), (error: unknown) => {
        assert.ok(error instanceof SourceError, name);
        assert.match(
          error.message,
          new RegExp(
            /outside\.zip is refused: it holds an entry named ".*2019-01-kent-street\.csv", /.source +
              /which points outside the archive; a police\.uk archive has none$/.source,
          ),
        );
        return true;
      });
    }
  });

  test('an entry that inflates past the size the archive gives is stopped as soon as it does, naming the entry', async () => {
    const file = zip('lying.zip', [{ name: '2019-01/2019-01-kent-street.csv', data: Buffer.alloc(64 * 1024 * 1024, 'a'), size: 1000 }]);
    const [source] = await sources(file);
    assert.equal(source!.refused, undefined, 'the sizes the archive gives are within the limits');
    const started = Date.now();
    const read = await readAll(await source!.open());
    assert.ok(read.error instanceof SourceError, String(read.error));
    assert.match(
      read.error.message,
      /lying\.zip:2019-01\/2019-01-kent-street\.csv cannot be read from the archive, which is damaged or not what it says: too many bytes/,
    );
    assert.ok(read.bytes <= 1000, `${read.bytes} bytes were given before it stopped`);
    assert.ok(Date.now() - started < 2000);
  });

  test('a file that is not a zip archive is refused with the reason', async () => {
    const file = path.join(work, 'not.zip');
    writeFileSync(file, 'Crime ID,Month\n');
    await assert.rejects(sources(file), /not\.zip is not a readable zip archive: /);
  });
});
