import type { ExportTable } from '../../platform/exports.ts';
import { fieldText, type ChoiceItem } from '../../platform/view-models.ts';
import type { TermRow } from './glossary-repository.ts';

/** The term form's values as stored, in the names the form posts. */
export const termValues = (term: TermRow): Record<string, unknown> => ({
  term: term.term,
  meaning: term.meaning,
  isAcronym: term.is_acronym ? 'yes' : 'no',
});

/** What the term form shows for its values (stored or as posted): the two texts and the acronym radios. */
export function termFormView(values: Record<string, unknown>): { term: string; meaning: string; acronymItems: ChoiceItem[] } {
  const acronym = fieldText(values['isAcronym']);
  return {
    term: fieldText(values['term']),
    meaning: fieldText(values['meaning']),
    acronymItems: [
      { value: 'yes', text: 'Yes', checked: acronym === 'yes' },
      { value: 'no', text: 'No', checked: acronym === 'no' },
    ],
  };
}

/** The glossary as a CSV or XLSX download (src/platform/exports.ts). */
export const glossaryExport = (terms: readonly { term: string; meaning: string; is_acronym: boolean }[]): ExportTable => ({
  fileName: 'glossary',
  title: 'Glossary',
  headers: ['Term', 'Meaning', 'Acronym or abbreviation'],
  rows: terms.map((t) => [t.term, t.meaning, t.is_acronym ? 'Yes' : 'No']),
});
