import { escapeHtml } from '../../platform/view-models.ts';

export interface GlossaryEntry {
  term: string;
  meaning: string;
  is_acronym?: boolean;
}

const REGEX_SPECIAL = /[.*+?^${}()|[\]\\]/g;

/**
 * The text as HTML, with every known acronym (a glossary term marked as one) wrapped in
 * <abbr title="meaning">. Everything else is escaped. Terms match whole words and case exactly;
 * longer terms win (SOCP before SOC).
 */
export function markAcronyms(text: string, terms: readonly GlossaryEntry[]): string {
  const acronyms = terms.filter((t) => t.is_acronym !== false && t.term.trim() !== '');
  if (acronyms.length === 0) return escapeHtml(text);
  const meanings = new Map(acronyms.map((t) => [t.term.trim(), t.meaning]));
  const alternatives = [...meanings.keys()].sort((a, b) => b.length - a.length).map((t) => t.replace(REGEX_SPECIAL, '\\$&'));
  const pattern = new RegExp(`(?<![A-Za-z0-9])(${alternatives.join('|')})(?![A-Za-z0-9])`, 'g');
  let html = '';
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const term = match[1]!;
    html += escapeHtml(text.slice(last, match.index));
    html += `<abbr title="${escapeHtml(meanings.get(term) ?? '')}">${escapeHtml(term)}</abbr>`;
    last = match.index + term.length;
  }
  return html + escapeHtml(text.slice(last));
}
