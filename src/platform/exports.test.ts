import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertEachCase } from '../../test/helpers/cases.ts';
import ExcelJS from 'exceljs';
import { csvCell, exportFile, exportLinks, sheetName, tableCsv, tableXlsx, type ExportTable } from './exports.ts';

const table: ExportTable = {
  fileName: 'Glossary & terms',
  title: 'Glossary: terms [and] acronyms / abbreviations used by the partnership',
  headers: ['Term', 'Meaning', 'Count'],
  rows: [
    ['ASB', 'Anti-social behaviour, in "plain" words', 3],
    ['=HYPERLINK("http://evil.example")', '+1 -1 @SUM(A1)', -2],
    ['Two\nlines', null, 0],
  ],
};

describe('downloads of a list as CSV and XLSX', () => {
  test('a CSV cell is quoted when it must be, and text never runs as a formula', () => {
    assertEachCase(csvCell, [
      ['plain', 'plain'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['two\r\nlines', '"two\r\nlines"'],
      [' padded', '" padded"'],
    ]);
    for (const formula of ['=1+1', '+1', '-1', '@SUM(A1)', '\tTab'])
      assert.equal(csvCell(formula)[0] === '"' ? csvCell(formula)[1] : csvCell(formula)[0], "'", formula);
    assert.equal(csvCell(-5), '-5', 'numbers stay numbers');
    assert.equal(csvCell(null), '');
  });

  test('the CSV has a header row, then a line per row, with CRLF line ends', () => {
    assert.equal(
      tableCsv(table),
      'Term,Meaning,Count\r\nASB,"Anti-social behaviour, in ""plain"" words",3\r\n"\'=HYPERLINK(""http://evil.example"")",\'+1 -1 ' +
        '@SUM(A1),-2\r\n"Two\nlines",,0\r\n',
    );
  });

  test('the CSV file starts with a byte order mark for Excel; names are safe', async () => {
    const file = await exportFile(table, 'csv');
    assert.equal(file.fileName, 'glossary-terms.csv');
    assert.equal(file.contentType, 'text/csv; charset=utf-8');
    assert.deepEqual([...file.body.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    assert.equal((await exportFile({ ...table, fileName: '***' }, 'xlsx')).fileName, 'download.xlsx');
    assert.equal(sheetName(table.title), 'Glossary terms and acronyms abb', 'at most 31 characters, none of []:*?/\\');
  });

  test('the XLSX has the title, bold frozen headers and the rows as values, never formulas', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await tableXlsx(table)) as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    assert.equal(sheet.getCell('A1').value, table.title);
    assert.deepEqual(
      [1, 2, 3].map((c) => sheet.getRow(2).getCell(c).value),
      ['Term', 'Meaning', 'Count'],
    );
    assert.equal(sheet.getRow(2).font?.bold, true);
    assert.equal(sheet.views[0]?.state, 'frozen');
    assert.equal(sheet.getCell('A4').value, '=HYPERLINK("http://evil.example")', 'kept as text');
    assert.equal(sheet.getCell('A4').type, ExcelJS.ValueType.String);
    assert.equal(sheet.getCell('C4').value, -2);
    assert.equal(sheet.getCell('B5').value, null);
  });

  test('the links under a list name it for screen readers and keep its filters', () => {
    assert.deepEqual(
      exportLinks((f) => `/actions/export.${f}`, 'these actions', '?show=mine'),
      {
        csv: '/actions/export.csv?show=mine',
        xlsx: '/actions/export.xlsx?show=mine',
        what: 'these actions',
      },
    );
  });
});
