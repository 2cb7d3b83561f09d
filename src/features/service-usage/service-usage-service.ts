import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import type { Database } from '../../platform/db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { mustBeAllowed, tenantIfAllowed } from '../../platform/policies.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import type { Actor } from '../audit/events.ts';
import { storedMappingSchema, type ColumnMapping } from './service-usage-format.ts';
import {
  importAuditDetails,
  importServiceUsage,
  readPreview,
  ServiceUsageFileError,
  type ImportProgress,
  type ImportResult,
} from './service-usage-import.ts';
import { checkMapping, guessMapping, type FilePreview, type MappingChoice, type MappingField } from './service-usage-mapping.ts';
import * as repo from './service-usage-repository.ts';
import type { DatasetFields } from './service-usage-schemas.ts';
import type { SavedFile } from './upload.ts';

const MANAGE = 'service-usage.manage';

/** How long an uploaded file waits for its columns to be mapped. */
export const HOLD_MINUTES = 60;
/** Rejected lines shown on a dataset's page. */
export const REJECTIONS_SHOWN = 100;

/** An uploaded file waiting on the mapping screen: its owner, where it is, and its first rows. */
export interface HeldUpload {
  id: string;
  partnershipId: number;
  userId: number | null;
  file: SavedFile;
  name: string;
  description: string;
  preview: FilePreview;
  expiresAt: number;
  /** Being imported now (a second press of the button waits for nothing and is told so). */
  importing: boolean;
}

export type FieldErrors<F extends string = string> = [field: F, message: string][];

/** PostgreSQL's code for a unique constraint violated; the only one on datasets besides the id is the name. */
const UNIQUE_VIOLATION = '23505';

const nameTakenMessage = (name: string) =>
  `The partnership already has data called "${name}": choose another name, or delete that data first`;

/**
 * Service-usage data: the upload held while its columns are mapped, the import (one transaction,
 * audited), the datasets' pages, and deletion unless an indicator counts the dataset.
 */
