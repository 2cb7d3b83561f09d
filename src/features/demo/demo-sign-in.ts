import type { SummaryRow } from '../../platform/view-models.ts';
import { roleLabels } from '../users/user-view-models.ts';
import { DEMO_PASSWORD, demoPartnership, demoUsers } from './demo-data.ts';

/**
 * What the sign-in page of a demo deployment says: the demo users, by role, and their password.
 * Their authenticator keys are printed only in the console where Safer was started, never on a page.
 */
export function demoSignInHelp(): { partnership: string; password: string; rows: SummaryRow[] } {
  return {
    partnership: demoPartnership.name,
    password: DEMO_PASSWORD,
    rows: demoUsers.map((u) => ({ key: { text: roleLabels[u.role].text }, value: { text: u.email } })),
  };
}
