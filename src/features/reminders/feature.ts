import { defineFeature } from '../../platform/feature.ts';
import { reminderCommands } from './reminder-cli.ts';

/** Reminder emails to action owners, and `safer reminders`. */
export const remindersFeature = defineFeature({
  name: 'reminders',
  auditEvents: {
    'reminder.sent': 'Sent an update reminder',
  },
  commands: reminderCommands,
});
