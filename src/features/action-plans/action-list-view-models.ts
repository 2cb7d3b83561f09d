import type { Choice } from './action-plan-repository.ts';
import { actionPaths } from './action-plan-paths.ts';
import type { ActionListQuery } from './action-plan-schemas.ts';

/** What the lists of actions (all, mine, overdue, at risk; by priority, group or plan) show about themselves. */

type Show = NonNullable<ActionListQuery['show']>;

const headings: Record<Show, string> = {
  all: 'All actions',
  mine: 'My actions',
  overdue: 'Overdue actions',
  'at-risk': 'Actions at risk or off track',
};

interface ActionListTitle {
  heading: string;
  /** The filters in words ("action plan: …, priority: …, group: …"), or '' for none. */
  filters: string;
}

/** A list's heading and its filters in words, for the page, the window title and the spreadsheet's title. */
export function actionListTitle(
  query: ActionListQuery,
  choices: { priorities: readonly Choice[]; bodies: readonly Choice[] },
  plans: readonly { id: number; title: string }[],
): ActionListTitle {
  const plan = plans.find((p) => p.id === query.plan);
  const priority = choices.priorities.find((p) => p.id === query.priority);
  const body = choices.bodies.find((b) => b.id === query.body);
  const parts = [plan && `action plan: ${plan.title}`, priority && `priority: ${priority.name}`, body && `group: ${body.name}`];
  return { heading: headings[query.show ?? 'all'], filters: parts.filter(Boolean).join(', ') };
}

/** The title of a list's download: "All actions, group: Domestic Abuse Forum". */
export const exportTitle = (title: ActionListTitle): string => (title.filters ? `${title.heading}, ${title.filters}` : title.heading);

/** The title of a list's page: "All actions - group: Domestic Abuse Forum". */
export const pageTitle = (title: ActionListTitle): string => (title.filters ? `${title.heading} - ${title.filters}` : title.heading);

/** The list's filters as a query string for its download links ("?show=mine&body=3"), or '' for none. */
export function actionListQueryString(query: ActionListQuery): string {
  const params = new URLSearchParams();
  if (query.show && query.show !== 'all') params.set('show', query.show);
  if (query.priority) params.set('priority', String(query.priority));
  if (query.body) params.set('body', String(query.body));
  if (query.plan) params.set('plan', String(query.plan));
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The links between the lists, the one shown marked as current. */
export function actionListViews(show: Show = 'all'): { href: string; text: string; current: boolean }[] {
  return [
    { href: actionPaths.list(), text: 'All actions', current: show === 'all' },
    { href: actionPaths.mine(), text: 'My actions', current: show === 'mine' },
    { href: actionPaths.overdue(), text: 'Overdue', current: show === 'overdue' },
    { href: actionPaths.atRisk(), text: 'At risk or off track', current: show === 'at-risk' },
  ];
}
