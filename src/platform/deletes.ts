import type { DeleteCheck } from './db/record-uses.ts';

/** What the delete confirmation page (confirm-delete.njk) shows for one record. */
export interface DeletePage {
  /** The record in words, with its kind: the priority “Reducing ASB”. */
  what: string;
  caption?: string;
  /** Where the form posts to delete it. */
  action: string;
  /** Where Cancel and Back go: the record's page or its list. */
  cancelHref: string;
  check: DeleteCheck;
}

/**
 * The page asking "Are you sure you want to delete …?" with a warning button; or, while other
 * records still use it, the page saying it cannot be deleted and what uses it.
 */
export function deletePageContext(page: DeletePage): Record<string, unknown> {
  const blocked = page.check.blockers.length > 0;
  const heading = blocked ? `You cannot delete ${page.what}` : `Are you sure you want to delete ${page.what}?`;
  return {
    pageTitle: heading,
    heading,
    caption: page.caption,
    blocked,
    blockers: page.check.blockers,
    alsoDeleted: page.check.alsoDeleted,
    action: page.action,
    cancelHref: page.cancelHref,
  };
}

/** A name for a delete page: quoted, and cut to 80 characters with … if longer. */
export function quoted(name: string): string {
  const text = name.replace(/\s+/g, ' ').trim();
  return `“${text.length > 80 ? `${text.slice(0, 79).trimEnd()}…` : text}”`;
}
