import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/database.ts';
import type { ActionStatus } from '../../platform/db/schema.ts';
import { createMailer } from '../../platform/mail.ts';
import { insertPartnership } from '../partnerships/partnership-repository.ts';
import { insertUser } from '../users/user-repository.ts';
import { seedBodyWithPlan } from '../action-plans/action-plan-fixtures.ts';
import { runReminders } from './reminders.ts';

interface Received {
  to: string[];
  body: string;
}

/** A local SMTP server on 127.0.0.1 and a random port that keeps what it receives. */
async function startSmtp(): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), body: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('update reminders by email', () => {
  let d: TestDatabase;
  let partnershipId: number;
  const users: Record<string, number> = {};

  before(async () => {
    d = await createTestDatabase();
    partnershipId = await d.db.system(async (trx) => {
      const id = await insertPartnership(trx, { slug: 'alpha', name: 'Safer Alpha Partnership', districtCodes: [] });
      const agency = await trx
        .insertInto('agencies')
        .values({ partnership_id: id, name: 'Alpha Council', agency_type: 'district_council', responsible_authority: true })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const name of ['due', 'stale', 'fresh', 'done', 'twice']) {
        users[name] = await insertUser(trx, {
          partnershipId: id,
          agencyId: agency.id,
          name: `Owner ${name}`,
          email: `${name}@alpha.test`,
          role: 'member',
        });
      }
      return id;
    });
    const today = '2026-11-26';
    const add = async (
      title: string,
      lead: string,
      dueOn: string | null,
      status: ActionStatus = 'on_track',
      lastUpdate: Date | null = new Date('2026-11-20T10:00:00Z'),
    ) => {
      const r = await seedBodyWithPlan(d.db, partnershipId, {
        name: `Group for ${title}`,
        plan: { year: 2026, title: `Plan ${title}`, action: { title, leadUserId: users[lead]!, dueOn, status } },
      });
      await d.db.system((trx) => trx.updateTable('actions').set({ last_update_at: lastUpdate }).where('id', '=', r.actionId!).execute());
    };
    void today;
    await add('Due next week', 'due', '2026-12-01');
    await add('Untouched for months', 'stale', '2027-06-01', 'on_track', new Date('2026-08-01T10:00:00Z'));
    await add('Recently updated, due later', 'fresh', '2027-06-01');
    await add('Complete and overdue', 'done', '2026-01-01', 'complete');
    await add('Overdue one', 'twice', '2026-10-01', 'at_risk');
    await add('Due tomorrow', 'twice', '2026-11-27');
  });
  after(() => d.drop());

  const options = {
    dueWithinDays: 14,
    staleAfterDays: 30,
    publicUrl: 'https://safer.example',
    today: '2026-11-26',
    now: new Date('2026-11-26T09:00:00Z'),
  };

  test('exactly the owners due get exactly one email each, listing their actions with links, and each is audited', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer(smtp.url, 'safer@alpha.test');
    try {
      const run = await runReminders(d.db, { id: partnershipId, name: 'Safer Alpha Partnership' }, { ...options, mailer, dryRun: false });
      assert.equal(run.mode, 'sent');
      assert.equal(run.sent, 3);
      const recipients = smtp.received.flatMap((r) => r.to).sort();
      assert.deepEqual(recipients, ['due@alpha.test', 'stale@alpha.test', 'twice@alpha.test']);
      const twice = smtp.received.find((r) => r.to.includes('twice@alpha.test'))!;
      assert.match(twice.body, /Overdue one/);
      assert.match(twice.body, /Due tomorrow/);
      assert.match(twice.body, /https:\/\/safer\.example\/actions\/\d+/);
      const audit = await d.db.tenant(partnershipId, (trx) =>
        trx.selectFrom('audit_events').selectAll().where('action', '=', 'reminder.sent').execute(),
      );
      assert.deepEqual(audit.map((a) => Number(a.subject_id)).sort(), [users['due'], users['stale'], users['twice']].sort());
    } finally {
      mailer.close();
      await smtp.close();
    }
  });

  test('a dry run, or no SMTP_URL, lists the reminders and sends nothing', async () => {
    const smtp = await startSmtp();
    const mailer = createMailer(smtp.url, 'safer@alpha.test');
    try {
      const dry = await runReminders(d.db, { id: partnershipId, name: 'Safer Alpha Partnership' }, { ...options, mailer, dryRun: true });
      assert.equal(dry.mode, 'dry-run');
      assert.equal(dry.owners.length, 3);
      const none = await runReminders(
        d.db,
        { id: partnershipId, name: 'Safer Alpha Partnership' },
        { ...options, mailer: null, dryRun: false },
      );
      assert.equal(none.mode, 'no-smtp');
      assert.equal(none.sent, 0);
      assert.equal(smtp.received.length, 0);
    } finally {
      mailer.close();
      await smtp.close();
    }
  });
});
