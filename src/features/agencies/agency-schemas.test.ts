import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateForm } from '../../platform/forms.ts';
import { agencyForm, agencyListFlashFrom } from './agency-schemas.ts';

describe('agency schemas', () => {
  test('a complete form is trimmed and the answer becomes true or false', () => {
    assert.deepEqual(agencyForm.parse({ name: '  Kent Police ', agencyType: 'police', responsibleAuthority: 'yes' }), {
      name: 'Kent Police',
      agencyType: 'police',
      responsibleAuthority: true,
    });
    assert.equal(agencyForm.parse({ name: 'A', agencyType: 'other', responsibleAuthority: 'no' }).responsibleAuthority, false);
  });

  test('each missing or wrong answer has a GOV.UK message, in the order of the fields', () => {
    const result = validateForm(agencyForm, { name: '   ', agencyType: 'army', responsibleAuthority: 'maybe', _csrf: 'x' });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(
      result.errors.summary.map((s) => [s.href, s.text]),
      [
        ['#name', 'Enter the agency name'],
        ['#agencyType', 'Select the type of agency'],
        ['#responsibleAuthority', 'Select yes if it is a responsible authority under the Crime and Disorder Act 1998'],
      ],
    );
    assert.equal(result.values['_csrf'], undefined);
    const long = validateForm(agencyForm, { name: 'x'.repeat(201), agencyType: 'police', responsibleAuthority: 'no' });
    assert.ok(!long.ok && long.errors.fields['name']?.text === 'Agency name must be 200 characters or fewer');
  });

  test('the list understands only an added or changed agency id in its address', () => {
    assert.deepEqual(agencyListFlashFrom({ added: '5' }), { added: 5 });
    assert.deepEqual(agencyListFlashFrom({ changed: '9' }), { changed: 9 });
    assert.deepEqual(agencyListFlashFrom({ added: '<script>' }), {});
    assert.deepEqual(agencyListFlashFrom({ added: ['1', '2'] }), {});
    assert.deepEqual(agencyListFlashFrom(undefined), {});
  });
});
