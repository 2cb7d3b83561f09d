import type { Role } from '../../platform/db/schema.ts';
import { formatDate, formatDateTime } from '../../platform/format.ts';
import type { SummaryRow } from '../../platform/view-models.ts';
import type { AccountOverview } from './account-service.ts';

/** Each role in a word, as the account page names your own. */
const roleNames: Record<Role, string> = {
  admin: 'Administrator',
  coordinator: 'Coordinator',
  analyst: 'Analyst',
  member: 'Member',
  viewer: 'Viewer',
};

/** The rows of the "Your account" summary list. */
export function accountSummaryRows(account: AccountOverview): SummaryRow[] {
  const row = (key: string, value: string): SummaryRow => ({ key: { text: key }, value: { text: value } });
  return [
    row('Name', account.name),
    row('Email address', account.email),
    row('Agency', account.agencyName),
    row('Role', roleNames[account.role]),
    row('Password last changed', account.passwordChangedAt ? formatDateTime(account.passwordChangedAt) : 'Not set'),
    row('Authenticator app', account.authenticatorSetUpAt ? `Set up on ${formatDate(account.authenticatorSetUpAt)}` : 'Not set up'),
    row('Recovery codes left', String(account.recoveryCodesLeft)),
  ];
}
