import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { validateForm } from '../../platform/forms.ts';
import { userForm } from './user-schemas.ts';

describe('user schemas', () => {
  test('a complete form is trimmed and the agency id becomes a number', () => {
    assert.deepEqual(userForm.parse({ name: ' Priya Shah ', email: ' priya@kent.test ', agencyId: '3', role: 'analyst' }), {
      name: 'Priya Shah',
      email: 'priya@kent.test',
      agencyId: 3,
      role: 'analyst',
    });
  });

  test('each missing answer has a GOV.UK message, in the order of the fields', () => {
    const result = validateForm(userForm, {});
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.summary.map((s) => [s.href, s.text]),
      [
        ['#name', 'Enter their full name'],
        ['#email', 'Enter an email address'],
        ['#agencyId', 'Select an agency'],
        ['#role', 'Select a role'],
      ],
    );
  });

  test('a wrong email, agency or role is refused', () => {
    const result = validateForm(userForm, { name: 'A', email: 'not an email', agencyId: '0', role: 'owner' });
    assert.ok(!result.ok);
    assert.equal(result.errors.fields['email']?.text, 'Enter an email address in the correct format, like name@example.org');
    assert.equal(result.errors.fields['agencyId']?.text, 'Select an agency');
    assert.equal(result.errors.fields['role']?.text, 'Select a role');
    assert.equal(result.errors.fields['name'], undefined);
  });
});
