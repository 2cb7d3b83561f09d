import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionListQueryString, actionListTitle, actionListViews, exportTitle, pageTitle } from './action-list-view-models.ts';

const choices = {
  priorities: [{ id: 4, name: 'Tackling knife crime' }],
  bodies: [{ id: 7, name: 'Domestic Abuse Forum' }],
};
const plans = [{ id: 9, title: 'DAF action plan 2019-20' }];

describe('the lists of actions', () => {
  test('the heading says which list; the filters are named in words, unknown ones left out', () => {
    const all = actionListTitle({}, choices, plans);
    assert.deepEqual(all, { heading: 'All actions', filters: '' });
    assert.equal(pageTitle(all), 'All actions');
    assert.equal(exportTitle(all), 'All actions');

    const filtered = actionListTitle({ show: 'overdue', plan: 9, priority: 4, body: 7 }, choices, plans);
    assert.deepEqual(filtered, {
      heading: 'Overdue actions',
      filters: 'action plan: DAF action plan 2019-20, priority: Tackling knife crime, group: Domestic Abuse Forum',
    });
    assert.equal(pageTitle(filtered), `Overdue actions - ${filtered.filters}`);
    assert.equal(exportTitle(filtered), `Overdue actions, ${filtered.filters}`);

    assert.deepEqual(actionListTitle({ show: 'mine', priority: 99, body: 98 }, choices, plans), { heading: 'My actions', filters: '' });
    assert.equal(actionListTitle({ show: 'at-risk' }, choices, plans).heading, 'Actions at risk or off track');
  });

  test('the download links carry the filters, and no query for the whole list', () => {
    assert.equal(actionListQueryString({}), '');
    assert.equal(actionListQueryString({ show: 'all' }), '');
    assert.equal(actionListQueryString({ show: 'mine', priority: 4, body: 7, plan: 9 }), '?show=mine&priority=4&body=7&plan=9');
  });

  test('the links between the lists mark the one shown', () => {
    assert.deepEqual(
      actionListViews('overdue').map((v) => [v.href, v.text, v.current]),
      [
        ['/actions', 'All actions', false],
        ['/actions/mine', 'My actions', false],
        ['/actions/overdue', 'Overdue', true],
        ['/actions/at-risk', 'At risk or off track', false],
      ],
    );
    assert.deepEqual(
      actionListViews().map((v) => v.current),
      [true, false, false, false],
    );
  });
});
