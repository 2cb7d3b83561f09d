import { defineFeature } from '../../platform/feature.ts';
import { reminderCommands } from './reminder-cli.ts';

/** What the audit log shows for each event of this feature. */
const remindersEvents = {
  'reminder.sent': 'Sent an update reminder',
} as const;

declare module '../../platform/feature.ts' {
  interface AuditEventRegistry extends Record<keyof typeof remindersEvents, string> {}
}

/** Reminder emails to action owners, and `safer reminders`. */
export const remindersFeature = defineFeature({
  name: 'reminders',
  auditEvents: remindersEvents,
  commands: reminderCommands,
});
