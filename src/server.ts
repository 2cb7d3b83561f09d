import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase, type Database } from './platform/db/database.ts';
import { migrate } from './platform/db/migrate.ts';
import { removeAbandonedUploads, uploadsFolder } from './platform/uploads.ts';
import { demoSignIns, formatDemoSignIns, loadDemo } from './features/demo/demo-loader.ts';
import { startReminderJob } from './features/reminders/reminder-job.ts';

export interface Running {
  app: FastifyInstance;
  database: Database;
  address: string;
  stop(): Promise<void>;
}

/**
 * Opens the database, migrates it, loads the demo when asked, deletes the uploads no running process
 * owns (left by a process that was killed), and listens.
 */
export async function startServer(config: Config, options: { demo: boolean }): Promise<Running> {
  const database = await openDatabase(config.database);
  try {
    await migrate(database);
    if (options.demo) await loadDemo(database, config);
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
    let stopping: Promise<void> | undefined;
    const stop = () => {
      stopReminders();
      stopping ??= app.close().then(() => database.close());
      return stopping;
    };
    return { app, database, address, stop };
  } catch (error) {
    await database.close();
    throw error;
  }
}
