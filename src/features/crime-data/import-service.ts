import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import type { Database } from '../../platform/db/database.ts';
import { forbidden } from '../../platform/errors.ts';
import { DATA_MANAGERS_ONLY, mustBeAllowed } from '../../platform/policies.ts';
import type { Actor } from '../audit/events.ts';
import { partnershipName } from '../partnerships/partnership-repository.ts';
import { isDataManager } from '../users/user-repository.ts';
import {
  findImport,
  geographyRejections,
  importFiles,
  importRejections,
  listGeographyImports,
  listImports,
  type ImportRow,
} from './import-repository.ts';
import type { ImportStarter } from './police-file-switch.ts';
import { runningImports } from './police-import-liveness.ts';
import { importProgress, markInterrupted, runPoliceImport } from './police-import-run.ts';
import { policeSources } from './police-sources.ts';

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
 * Import runs for the imports pages: reading them (those the partnership started, those that changed
 * its area, and those from the command line), and, for data managers only, running an uploaded
 * file's import in the background of this process.
 */
export function createImportService(deps: { db: Database; log?: FastifyBaseLogger }) {
  const { db } = deps;
  const log = deps.log ?? pino({ enabled: false });
  const tasks = new Map<number, { done: Promise<void>; stop: AbortController }>();

  /** Who the actor is as the starter of an import, if they may start one. */
  async function starterOf(actor: Actor): Promise<ImportStarter | undefined> {
    if (actor.userId === null) return undefined;
    const userId = actor.userId;
    return db.tenant(actor.partnershipId, async (trx) =>
      (await isDataManager(trx, userId))
        ? {
            name: actor.name ?? 'A user of the partnership',
            actor,
            partnershipName: (await partnershipName(trx, actor.partnershipId)) ?? null,
          }
        : undefined,
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
        return { import: row, files, rejections, progress: row.status === 'running' ? importProgress(db, id) : undefined };
      });
    },

    async status(actor: Actor, id: number): Promise<ImportStatus | undefined> {
      await markInterrupted(db);
      const row = await db.tenant(actor.partnershipId, (trx) => findImport(trx, actor.partnershipId, id));
      if (!row) return undefined;
      const state = row.status;
      const progress = state === 'running' ? importProgress(db, id) : undefined;
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
        const rejections = await geographyRejections(
          trx,
          rows.filter((r) => r.rows_rejected > 0).map((r) => r.id),
          rejectionsEach,
        );
        return { rows, total, rejections };
      }),

    /**
     * Records the import of an upload, then loads it in the background; returns the import's id at
     * once. Refused (403) to anyone but a data manager, and the upload deleted.
     */
    async start(actor: Actor, upload: SavedUpload, options: { allowShrink: boolean }): Promise<number> {
      const removeUpload = () => rm(upload.dir, { recursive: true, force: true });
      let starter: ImportStarter | undefined;
      try {
        // The session's role and flag first, then the user's flag as stored now.
        mustBeAllowed(actor, 'imports.upload');
        starter = await starterOf(actor);
        if (!starter) throw forbidden(DATA_MANAGERS_ONLY);
      } catch (error) {
        await removeUpload();
        throw error;
      }
      // People see the file by the name they gave it, not where it was saved.
      const shown = (text: string) => text.replaceAll(`${upload.dir}${path.sep}`, '');
      const stop = new AbortController();
      return new Promise<number>((resolve, reject) => {
        let importId: number | undefined;
        const done: Promise<void> = runPoliceImport(db, {
          starter,
          source: upload.fileName,
          allowShrink: options.allowShrink,
          signal: stop.signal,
          open: async () => {
            const set = await policeSources(upload.path);
            return { sources: set.sources.map((s) => ({ ...s, name: shown(s.name) })), close: () => set.close() };
          },
          onStarted: (id) => {
            importId = id;
            tasks.set(id, { done, stop });
            resolve(id);
          },
          // Gone before the import is marked finished, so nothing is left once it says so.
          release: removeUpload,
          describe: (error) => shown(error.message),
        }).then(
          () => undefined,
          async (error: unknown) => {
            if (importId === undefined) {
              await removeUpload();
              reject(error as Error);
            } else log.warn({ err: error, importId }, 'police.uk import failed');
          },
        );
        void done.finally(() => importId !== undefined && tasks.delete(importId));
      });
    },

    /** Stops every background import (each file part-way is removed) and waits for them, and for any clean-up. */
    async stopAll(): Promise<void> {
      for (const task of tasks.values()) task.stop.abort();
      await Promise.allSettled([...tasks.values()].map((t) => t.done));
      await db.local(runningImports).cleaning?.catch(() => undefined);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
