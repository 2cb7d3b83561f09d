import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { markAcronyms } from './acronyms.ts';

const terms = [
  { term: 'SOC', meaning: 'Serious organised crime', is_acronym: true },
  { term: 'SOCP', meaning: 'Serious Organised Crime Panel', is_acronym: true },
  { term: 'ASB', meaning: 'Anti-social behaviour' },
  { term: 'County lines', meaning: 'Drug dealing across areas', is_acronym: false },
  { term: 'A&E', meaning: 'Accident & "emergency"', is_acronym: true },
];

describe('markAcronyms', () => {
  test('wraps whole-word acronyms with their meaning, longest first', () => {
    assert.equal(
      markAcronyms('The SOCP tackles SOC and ASB.', terms),
      'The <abbr title="Serious Organised Crime Panel">SOCP</abbr> tackles <abbr title="Serious organised crime">SOC</abbr> and <abbr ' +
        'title="Anti-social behaviour">ASB</abbr>.',
    );
  });

  test('leaves parts of words, other cases and terms that are not acronyms alone', () => {
    assert.equal(markAcronyms('SOCIAL asb ASBO County lines', terms), 'SOCIAL asb ASBO County lines');
  });

  test('escapes the text, the term and the meaning', () => {
    assert.equal(
      markAcronyms('<b>A&E</b> "x"', terms),
      '&lt;b&gt;<abbr title="Accident &amp; &quot;emergency&quot;">A&amp;E</abbr>&lt;/b&gt; &quot;x&quot;',
    );
  });

  test('with no terms, it only escapes', () => {
    assert.equal(markAcronyms('a < b', []), 'a &lt; b');
  });
});
