import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { newUploadFolder, removeAbandonedUploads, uploadsFolder } from './uploads.ts';

const work = mkdtempSync(path.join(os.tmpdir(), 'safer-uploads-'));
after(() => rmSync(work, { recursive: true, force: true }));

describe('the uploads folder', () => {
  test('is under the data folder, made when the first upload comes, with a folder for each upload named for its process', async () => {
    const root = uploadsFolder(path.join(work, 'data'));
    assert.equal(root, path.join(work, 'data', 'uploads'));
    assert.equal(existsSync(root), false);
    const one = await newUploadFolder(root, 'police-uk');
    const two = await newUploadFolder(root, 'police-uk');
    assert.notEqual(one, two);
    assert.match(path.basename(one), new RegExp(`^police-uk-${process.pid}-[A-Za-z0-9]{6}$`));
    assert.deepEqual(readdirSync(root).sort(), [path.basename(one), path.basename(two)].sort());
  });

  test("at start-up, what no running process owns is deleted and counted; a running process's uploads are left", async () => {
    const root = path.join(work, 'start-up');
    mkdirSync(root);
    const ended = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const endedPid = Number(ended.stdout);
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
    try {
      const folders = {
        ended: path.join(root, `police-uk-${endedPid}-AbC123`),
        mine: path.join(root, `service-usage-${process.pid}-XyZ789`),
        alive: path.join(root, `police-uk-${alive.pid}-Qwe456`),
      };
      for (const dir of Object.values(folders)) mkdirSync(dir);
      writeFileSync(path.join(folders.ended, 'archive.zip'), Buffer.alloc(3000));
      mkdirSync(path.join(folders.mine, 'inner'));
      writeFileSync(path.join(folders.mine, 'inner', 'upload.csv'), Buffer.alloc(500));
      writeFileSync(path.join(folders.alive, '2019-01-kent-street.csv'), Buffer.alloc(70));
      writeFileSync(path.join(root, 'stray.part'), Buffer.alloc(30));

      assert.deepEqual(await removeAbandonedUploads(root), { entries: 3, bytes: 3530 });
      assert.deepEqual(readdirSync(root), [path.basename(folders.alive)]);
      assert.deepEqual(await removeAbandonedUploads(path.join(work, 'none')), { entries: 0, bytes: 0 }, 'no uploads folder yet');
    } finally {
      alive.kill('SIGKILL');
    }
  });
});
