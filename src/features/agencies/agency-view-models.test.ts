import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { agencyTypes, type Agency } from '../../platform/db/schema.ts';
import {
  agencyFormValues,
  agencyFormView,
  agencyTableRows,
  agencyTypeItems,
  agencyTypeNames,
  postedAgencyValues,
  responsibleAuthorityItems,
} from './agency-view-models.ts';

const agency = (overrides: Partial<Agency> = {}): Agency => ({
  partnership_id: 1,
  id: 7,
  name: 'Kent Fire and Rescue Service',
  agency_type: 'fire_and_rescue',
  responsible_authority: true,
  created_at: new Date('2026-01-01T00:00:00Z'),
  updated_at: new Date('2026-01-01T00:00:00Z'),
  ...overrides,
});

describe('agency view models', () => {
  test('every agency type has a name in plain words', () => {
    for (const type of agencyTypes) assert.ok(agencyTypeNames[type] && !agencyTypeNames[type].includes('_'), type);
    assert.equal(agencyTypeNames.fire_and_rescue, 'Fire and rescue');
    assert.equal(new Set(Object.values(agencyTypeNames)).size, agencyTypes.length, 'names are distinct');
  });

  test('table rows give the name, type in words, Yes or No, active users and a Change link naming the agency', () => {
    const rows = agencyTableRows([{ ...agency(), user_count: '3' }]);
    assert.deepEqual(rows, [
      [
        { text: 'Kent Fire and Rescue Service' },
        { text: 'Fire and rescue' },
        { text: 'Yes' },
        { text: '3', format: 'numeric' },
        {
          html:
            '<a class="govuk-link" href="/admin/agencies/7">Change<span class="govuk-visually-hidden"> Kent Fire and Rescue ' +
            'Service</span></a>',
        },
      ],
    ]);
    const [row] = agencyTableRows([{ ...agency({ responsible_authority: false }), user_count: 0 }]);
    assert.equal(row![2]!.text, 'No');
    assert.equal(row![3]!.text, '0');
  });

  test('a name with markup in it is escaped in the Change link and left as text elsewhere', () => {
    const [row] = agencyTableRows([{ ...agency({ name: '<b>Bad & Co</b>' }), user_count: 1 }]);
    assert.equal(row![0]!.text, '<b>Bad & Co</b>', 'text cells are escaped by the template');
    assert.match(row![4]!.html!, /<span class="govuk-visually-hidden"> &lt;b&gt;Bad &amp; Co&lt;\/b&gt;<\/span>/);
  });

  test('the type radios offer all 11 types, with only the chosen one checked', () => {
    const items = agencyTypeItems('police');
    assert.equal(items.length, 11);
    assert.deepEqual(
      items.filter((i) => i.checked).map((i) => i.value),
      ['police'],
    );
    assert.deepEqual(items[0], { value: 'district_council', text: 'District or borough council', checked: false });
    assert.equal(agencyTypeItems('army').filter((i) => i.checked).length, 0);
    assert.equal(agencyTypeItems(undefined).filter((i) => i.checked).length, 0);
  });

  test('the responsible authority radios are Yes and No', () => {
    assert.deepEqual(responsibleAuthorityItems('no'), [
      { value: 'yes', text: 'Yes', checked: false },
      { value: 'no', text: 'No', checked: true },
    ]);
    assert.ok(responsibleAuthorityItems('').every((i) => !i.checked));
  });

  test('form values come from a stored agency or from what was posted', () => {
    assert.deepEqual(agencyFormValues(agency()), {
      name: 'Kent Fire and Rescue Service',
      agencyType: 'fire_and_rescue',
      responsibleAuthority: 'yes',
    });
    assert.deepEqual(agencyFormValues(agency({ responsible_authority: false })).responsibleAuthority, 'no');
    assert.deepEqual(postedAgencyValues({ name: 'X', agencyType: ['a'], _csrf: 'secret' }), {
      name: 'X',
      agencyType: '',
      responsibleAuthority: '',
    });
    assert.deepEqual(postedAgencyValues(undefined), { name: '', agencyType: '', responsibleAuthority: '' });
  });

  test('the form view checks the radios for the values', () => {
    const view = agencyFormView({ name: 'X', agencyType: 'health', responsibleAuthority: 'yes' });
    assert.equal(view.values.name, 'X');
    assert.equal(view.typeItems.find((i) => i.checked)?.value, 'health');
    assert.equal(view.responsibleAuthorityItems.find((i) => i.checked)?.value, 'yes');
  });
});
