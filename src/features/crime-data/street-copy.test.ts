import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forceAreas, seededRandom, streetLines } from './synthetic-street-data.ts';
import { ByteLineReader, MAX_LINE_BYTES } from '../../platform/text/lines.ts';
import { parseStreetLine, STREET_HEADER } from './police-uk-format.ts';
import { RAW_LIMIT, StreetCopyBuilder } from './street-copy.ts';

const ID = 'c656b990527ef323f85f5b0ed10832599bf4fc2c5e453f7f3c95b6014e3ea7c0';
const row = (
  fields: Partial<{
    id: string;
    month: string;
    lon: string;
    lat: string;
    location: string;
    lsoa: string;
    type: string;
    outcome: string;
    context: string;
  }> = {},
) =>
  [
    fields.id ?? ID,
    fields.month ?? '2019-01',
    'Kent Police',
    'Kent Police',
    fields.lon ?? '0.967072',
    fields.lat ?? '51.256014',
    fields.location ?? 'On or near North Downs Close',
    fields.lsoa ?? 'E01023987',
    'Ashford 001B',
    fields.type ?? 'Burglary',
    fields.outcome ?? 'Under investigation',
    fields.context ?? '',
  ].join(',');

type Value = string | number | null | Value[];
type Kind = 'int4' | 'date' | 'text' | 'float8' | 'text[]' | 'int2[]' | 'int4[]';
const STREET_TYPES: Kind[] = [
  'int4',
  'int4',
  'date',
  'text',
  'text',
  'text',
  'text',
  'float8',
  'float8',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
];
const LSOA_MONTH_TYPES: Kind[] = [
  'int4',
  'date',
  'text',
  'text',
  'int2[]',
  'int4[]',
  'int2[]',
  'text[]',
  'int4[]',
  'text[]',
  'int2[]',
  'int4[]',
];
/** The element types of arrays, as pg_type.oid. */
const ELEMENT_OIDS = { 'text[]': 25, 'int2[]': 21, 'int4[]': 23 };

/** Reads PostgreSQL's binary COPY format back, as the database would. */
function decode(data: Buffer, kinds: Kind[]): Value[][] {
  assert.equal(data.toString('latin1', 0, 11), 'PGCOPY\n\xff\r\n\0', 'the binary COPY signature');
  let at = 19;
  const rows: Value[][] = [];
  for (;;) {
    const fields = data.readInt16BE(at);
    at += 2;
    if (fields === -1) break;
    assert.equal(fields, kinds.length);
    const values: Value[] = [];
    for (const kind of kinds) {
      const length = data.readInt32BE(at);
      at += 4;
      if (length === -1) {
        values.push(null);
        continue;
      }
      if (kind === 'text[]' || kind === 'int2[]' || kind === 'int4[]') values.push(decodeArray(data.subarray(at, at + length), kind));
      else if (kind === 'text') values.push(data.toString('utf8', at, at + length));
      else if (kind === 'float8') values.push(data.readDoubleBE(at));
      else if (kind === 'date') values.push(new Date(Date.UTC(2000, 0, 1 + data.readInt32BE(at))).toISOString().slice(0, 10));
      else values.push(data.readInt32BE(at));
      at += length;
    }
    rows.push(values);
  }
  assert.equal(at, data.length, 'nothing after the trailer');
  return rows;
}

/** A one-dimensional array value in the binary format (empty: no dimensions). */
function decodeArray(data: Buffer, kind: 'text[]' | 'int2[]' | 'int4[]'): Value[] {
  const dimensions = data.readInt32BE(0);
  assert.equal(data.readInt32BE(8), ELEMENT_OIDS[kind], 'the element type');
  if (dimensions === 0) {
    assert.equal(data.length, 12);
    return [];
  }
  assert.equal(dimensions, 1);
  const length = data.readInt32BE(12);
  assert.equal(data.readInt32BE(16), 1, 'lower bound 1');
  let at = 20;
  let nulls = false;
  const values: Value[] = [];
  for (let i = 0; i < length; i++) {
    const size = data.readInt32BE(at);
    at += 4;
    if (size === -1) {
      nulls = true;
      values.push(null);
      continue;
    }
    values.push(kind === 'text[]' ? data.toString('utf8', at, at + size) : kind === 'int2[]' ? data.readInt16BE(at) : data.readInt32BE(at));
    at += size;
  }
  assert.equal(data.readInt32BE(4), nulls ? 1 : 0, 'the has-nulls flag');
  assert.equal(at, data.length, 'nothing after the elements');
  return values;
}

