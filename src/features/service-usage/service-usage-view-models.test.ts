import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { mappingForm } from './service-usage-schemas.ts';
import {
  columnItems,
  datasetListRows,
  mappingSelects,
  mappingValues,
  monthRows,
  previewTable,
  rejectionsSummary,
  serviceRows,
} from './service-usage-view-models.ts';

describe('service-usage page pieces', () => {
  test('months run from the first to the last, a month without rows showing 0', () => {
    const rows = monthRows([
      { month: '2018-11', count: 300 },
      { month: '2019-02', count: 1234 },
    ]);
    assert.deepEqual(
      rows.map((r) => [r[0]!.text, r[1]!.text]),
      [
        ['November 2018', '300'],
        ['December 2018', '0'],
        ['January 2019', '0'],
        ['February 2019', '1,234'],
      ],
    );
    assert.deepEqual(monthRows([]), []);
  });

  test('services with their share; rows without a service are said so', () => {
    assert.deepEqual(
      serviceRows([
        { service: 'Housing advice', count: 3 },
        { service: '', count: 1 },
      ]).map((r) => r.map((c) => c.text)),
      [
        ['Housing advice', '3', '75.0%'],
        ['No service given', '1', '25.0%'],
      ],
    );
  });

  test('column selects list the header by name, a blank header cell by its position, with the choice selected', () => {
    const items = columnItems(['Date', ' '], 1, 'No time column');
    assert.deepEqual(items, [
      { value: '', text: 'No time column', selected: false },
      { value: '0', text: 'Date', selected: false },
      { value: '1', text: 'column 2', selected: true },
    ]);
    const selects = mappingSelects(['Date'], {
      dateColumn: 0,
      timeColumn: null,
      dateFormat: 'YYYY-MM-DD',
      serviceColumn: null,
      locationColumn: null,
      locationKind: null,
    });
    assert.equal(selects.dateFormat.find((i) => i.selected)?.value, 'YYYY-MM-DD');
    assert.equal(selects.locationKind.find((i) => i.selected)?.value, '');
  });

  test('a guessed mapping is given to the form as it posts it, and reads back the same', () => {
    const columns = { dateColumn: 0, timeColumn: null, dateFormat: 'DD/MM/YYYY', serviceColumn: 2, locationColumn: 1 } as const;
    const guess = { ...columns, locationKind: 'postcode' } as const;
    const values = mappingValues(guess);
    const posted = { dateColumn: '0', timeColumn: '', dateFormat: 'DD/MM/YYYY', serviceColumn: '2', locationColumn: '1' };
    assert.deepEqual(values, { ...posted, locationKind: 'postcode' });
    assert.deepEqual(mappingForm.parse(values), guess);
  });

  test('the preview table has the line numbers and a cell for every column, even on a short row', () => {
    const table = previewTable({ header: ['Date', 'Service'], rows: [{ line: 2, fields: ['2019-01-01'] }] });
    assert.deepEqual(
      table.head.map((h) => h.text),
      ['Line', 'Date', 'Service'],
    );
    assert.deepEqual(
      table.rows[0]!.map((c) => c.text),
      ['2', '2019-01-01', ''],
    );
  });

  test('the list links each dataset by name (escaped) and says who imported it', () => {
    const [row] = datasetListRows([
      {
        id: 4,
        name: 'Visits <b>',
        file_name: 'v.csv',
        rows_accepted: 7896,
        rows_rejected: 3,
        imported_by_name: null,
        imported_at: new Date('2019-03-01T10:00:00Z'),
      },
    ]);
    assert.equal(row![0]!.html, '<a class="govuk-link" href="/service-usage/4">Visits &lt;b&gt;</a>');
    assert.deepEqual(
      row!.slice(1).map((c) => c.text),
      ['v.csv', '7,896', '3', 'Command line', '1 March 2019, 10:00am'],
    );
  });

  test('the rejected lines summary', () => {
    assert.equal(rejectionsSummary(0, 0), 'No lines were rejected.');
    assert.equal(rejectionsSummary(1, 1), '1 rejected line, by line number.');
    assert.equal(rejectionsSummary(100, 1500), 'The first 100 of 1,500 rejected lines, by line number.');
  });
});
