import { lstat, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { processAlive } from './processes.ts';

/**
 * Where uploaded files wait while they are read, held or imported: <SAFER_DATA_DIR>/uploads, one
 * folder for each upload, never the system's temporary folder. Whoever has an upload deletes its
 * folder when done with it (an import when it ends, a held service-usage upload when it is imported,
 * replaced or expires, the app when it closes). A process that is killed cannot: at start-up Safer
 * deletes every folder there that no running process owns (removeAbandonedUploads).
 */
export const uploadsFolder = (dataDir: string): string => path.join(dataDir, 'uploads');

/** A folder's name says which process owns it: <kind>-<process id>-<six random characters>. */
const OWNER = /-(\d+)-[A-Za-z0-9]{6}$/;

/** A new folder for one upload of the given kind, owned by this process. */
export async function newUploadFolder(root: string, kind: string): Promise<string> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  return mkdtemp(path.join(root, `${kind}-${process.pid}-`));
}

/** The bytes of the files under a path. */
async function bytesUnder(file: string): Promise<number> {
  const info = await lstat(file);
  if (!info.isDirectory()) return info.size;
  let bytes = 0;
  for (const name of await readdir(file)) bytes += await bytesUnder(path.join(file, name));
  return bytes;
}

/**
 * Deletes what is in the uploads folder that no running process owns, for start-up: the folders of
 * processes that have ended (killed part-way through an upload or an import, or holding uploads),
 * those of this process's id (left by an earlier process that had it: this one has saved nothing
 * yet), and anything else found there. Another running Safer's folders, sharing the data folder
 * with a database server, are left alone. Says how many entries and bytes were deleted.
 */
export async function removeAbandonedUploads(root: string): Promise<{ entries: number; bytes: number }> {
  const removed = { entries: 0, bytes: 0 };
  const names = await readdir(root).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  for (const name of names) {
    const owner = OWNER.exec(name);
    const pid = owner ? Number(owner[1]) : NaN;
    if (pid !== process.pid && Number.isSafeInteger(pid) && pid > 0 && processAlive(pid)) continue;
    const entry = path.join(root, name);
    removed.bytes += await bytesUnder(entry).catch(() => 0);
    await rm(entry, { recursive: true, force: true });
    removed.entries++;
  }
  return removed;
}