function build(fileId: number, month: string, force: string, lines: string[]): StreetCopyBuilder {
  const b = new StreetCopyBuilder(fileId, month, force);
  lines.forEach((line, i) => {
    const bytes = Buffer.from(`x${line}y`, 'utf8');
    b.addLine(i + 2, bytes, 1, bytes.length - 1);
  });
  return b;
}

/** The row parseStreetLine() makes of a line, as street_crimes stores it (-0 is stored as 0). */
function expectedRow(fileId: number, lineNo: number, month: string, force: string, line: string): Value[] | string {
  const parsed = parseStreetLine(line);
  if (!parsed.ok) return parsed.reason;
  const r = parsed.row;
  if (r.month !== month) return `month ${r.month} does not match the file's month ${month}`;
  const number = (n: number | null) => (n === null ? null : n + 0);
  return [
    fileId,
    lineNo,
    `${month}-01`,
    force,
    r.crimeId,
    r.reportedBy,
    r.fallsWithin,
    number(r.longitude),
    number(r.latitude),
    r.location,
    r.lsoaCode,
    r.lsoaName,
    r.crimeType,
    r.outcome,
    r.context,
  ];
}

describe('binary COPY rows for street_crimes', () => {
  test('each accepted line becomes one row with its file, line, month and force; blanks are null', () => {
    const b = build(7, '2019-01', 'kent', [
      row(),
      row({ id: '', type: 'Anti-social behaviour', outcome: '', lon: '', lat: '', location: 'No Location', lsoa: '' }),
    ]);
    assert.equal(b.pendingRows, 2);
    assert.deepEqual(decode(b.takeRows(), STREET_TYPES), [
      [
        7,
        2,
        '2019-01-01',
        'kent',
        ID,
        'Kent Police',
        'Kent Police',
        0.967072,
        51.256014,
        'On or near North Downs Close',
        'E01023987',
        'Ashford 001B',
        'Burglary',
        'Under investigation',
        null,
      ],
      [
        7,
        3,
        '2019-01-01',
        'kent',
        null,
        'Kent Police',
        'Kent Police',
        null,
        null,
        null,
        null,
        'Ashford 001B',
        'Anti-social behaviour',
        null,
        null,
      ],
    ]);
    assert.deepEqual(decode(b.takeRows(), STREET_TYPES), [], 'taken rows are not given twice');
  });

  test('tabs, backslashes, quotes and accents in values are stored as they are', () => {
    const b = build(1, '2019-01', 'kent', [row({ location: '"On or near A\\B\tRoad, ""Ashford"""', context: 'Café' })]);
    const [stored] = decode(b.takeRows(), STREET_TYPES);
    assert.equal(stored![9], 'On or near A\\B\tRoad, "Ashford"');
    assert.equal(stored![14], 'Café');
  });

  test('rejected lines keep their line numbers and reasons; a row for another month is rejected; blank lines are not rows', () => {
    const b = build(1, '2019-01', 'kent', [row(), '', row({ month: '2019-02' }), 'not,a,row']);
    assert.equal(b.rows, 3);
    assert.equal(b.accepted, 1);
    assert.equal(b.rejected, 2);
    assert.deepEqual(
      b.firstRejections.map((r) => [r.line, r.reason]),
      [
        [4, "month 2019-02 does not match the file's month 2019-01"],
        [5, 'wrong number of columns: 3, expected 12'],
      ],
    );
    assert.equal(
      b.takeRejections(9, 'a\tb.csv'),
      `9\ta\\tb.csv\t4\tmonth 2019-02 does not match the file's month 2019-01\t${row({ month: '2019-02' })}\n` +
        '9\ta\\tb.csv\t5\twrong number of columns: 3, expected 12\tnot,a,row\n',
    );
  });

  test(`each LSOA's crimes by type, outcome and location, summed as rows arrive, in LSOA order (no LSOA as ""), with force totals`, () => {
    const b = build(3, '2019-01', 'kent', [
      row({ lsoa: 'W01000002' }),
      row(),
      row({ outcome: 'Investigation complete; no suspect identified' }),
      row({ type: 'Drugs', location: 'On or near Café Row' }),
      row({ lsoa: '', location: 'No Location' }),
      row({ type: ' drugs ', outcome: '' }),
      row({ type: 'Anti-social behaviour', outcome: '', location: 'On or near Ashford Road' }),
    ]);
    assert.throws(() => b.lsoaMonthRows(), /rows not yet taken/);
    assert.equal(decode(b.takeRows(), STREET_TYPES).length, 7);
    const near = 'On or near North Downs Close';
    // Crime types by their numbers (crime_types.id): 1 anti-social behaviour, 3 burglary, 5 drugs.
    assert.deepEqual(decode(b.lsoaMonthRows()!, LSOA_MONTH_TYPES), [
      [3, '2019-01-01', 'kent', '', [3], [1], [3], ['Under investigation'], [1], [], [], []],
      [
        3,
        '2019-01-01',
        'kent',
        'E01023987',
        [1, 3, 5],
        [1, 2, 2],
        [1, 3, 3, 5, 5],
        [null, 'Under investigation', 'Investigation complete; no suspect identified', null, 'Under investigation'],
        [1, 1, 1, 1, 1],
        [near, near, 'On or near Café Row', 'On or near Ashford Road'],
        [3, 5, 5, 1],
        [2, 1, 1, 1],
      ],
      [3, '2019-01-01', 'kent', 'W01000002', [3], [1], [3], ['Under investigation'], [1], [near], [3], [1]],
    ]);
    assert.deepEqual(decode(b.forceCountRows()!, ['int4', 'date', 'text', 'text', 'int4']), [
      [3, '2019-01-01', 'kent', 'Anti-social behaviour', 1],
      [3, '2019-01-01', 'kent', 'Burglary', 4],
      [3, '2019-01-01', 'kent', 'Drugs', 2],
    ]);
    assert.equal(new StreetCopyBuilder(1, '2019-01', 'kent').lsoaMonthRows(), null, 'nothing without rows');
    assert.equal(new StreetCopyBuilder(1, '2019-01', 'kent').forceCountRows(), null, 'no totals without rows');
  });

  test('the next file after a release starts clean', () => {
    const first = build(1, '2019-01', 'kent', [row(), row()]);
    first.takeRows();
    first.lsoaMonthRows();
    first.release();
    const next = build(2, '2019-02', 'essex', [row({ month: '2019-02' })]);
    assert.deepEqual(
      decode(next.takeRows(), STREET_TYPES).map((r) => r.slice(0, 4)),
      [[2, 2, '2019-02-01', 'essex']],
    );
  });

  test(
    'read from bytes, a line with a NUL byte, bytes that are not UTF-8 or more than 1 MiB is rejected with its reason; the others ' +
      'are stored as parseStreetLine() reads them',
    () => {
      const utf8 = Buffer.concat([Buffer.from(row({ context: 'Ynys M' })), Buffer.from([0xf4, 0x6e])]);
      const lines: [Buffer, string | null][] = [
        [Buffer.from(STREET_HEADER.join(',')), null],
        [Buffer.from(row()), null],
        [Buffer.from(row({ context: 'a\u0000b' })), 'the line contains a NUL byte'],
        [Buffer.from(row({ context: 'Ynys Môn' })), null],
        [utf8, `the line is not valid UTF-8 at byte ${utf8.length - 1}`],
        [Buffer.from(row({ id: '', type: 'Anti-social behaviour', outcome: '' })), null],
        [Buffer.from(row({ context: 'x'.repeat(MAX_LINE_BYTES) })), 'the line is longer than 1,048,576 bytes'],
        [Buffer.from(row({ location: '"On or near Station Road, Ashford"' })), null],
      ];
      const bytes = Buffer.concat(lines.flatMap(([line]) => [line, Buffer.from('\n')]));
      for (const size of [4096, 1024 * 1024]) {
        const reader = new ByteLineReader();
        const b = new StreetCopyBuilder(5, '2019-01', 'kent');
        const take = () => {
          while (reader.next()) if (reader.line > 1) b.add(reader);
        };
        for (let i = 0; i < bytes.length; i += size) {
          reader.push(bytes.subarray(i, i + size));
          take();
        }
        reader.finish();
        take();
        const good = lines.flatMap(([line, reason], i) =>
          reason === null && i > 0 ? [expectedRow(5, i + 1, '2019-01', 'kent', line.toString())] : [],
        );
        assert.deepEqual(decode(b.takeRows(), STREET_TYPES), good, `pieces of ${size}`);
        assert.deepEqual(
          b.firstRejections.map((r) => [r.line, r.reason]),
          lines.flatMap(([, reason], i) => (reason === null ? [] : [[i + 1, reason]])),
        );
        for (const r of b.firstRejections) assert.ok(r.raw.length <= RAW_LIMIT && !r.raw.includes('\u0000') && r.raw.startsWith(ID), r.raw);
        assert.deepEqual([b.rows, b.accepted, b.rejected], [7, 4, 3]);
      }
    },
  );

  test('every line is stored or rejected exactly as parseStreetLine() reads it', () => {
    const variants = [
      row(),
      row({ id: ID.toUpperCase() }),
      row({ id: `${ID}0` }),
      row({ id: ID.replace('c', 'g') }),
      row({ month: '2019-1' }),
      row({ month: ' 2019-01' }),
      row({ month: '2019-13' }),
      row({ lon: '-0.000000', lat: '51.5' }),
      row({ lon: '-8.7', lat: '49.8' }),
      row({ lon: '1.9', lat: '60.9' }),
      row({ lon: '-8.7000001', lat: '51' }),
      row({ lon: '1.90000000000001', lat: '51' }),
      row({ lon: '0.1234567890123456', lat: '51.1' }),
      row({ lon: '+0.5', lat: '51.5' }),
      row({ lon: '.5', lat: '51.5' }),
      row({ lon: '5.', lat: '51.5' }),
      row({ lon: '1e-1', lat: '51.5' }),
      row({ lon: '0x1', lat: '51.5' }),
      row({ lon: '00.50', lat: '051.500' }),
      row({ lon: ' 0.5', lat: '51.5 ' }),
      row({ lon: 'east', lat: '51.5' }),
      row({ lon: '', lat: '51.5' }),
      row({ lon: '-', lat: '51.5' }),
      row({ lon: '0', lat: '0' }),
      row({ location: 'No Location' }),
      row({ location: '' }),
      row({ lon: '', lat: '', location: '', lsoa: '' }),
      row({ location: 'no location' }),
      row({ location: 'NO LOCATION' }),
      row({ location: ' No location ' }),
      row({ location: 'No Locations' }),
      row({ location: ' On or near High Street ' }),
      row({ location: 'On or near "High" Street' }),
      row({ lsoa: 'E0102398' }),
      row({ lsoa: 'S01000001' }),
      row({ lsoa: 'W01000001' }),
      row({ lsoa: 'E11023987' }),
      row({ lsoa: 'E0102398X' }),
      row({ type: 'Anti-social behaviour', id: '', outcome: '' }),
      row({ type: 'VIOLENCE  AND SEXUAL OFFENCES' }),
      row({ type: 'Public disorder and weapons' }),
      row({ type: 'Jaywalking' }),
      row({ type: '' }),
      row({ outcome: 'Offender given penalty notice' }),
      row({ outcome: 'under investigation' }),
      row({ outcome: 'Something new' }),
      row({ outcome: 'Local  resolution' }),
      row({ context: 'Recorded at a station' }),
      row({ context: 'a\u0000b' }),
      row({ context: 'Ynys Môn' }),
      row({ context: ' ' }),
      row({ context: '\u00a0x' }),
      row({ location: 'On or near A\\B Road' }),
      row({ context: 'a,b' }),
      ...Array.from({ length: 11 }, (_, k) =>
        row()
          .split(',')
          .slice(0, k + 1)
          .join(','),
      ),
      ...Array.from({ length: 11 }, (_, k) =>
        row({ id: '', lon: '', lat: '', lsoa: '', outcome: '' })
          .split(',')
          .slice(0, k + 1)
          .join(','),
      ),
      `${row()},extra`,
      row().split(',').slice(0, 11).join(','),
      '\r',
      ',,,,,,,,,,,',
    ];
    const area = forceAreas(1)[0]!;
    const synthetic = streetLines(area, '2019-01', 3000, seededRandom(5), 300).lines;
    const lines = [...variants, ...synthetic];
    const b = build(4, '2019-01', 'avon-and-somerset', lines);
    const rows = decode(b.takeRows(), STREET_TYPES);
    const reasons = new Map(b.firstRejections.map((r) => [r.line, r.reason]));
    let next = 0;
    lines.forEach((line, i) => {
      const lineNo = i + 2;
      if (line === '') return assert.equal(reasons.get(lineNo), undefined, 'a blank line is not a row');
      const expected = expectedRow(4, lineNo, '2019-01', 'avon-and-somerset', line);
      if (typeof expected === 'string') assert.equal(reasons.get(lineNo), expected, `line ${lineNo}: ${line}`);
      else {
        assert.deepEqual(rows[next], expected, `line ${lineNo}: ${line}`);
        assert.ok(!Object.is(rows[next]![7], -0), 'no negative zero');
        next++;
      }
    });
    assert.equal(next, rows.length);
    assert.equal(b.accepted + b.rejected, b.rows);
    assert.ok(b.rejected >= 20 && b.accepted > 3000, `${b.accepted} accepted, ${b.rejected} rejected`);
  });
});
