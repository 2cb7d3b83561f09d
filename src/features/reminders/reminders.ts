import type { Database } from '../../platform/db/database.ts';
import type { Mailer } from '../../platform/mail.ts';
import { recordAudit } from '../audit/audit-repository.ts';
import { operatorActor } from '../audit/events.ts';
import { listOpenLedActions, type ActionRow } from '../action-plans/action-plan-repository.ts';
import { londonToday, statusLabels } from '../action-plans/action-rules.ts';

/**
 * Reminders: each lead of open actions that are due soon, or have had no progress update for a
 * while, gets one email listing those actions with links.
 */

interface ReminderOptions {
  dueWithinDays: number;
  staleAfterDays: number;
  publicUrl: string;
  /** Today in London (YYYY-MM-DD) and now; tests pass their own. */
  today?: string;
  now?: Date;
}

interface ReminderItem {
  actionId: number;
  title: string;
  dueOn: string | null;
  status: string;
  reasons: ('due' | 'overdue' | 'stale')[];
}

interface OwnerReminder {
  userId: number;
  name: string;
  email: string;
  items: ReminderItem[];
}

const addDays = (day: string, days: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

/** Which open actions of each lead need a reminder, and why. Pure: tested without a database. */
export function remindersFor(actions: readonly ActionRow[], options: ReminderOptions): OwnerReminder[] {
  const today = options.today ?? londonToday(options.now);
  const now = options.now ?? new Date();
  const dueBy = addDays(today, options.dueWithinDays);
  const staleBefore = new Date(now.getTime() - options.staleAfterDays * 24 * 60 * 60 * 1000);
  const owners = new Map<number, OwnerReminder>();
  for (const a of actions) {
    if (a.lead_user_id === null || !a.lead_user_email || a.status === 'complete' || a.status === 'cancelled') continue;
    const reasons: ReminderItem['reasons'] = [];
    if (a.due_on !== null && a.due_on < today) reasons.push('overdue');
    else if (a.due_on !== null && a.due_on <= dueBy) reasons.push('due');
    const lastTouched = a.last_update_at ?? null;
    if (lastTouched === null || lastTouched < staleBefore) reasons.push('stale');
    if (!reasons.length) continue;
    const owner = owners.get(a.lead_user_id) ?? {
      userId: a.lead_user_id,
      name: a.lead_user_name ?? '',
      email: a.lead_user_email,
      items: [],
    };
    owner.items.push({ actionId: a.id, title: a.title, dueOn: a.due_on, status: statusLabels[a.status], reasons });
    owners.set(a.lead_user_id, owner);
  }
  return [...owners.values()].sort((x, y) => x.name.localeCompare(y.name));
}

const reasonWords: Record<ReminderItem['reasons'][number], string> = {
  overdue: 'overdue',
  due: 'due soon',
  stale: 'no progress update recently',
};

function reminderEmail(owner: OwnerReminder, partnershipName: string, publicUrl: string): { subject: string; text: string } {
  const lines = [
    `Dear ${owner.name},`,
    '',
    `You lead ${owner.items.length === 1 ? 'an action' : `${owner.items.length} actions`} in the ${partnershipName} ` +
      `that ${owner.items.length === 1 ? 'needs' : 'need'} a progress update:`,
    '',
    ...owner.items.flatMap((i) => [
      `- ${i.title}`,
      `  Status: ${i.status}${i.dueOn ? `. Due: ${i.dueOn}` : ''}. ` +
        `Why you are getting this: ${i.reasons.map((r) => reasonWords[r]).join(', ')}`,
      `  ${publicUrl}/actions/${i.actionId}`,
    ]),
    '',
    'Sign in and post a progress update on each action, changing its status if you need to.',
    '',
    'This email was sent by Safer. Do not reply to it.',
  ];
  return {
    subject: `${partnershipName}: ${owner.items.length === 1 ? '1 action needs' : `${owner.items.length} actions need`} an update`,
    text: lines.join('\n'),
  };
}

export interface ReminderRun {
  partnershipId: number;
  partnershipName: string;
  owners: OwnerReminder[];
  sent: number;
  mode: 'sent' | 'dry-run' | 'no-smtp';
}

/** Finds the reminders of one partnership and, with a mailer and not a dry run, sends them: one email per owner, audited. */
export async function runReminders(
  db: Database,
  partnership: { id: number; name: string },
  options: ReminderOptions & { mailer: Mailer | null; dryRun: boolean },
): Promise<ReminderRun> {
  const actions = await db.tenant(partnership.id, (trx) => listOpenLedActions(trx));
  const owners = remindersFor(actions, options);
  const mode = options.dryRun ? 'dry-run' : options.mailer ? 'sent' : 'no-smtp';
  let sent = 0;
  if (mode === 'sent' && options.mailer) {
    const actor = operatorActor(partnership.id, 'Safer reminders');
    for (const owner of owners) {
      const email = reminderEmail(owner, partnership.name, options.publicUrl);
      await options.mailer.send({ to: owner.email, ...email });
      sent++;
      await db.tenant(partnership.id, (trx) =>
        recordAudit(trx, actor, {
          action: 'reminder.sent',
          subjectType: 'user',
          subjectId: owner.userId,
          details: { actionIds: owner.items.map((i) => i.actionId) },
        }),
      );
    }
  }
  return { partnershipId: partnership.id, partnershipName: partnership.name, owners, sent, mode };
}

/** What the CLI prints for a run. */
export function formatReminderRun(run: ReminderRun): string[] {
  const head =
    run.mode === 'sent'
      ? `${run.partnershipName}: sent ${run.sent} reminder email(s).`
      : run.mode === 'dry-run'
        ? `${run.partnershipName}: dry run, ${run.owners.length} reminder email(s) would be sent.`
        : `${run.partnershipName}: SMTP_URL is not set, so no email was sent. ${run.owners.length} reminder(s) are due:`;
  return [
    head,
    ...run.owners.flatMap((o) => [`  ${o.name} <${o.email}>`, ...o.items.map((i) => `    - ${i.title} (${i.reasons.join(', ')})`)]),
  ];
}
