import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { glossaryExport, termFormView, termValues } from './glossary-view-models.ts';

describe('glossary view models', () => {
  test('the term form shows a stored term, with its acronym answer checked', () => {
    const stored = termValues({ id: 1, term: 'ASB', meaning: 'Anti-social behaviour', is_acronym: true });
    assert.deepEqual(termFormView(stored), {
      term: 'ASB',
      meaning: 'Anti-social behaviour',
      acronymItems: [
        { value: 'yes', text: 'Yes', checked: true },
        { value: 'no', text: 'No', checked: false },
      ],
    });
    const notAcronym = termFormView(termValues({ id: 2, term: 'County lines', meaning: 'Drug supply', is_acronym: false }));
    assert.deepEqual(
      notAcronym.acronymItems.map((i) => i.checked),
      [false, true],
    );
  });

  test('a blank form, or one posted with nothing chosen or odd values, checks nothing and shows only text', () => {
    const nothingChecked = [
      { value: 'yes', text: 'Yes', checked: false },
      { value: 'no', text: 'No', checked: false },
    ];
    assert.deepEqual(termFormView({}), { term: '', meaning: '', acronymItems: nothingChecked });
    const odd = termFormView({ term: ['a', 'b'], meaning: 'm', isAcronym: 'maybe' });
    assert.deepEqual(odd, { term: '', meaning: 'm', acronymItems: nothingChecked });
  });

  test('the download has each term, its meaning and whether it is an acronym', () => {
    const terms = [
      { term: 'ASB', meaning: 'Anti-social behaviour', is_acronym: true },
      { term: 'Hub', meaning: 'A place', is_acronym: false },
    ];
    assert.deepEqual(glossaryExport(terms), {
      fileName: 'glossary',
      title: 'Glossary',
      headers: ['Term', 'Meaning', 'Acronym or abbreviation'],
      rows: [
        ['ASB', 'Anti-social behaviour', 'Yes'],
        ['Hub', 'A place', 'No'],
      ],
    });
  });
});
