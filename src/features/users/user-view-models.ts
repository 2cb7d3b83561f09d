import { postedFields } from '../../platform/forms.ts';
import { roles, type Role, type User } from '../../platform/db/schema.ts';
import { formatDate } from '../../platform/format.ts';
import { userPaths } from './user-paths.ts';
import {
  escapeHtml,
  fieldText,
  fieldTexts,
  type ChoiceItem,
  type SelectItem,
  type SummaryRow,
  type TableCell,
} from '../../platform/view-models.ts';
import type { UserListRow } from './user-repository.ts';

/** Each role in words, as the radios show it, with what the role does. */
export const roleLabels: Record<Role, { text: string; hint: string }> = {
  admin: { text: 'Partnership administrator', hint: 'Manages agencies, users and the audit log' },
  coordinator: { text: 'Coordinator (community safety officer)', hint: "Runs the partnership's plan, meetings and data" },
  analyst: { text: 'Analyst', hint: 'Imports and analyses data' },
  member: { text: 'Member (partner practitioner)', hint: "Updates their own agency's actions and cases" },
  viewer: { text: 'Viewer (for example a councillor)', hint: "Reads the partnership's information but cannot change it" },
};

/** Each role in a word or two, for tables and summaries. */
export const roleNames: Record<Role, string> = {
  admin: 'Partnership administrator',
  coordinator: 'Coordinator',
  analyst: 'Analyst',
  member: 'Member',
  viewer: 'Viewer',
};

type UserStatus = 'active' | 'invited' | 'disabled' | 'no-authenticator';

/** Where a user's account stands: disabled, waiting for them to accept the invitation, part set up, or in use. */
export function userStatus(user: { disabled_at: Date | null; totp_enabled_at: Date | null; has_password: boolean }): UserStatus {
  if (user.disabled_at) return 'disabled';
  if (!user.has_password) return 'invited';
  if (!user.totp_enabled_at) return 'no-authenticator';
  return 'active';
}

const userStatusTags: Record<UserStatus, { text: string; classes: string; description: string }> = {
  active: { text: 'Active', classes: 'govuk-tag--green', description: 'They can sign in.' },
  invited: { text: 'Invited', classes: '', description: 'They have not used their invitation link to create a password yet.' },
  disabled: { text: 'Disabled', classes: 'govuk-tag--grey', description: 'They cannot sign in.' },
  'no-authenticator': {
    text: 'No authenticator',
    classes: 'govuk-tag--yellow',
    description: 'They will set up an authenticator app the next time they sign in.',
  },
};

export function statusTagHtml(status: UserStatus): string {
  const tag = userStatusTags[status];
  return `<strong class="${tag.classes ? `govuk-tag ${tag.classes}` : 'govuk-tag'}">${escapeHtml(tag.text)}</strong>`;
}

/** The users table: name (a link to their page), email, agency, role and status. */
export function userTableRows(users: readonly UserListRow[]): TableCell[][] {
  return users.map((user) => [
    { html: `<a class="govuk-link" href="${escapeHtml(userPaths.show(user.id))}">${escapeHtml(user.name)}</a>` },
    { text: user.email },
    { text: user.agency_name },
    { text: roleNames[user.role] },
    { html: statusTagHtml(userStatus(user)) },
  ]);
}

/** The role radios, each with a hint saying what the role does. */
export function roleItems(selected: unknown): ChoiceItem[] {
  return roles.map((role) => ({
    value: role,
    text: roleLabels[role].text,
    hint: { text: roleLabels[role].hint },
    checked: selected === role,
  }));
}

/** The agency select. With nothing chosen yet, it starts on a prompt rather than on the first agency. */
export function agencySelectItems(agencies: readonly { id: number; name: string }[], selected: unknown): SelectItem[] {
  const chosen = typeof selected === 'number' ? String(selected) : fieldText(selected);
  const items = agencies.map((a) => ({ value: String(a.id), text: a.name, selected: chosen === String(a.id) }));
  if (items.some((i) => i.selected)) return items;
  return [{ value: '', text: 'Select an agency', selected: true }, ...items];
}

export type UserDetails = Pick<User, 'id' | 'name' | 'email' | 'role' | 'disabled_at' | 'totp_enabled_at' | 'password_hash' | 'created_at'>;

export const statusOf = (user: UserDetails): UserStatus =>
  userStatus({ disabled_at: user.disabled_at, totp_enabled_at: user.totp_enabled_at, has_password: user.password_hash !== null });

/** The summary of a user on their page, with a Change link beside each detail that can be changed. */
export function userSummaryRows(user: UserDetails, agencyName: string): SummaryRow[] {
  const change = (what: string) => ({ items: [{ href: userPaths.edit(user.id), text: 'Change', visuallyHiddenText: what }] });
  const status = statusOf(user);
  return [
    { key: { text: 'Full name' }, value: { text: user.name }, actions: change('full name') },
    { key: { text: 'Email address' }, value: { text: user.email }, actions: change('email address') },
    { key: { text: 'Agency' }, value: { text: agencyName }, actions: change('agency') },
    { key: { text: 'Role' }, value: { text: roleLabels[user.role].text }, actions: change('role') },
    {
      key: { text: 'Status' },
      value: {
        html:
          `${statusTagHtml(status)}<p class="govuk-body govuk-!-margin-top-2 govuk-!-margin-bottom-0">` +
          `${escapeHtml(userStatusTags[status].description)}</p>`,
      },
    },
    { key: { text: 'Added' }, value: { text: formatDate(user.created_at) } },
  ];
}

export type UserFormValues = {
  name: string;
  email: string;
  agencyId: string;
  role: string;
};

/** The form's values for a stored user, to fill in the change page. */
export function userFormValues(user: Pick<User, 'name' | 'email' | 'agency_id' | 'role'>): UserFormValues {
  return { name: user.name, email: user.email, agencyId: String(user.agency_id), role: user.role };
}

/** The form's values as posted, to show again beside the errors. */
export function postedUserValues(body: unknown): UserFormValues {
  return fieldTexts(postedFields(body), ['name', 'email', 'agencyId', 'role']);
}

/** Everything the add and change form needs to show its fields. */
export function userFormView(values: UserFormValues, agencies: readonly { id: number; name: string }[]) {
  return { values, agencyItems: agencySelectItems(agencies, values.agencyId), roleItems: roleItems(values.role) };
}
