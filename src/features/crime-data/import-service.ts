import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../../platform/db/database.ts';
import type { Actor } from '../audit/events.ts';
import { findImport, geographyRejections, importFiles, importRejections, listGeographyImports, listImports, type ImportRow } from './import-repository.ts';
import { finishImport, importPoliceSources, importProgress, markInterrupted, startImport } from './police-import.ts';
import { policeSources, type SourceSet } from './police-sources.ts';

/** A file someone uploaded, saved in a folder of its own that the import deletes when it is done. */
export interface SavedUpload {
  dir: string;
  path: string;
  fileName: string;
  bytes: number;
}

export type ImportState = ImportRow['status'];

export interface ImportStatus {
  id: number;
  state: ImportState;
  finished: boolean;
  filesTotal: number;
  filesDone: number;
  /** Rows read so far: while running in this process, including the file being read. */
  rowsRead: number;
  rowsAccepted: number;
  rowsRejected: number;
  currentFile: string | null;
  message: string | null;
}

/**
 * Import runs for the upload pages: reading them (only the partnership's own and command-line ones),
 * and running an uploaded file's import in the background of this process.
 */
export function createImportService(deps: { db: Database; log: FastifyBaseLogger }) {
  const { db, log } = deps;
  const tasks = new Map<number, { done: Promise<void>; stop: AbortController }>();

  async function run(importId: number, upload: SavedUpload, signal: AbortSignal): Promise<void> {
    // People see the file by the name they gave it, not where it was saved.
    const shown = (text: string) => text.replaceAll(`${upload.dir}${path.sep}`, '');
    let set: SourceSet | undefined;
    let failure: string | undefined;
    try {
      set = await policeSources(upload.path);
      const sources = set.sources.map((s) => ({ ...s, name: shown(s.name) }));
      await importPoliceSources(db, importId, sources, () => undefined, { signal });
    } catch (error) {
      log.warn({ err: error, importId }, 'police.uk import failed');
      failure = shown((error as Error).message);
    } finally {
      set?.close();
      // Gone before the import is marked finished, so nothing is left once it says so.
      await rm(upload.dir, { recursive: true, force: true });
    }
    await finishImport(db, importId, failure === undefined ? 'completed' : 'failed', failure).catch((error: unknown) =>
      log.error({ err: error, importId }, 'could not record the end of an import'),
    );
  }

  return {
    /** A page of imports, newest first; any still marked as running whose process has ended are first marked as failed. */
    async list(actor: Actor, page: number, pageSize: number) {
      await markInterrupted(db);
      return db.tenant(actor.partnershipId, (trx) => listImports(trx, actor.partnershipId, pageSize, (page - 1) * pageSize));
    },

    /** One import with its files and a page of its rejected lines; undefined if the actor may not see it. */
    async get(actor: Actor, id: number, page: number, pageSize: number) {
      await markInterrupted(db);
      return db.tenant(actor.partnershipId, async (trx) => {
        const row = await findImport(trx, actor.partnershipId, id);
        if (!row) return undefined;
        const files = await importFiles(trx, id);
        const rejections = await importRejections(trx, id, pageSize, (page - 1) * pageSize);
        return { import: row, files, rejections, progress: importProgress(id) };
      });
    },

    async status(actor: Actor, id: number): Promise<ImportStatus | undefined> {
      await markInterrupted(db);
      const row = await db.tenant(actor.partnershipId, (trx) => findImport(trx, actor.partnershipId, id));
      if (!row) return undefined;
      const state = row.status;
      const progress = state === 'running' ? importProgress(id) : undefined;
      return {
        id,
        state,
        finished: state !== 'running',
        filesTotal: row.files_total,
        filesDone: row.files_loaded + row.files_unchanged,
        rowsRead: Math.max(progress?.rows ?? 0, row.rows_total),
        rowsAccepted: row.rows_accepted,
        rowsRejected: row.rows_rejected,
        currentFile: progress?.file || null,
        message: row.message,
      };
    },

    /**
     * A page of geography file imports, newest first, with the first `rejectionsEach` rejected rows of
     * each. They come from the command line or the demo loader, so every partnership sees them.
     */
    geography: (actor: Actor, page: number, pageSize: number, rejectionsEach: number) =>
      db.tenant(actor.partnershipId, async (trx) => {
        const { rows, total } = await listGeographyImports(trx, pageSize, (page - 1) * pageSize);
        const rejections = await geographyRejections(trx, rows.filter((r) => r.rows_rejected > 0).map((r) => r.id), rejectionsEach);
        return { rows, total, rejections };
      }),

    /** Records the import, then loads the upload in the background; returns the import's id at once. */
    async start(actor: Actor, upload: SavedUpload): Promise<number> {
      const importId = await startImport(db, { startedBy: actor.name ?? 'A user of the partnership', partnershipId: actor.partnershipId, source: upload.fileName }).catch(async (error: unknown) => {
        await rm(upload.dir, { recursive: true, force: true });
        throw error;
      });
      const stop = new AbortController();
      const done = run(importId, upload, stop.signal).finally(() => tasks.delete(importId));
      tasks.set(importId, { done, stop });
      return importId;
    },

    /** Stops every background import (each file part-way is rolled back) and waits for them. */
    async stopAll(): Promise<void> {
      for (const task of tasks.values()) task.stop.abort();
      await Promise.allSettled([...tasks.values()].map((t) => t.done));
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
