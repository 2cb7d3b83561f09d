import type { Config } from '../../config.ts';
import type { Database } from '../../platform/db/database.ts';
import { createMailer } from '../../platform/mail.ts';
import { listPartnerships } from '../partnerships/partnership-repository.ts';
import { runReminders, type ReminderRun } from './reminders.ts';

/** Runs reminders for every partnership (or one, by slug), sending through SMTP_URL when it is set. */
export async function remindAll(
  db: Database,
  config: Config,
  options: { slug?: string; dryRun: boolean; dueWithinDays: number; staleAfterDays: number },
): Promise<ReminderRun[]> {
  const partnerships = (await db.system((trx) => listPartnerships(trx))).filter((p) => !options.slug || p.slug === options.slug);
  const mailer = config.mail.smtpUrl && !options.dryRun ? createMailer(config.mail.smtpUrl, config.mail.from) : null;
  try {
    const runs: ReminderRun[] = [];
    for (const p of partnerships) {
      runs.push(await runReminders(db, { id: p.id, name: p.name }, { ...options, publicUrl: config.publicUrl, mailer }));
    }
    return runs;
  } finally {
    mailer?.close();
  }
}

/** The server's scheduled reminders: every REMINDERS_INTERVAL_HOURS hours (0: never). Returns a stop function. */
export function startReminderJob(
  db: Database,
  config: Config,
  log: { info(obj: object, msg: string): void; error(obj: object, msg: string): void },
): () => void {
  const hours = config.reminders.intervalHours;
  if (hours <= 0) return () => {};
  const run = () => {
    remindAll(db, config, { dryRun: false, dueWithinDays: config.reminders.dueWithinDays, staleAfterDays: config.reminders.staleAfterDays })
      .then((runs) =>
        log.info(
          { reminders: runs.map((r) => ({ partnership: r.partnershipId, owners: r.owners.length, sent: r.sent, mode: r.mode })) },
          'reminders run',
        ),
      )
      .catch((error: unknown) => log.error({ err: error }, 'reminders failed'));
  };
  const timer = setInterval(run, hours * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