export function createServiceUsageService(deps: { db: Database }) {
  const { db } = deps;
  const held = new Map<string, HeldUpload>();
  /** The partnership's datasets are changed by those who may manage service-usage data. */
  const manage = tenantIfAllowed(db, MANAGE);

  const discard = async (upload: HeldUpload) => {
    held.delete(upload.id);
    await rm(upload.file.dir, { recursive: true, force: true });
  };
  const discardExpired = async () => {
    const now = Date.now();
    for (const upload of [...held.values()]) if (upload.expiresAt <= now) await discard(upload);
  };
  /** The held upload, only for the person who uploaded it. */
  const mustFindHeld = async (actor: Actor, uploadId: string): Promise<HeldUpload> => {
    await discardExpired();
    const upload = held.get(uploadId);
    if (!upload || upload.partnershipId !== actor.partnershipId || upload.userId !== actor.userId) throw notFound();
    return upload;
  };

  /** Imports a file as a new dataset in one transaction with its audit row. */
  async function importDataset(
    actor: Actor,
    source: { path: string; fileName: string },
    fields: DatasetFields,
    mapping: ColumnMapping,
    onProgress?: (progress: ImportProgress) => void,
  ): Promise<{ ok: true; result: ImportResult } | { ok: false; field: 'name' | 'file'; message: string; line?: number }> {
    try {
      return await manage(actor, async (trx) => {
        if (await repo.nameTaken(trx, fields.name))
          return { ok: false as const, field: 'name' as const, message: nameTakenMessage(fields.name) };
        const result = await importServiceUsage(
          trx,
          actor.partnershipId,
          source.path,
          { ...fields, fileName: source.fileName, importedBy: actor.userId },
          mapping,
          onProgress,
        );
        await recordAudit(trx, actor, {
          action: 'service_usage.imported',
          subjectType: 'service_usage_dataset',
          subjectId: result.datasetId,
          details: importAuditDetails(fields.name, source.fileName, result),
        });
        return { ok: true as const, result };
      });
    } catch (error) {
      if (error instanceof ServiceUsageFileError) {
        // The import's transaction is gone; the attempt and why the file was refused go in the log on their own.
        const where = error.line ? ` (line ${error.line})` : '';
        await db.tenant(actor.partnershipId, (trx) =>
          recordAudit(trx, actor, {
            action: 'service_usage.import_refused',
            details: { name: fields.name, file: source.fileName, result: `Refused: ${error.message}${where}` },
          }),
        );
        return { ok: false, field: 'file', message: error.message, ...(error.line ? { line: error.line } : {}) };
      }
      // The same name added by someone else since the check above.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION)
        return { ok: false, field: 'name', message: nameTakenMessage(fields.name) };
      throw error;
    }
  }

  return {
    list: (actor: Actor) => db.tenant(actor.partnershipId, (trx) => repo.listDatasets(trx)),

    /** A dataset's page: its details, counts by month and service, places, and the first rejected lines. */
    async get(actor: Actor, datasetId: number) {
      return db.tenant(actor.partnershipId, async (trx) => {
        const dataset = await repo.findDataset(trx, datasetId);
        if (!dataset) throw notFound();
        return {
          dataset: { ...dataset, mapping: storedMappingSchema.parse(dataset.mapping) },
          months: await repo.monthlyCounts(trx, datasetId),
          services: await repo.serviceCounts(trx, datasetId),
          places: await repo.placeCounts(trx, datasetId),
          rejections: await repo.firstRejections(trx, datasetId, REJECTIONS_SHOWN),
          indicators: await repo.indicatorsUsing(trx, datasetId),
        };
      });
    },

    /**
     * Keeps an uploaded file for the mapping screen, after checking it is a CSV file with a header
     * and rows, and that the name is free. Each person holds one upload: a new one replaces theirs.
     */
    async holdUpload(
      actor: Actor,
      fields: DatasetFields,
      file: SavedFile,
    ): Promise<{ ok: true; uploadId: string } | { ok: false; errors: FieldErrors<'name' | 'file'> }> {
      try {
        mustBeAllowed(actor, MANAGE);
      } catch (error) {
        await rm(file.dir, { recursive: true, force: true });
        throw error;
      }
      await discardExpired();
      const errors: FieldErrors<'name' | 'file'> = [];
      let preview: FilePreview | undefined;
      try {
        preview = await readPreview(file.path);
      } catch (error) {
        if (!(error instanceof ServiceUsageFileError)) throw error;
        errors.push(['file', `${file.fileName}: ${error.message}`]);
      }
      if (await db.tenant(actor.partnershipId, (trx) => repo.nameTaken(trx, fields.name)))
        errors.push(['name', nameTakenMessage(fields.name)]);
      if (errors.length > 0 || !preview) {
        await rm(file.dir, { recursive: true, force: true });
        return { ok: false, errors };
      }
      for (const other of [...held.values()]) {
        if (other.partnershipId === actor.partnershipId && other.userId === actor.userId) await discard(other);
      }
      const id = randomBytes(16).toString('hex');
      held.set(id, {
        id,
        partnershipId: actor.partnershipId,
        userId: actor.userId,
        file,
        name: fields.name,
        description: fields.description,
        preview,
        expiresAt: Date.now() + HOLD_MINUTES * 60_000,
        importing: false,
      });
      return { ok: true, uploadId: id };
    },

    /** The held upload with a first guess at its mapping; not found for anyone but the uploader. */
    async heldUpload(actor: Actor, uploadId: string): Promise<{ upload: HeldUpload; guess: MappingChoice }> {
      const upload = await mustFindHeld(actor, uploadId);
      return { upload, guess: guessMapping(upload.preview) };
    },

    /** Checks the mapping against the first rows, then imports the held file; the file is gone afterwards. */
    async confirm(
      actor: Actor,
      uploadId: string,
      choice: MappingChoice,
    ): Promise<{ ok: true; datasetId: number } | { ok: false; upload: HeldUpload; errors: FieldErrors<MappingField | 'name' | 'file'> }> {
      mustBeAllowed(actor, MANAGE);
      const upload = await mustFindHeld(actor, uploadId);
      const checked = checkMapping(choice, upload.preview);
      if (!checked.ok) return { ok: false, upload, errors: checked.errors };
      if (upload.importing)
        return {
          ok: false,
          upload,
          errors: [['file', 'This file is being imported already: wait a moment, then look at the list of service-usage data']],
        };
      upload.importing = true;
      let done: Awaited<ReturnType<typeof importDataset>>;
      try {
        done = await importDataset(actor, upload.file, { name: upload.name, description: upload.description }, checked.mapping);
      } finally {
        upload.importing = false;
      }
      if (!done.ok) return { ok: false, upload, errors: [[done.field, done.message]] };
      await discard(upload);
      return { ok: true, datasetId: done.result.datasetId };
    },

    /** The command line's import: a file on disk, columns already resolved. */
    importFile: importDataset,

    /** The preview of a file on disk (the command line resolves column names against it). */
    preview: (file: string) => readPreview(file),

    /** What deleting a dataset would do: its details, and the indicators that stop it. */
    async deletion(actor: Actor, datasetId: number) {
      return db.tenant(actor.partnershipId, async (trx) => {
        const dataset = await repo.findDataset(trx, datasetId);
        if (!dataset) throw notFound();
        return { dataset, indicators: await repo.indicatorsUsing(trx, datasetId) };
      });
    },

    /** Deletes a dataset with its events and rejected lines, audited; refused while an indicator counts it. */
    async delete(
      actor: Actor,
      datasetId: number,
    ): Promise<{ ok: true; name: string } | { ok: false; dataset: repo.DatasetRow; indicators: { id: number; name: string }[] }> {
      return manage(actor, async (trx) => {
        const dataset = await repo.findDataset(trx, datasetId);
        if (!dataset) throw notFound();
        const indicators = await repo.indicatorsUsing(trx, datasetId);
        if (indicators.length > 0) return { ok: false as const, dataset, indicators };
        await repo.deleteDataset(trx, datasetId);
        await recordAudit(trx, actor, {
          action: 'service_usage.deleted',
          subjectType: 'service_usage_dataset',
          subjectId: datasetId,
          details: { name: dataset.name, fileName: dataset.file_name, rows: dataset.rows_accepted },
        });
        return { ok: true as const, name: dataset.name };
      });
    },

    /** Deletes every held upload (the app is closing). */
    async discardAll(): Promise<void> {
      for (const upload of [...held.values()]) await discard(upload);
    },
  };
}

export type ServiceUsageService = ReturnType<typeof createServiceUsageService>;
