import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { removeAbandonedUploads, uploadsFolder } from './platform/uploads.ts';
import { demoSignIns, formatDemoSignIns, loadDemo } from './features/demo/demo-loader.ts';
import { loadDemoPoliceData } from './features/demo/demo-open-data.ts';
import { startReminderJob } from './features/reminders/reminder-job.ts';

export interface Running {
  app: FastifyInstance;
  database: Database;
  address: string;
  stop(): Promise<void>;
}

/** A line of progress while Safer starts, with the seconds since the process began: "[ 4.2 s] Migrating the database". */
export function progressLine(text: string, now = performance.now()): string {
  return `[${(now / 1000).toFixed(1).padStart(4)} s] ${text}\n`;
}

/**
 * Opens the database, migrates it, loads the demo when asked, deletes the uploads no running process
 * owns (left by a process that was killed), and listens, saying what it is doing as it goes. The
 * demo's police.uk months are loaded after it listens (the slowest part of a first start): pages
 * show crime figures as each month arrives, and the console says when they are all in.
 */
export async function startServer(config: Config, options: { demo: boolean }): Promise<Running> {
  const say = (text: string) => process.stdout.write(progressLine(text));
  const firstStart = config.database.kind === 'embedded' && !existsSync(path.join(config.database.dataDir, 'PG_VERSION'));
  say(firstStart ? `Creating the database in ${config.dataDir} (first start)` : 'Opening the database');
  const database = await openDatabase(config.database);
  try {
    say('Migrating the database');
    const ran = await migrate(database);
    if (ran.length) say(`Applied ${ran.length} migration(s)`);
    if (options.demo) {
      say('Loading the demo partnership and the Kent geography');
      if (await loadDemo(database, config, { policeData: false })) say('Loaded the demo partnership');
    }
    const app = await buildApp({ config, database, demo: options.demo });
    const removed = await removeAbandonedUploads(uploadsFolder(config.dataDir));
    if (removed.entries > 0) {
      const bytes = removed.bytes.toLocaleString('en-GB');
      app.log.info(removed, `Removed ${removed.entries} upload(s) left by a process that ended: ${bytes} bytes`);
    }
    await app.listen({ host: config.host, port: config.port });
    const bound = app.server.address();
    const port = typeof bound === 'object' && bound ? bound.port : config.port;
    const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
    // One write, after the server listens: the demo users' sign-ins only when the demo was loaded.
    const demo = options.demo ? formatDemoSignIns(await demoSignIns(database, config)) : '';
    process.stdout.write(`\nSafer is running at ${address}\n\n${demo}${demo ? '\n' : ''}`);
    const stopReminders = startReminderJob(database, config, app.log);
    const policeData = options.demo ? loadPoliceDataInBackground(database, app, say) : undefined;
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopReminders();
      stopping ??= (async () => {
        await policeData?.stop();
        await app.close();
        await database.close();
      })();
      return stopping;
    };
    return { app, database, address, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
}

/**
 * Loads the demo's police.uk months that are missing while the server answers, saying when it
 * starts and ends. Stopping the server stops the load (the month being loaded is removed, and the
 * next start loads what is missing).
 */
function loadPoliceDataInBackground(database: Database, app: FastifyInstance, say: (text: string) => void): { stop(): Promise<void> } {
  const controller = new AbortController();
  const started = performance.now();
  const done = loadDemoPoliceData(database, {
    signal: controller.signal,
    onStart: (months) =>
      say(`Loading the Kent police.uk data: ${months} month(s), in the background (crime figures fill in as each month loads)`),
  }).then(
    (summary) => {
      if (!summary) return;
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      say(`Loaded the Kent police.uk data: ${summary.accepted.toLocaleString('en-GB')} crimes in ${seconds} s`);
    },
    (error: unknown) => {
      if (controller.signal.aborted) return;
      app.log.error({ err: error }, 'Loading the Kent police.uk data failed');
      say(`Loading the Kent police.uk data failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
  return {
    async stop() {
      controller.abort();
      await done;
    },
  };
}
