import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { areaWeight, generateVisitsCsv, readHomeAreas, seededRandom, SYNTHETIC_VISITS_FILE } from './synthetic-visits.ts';

const openData = path.resolve(import.meta.dirname, '../../../open-data');

describe('the synthetic one-stop-shop visits', () => {
  const areas = readHomeAreas(openData);
  const text = generateVisitsCsv(areas);
  const rows = text
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
  const good = rows.filter((r) => /^\d\d\/\d\d\/\d{4}$/.test(r[0]!) && r[0] !== '31/06/2017' && /^(E01\d{6})?$/.test(r[3]!));
  const when = (r: string[]) => {
    const [d, m, y] = r[0]!.split('/').map(Number) as [number, number, number];
    const [hh, mm] = r[1]!.split(':').map(Number) as [number, number];
    return new Date(Date.UTC(y, m - 1, d, hh, mm));
  };

  test('the committed file is exactly what the generator makes from the open data', () => {
    assert.equal(readFileSync(path.join(openData, SYNTHETIC_VISITS_FILE), 'utf8'), text);
    assert.equal(generateVisitsCsv(areas), text, 'the same seed gives the same file');
    assert.notEqual(generateVisitsCsv(areas, 7), text, 'another seed gives another file');
  });

  test('the seeded generator is mulberry32', () => {
    const random = seededRandom(1);
    assert.deepEqual(
      [random(), random()].map((n) => n.toFixed(6)),
      ['0.627074', '0.002736'],
    );
  });

  test('home areas are the 95 real Maidstone LSOAs, town ones weighted above rural ones', () => {
    assert.equal(areas.length, 95);
    assert.ok(areas.every((a) => /^E01\d{6}$/.test(a.code)));
    const mean = (cls: string) => {
      const ws = areas.filter((a) => a.ruralUrban === cls).map(areaWeight);
      return ws.reduce((s, w) => s + w, 0) / ws.length;
    };
    assert.ok(mean('C1') > 2 * mean('D1') && mean('D1') > mean('E1'));
    const visitsOf = new Map<string, number>();
    for (const r of good) visitsOf.set(r[3]!, (visitsOf.get(r[3]!) ?? 0) + 1);
    const perArea = (cls: string) => {
      const codes = areas.filter((a) => a.ruralUrban === cls).map((a) => a.code);
      return codes.reduce((s, c) => s + (visitsOf.get(c) ?? 0), 0) / codes.length;
    };
    assert.ok(perArea('C1') > 3 * perArea('E1'), `urban ${perArea('C1')} per LSOA, rural village ${perArea('E1')}`);
  });

  test('24 months from March 2017, 250 to 400 visits each', () => {
    const months = new Map<string, number>();
    for (const r of good) {
      const month = r[0]!.slice(6) + '-' + r[0]!.slice(3, 5);
      months.set(month, (months.get(month) ?? 0) + 1);
    }
    assert.deepEqual([...months.keys()][0], '2017-03');
    assert.deepEqual([...months.keys()].at(-1), '2019-02');
    assert.equal(months.size, 24);
    for (const [month, n] of months) assert.ok(n >= 250 && n <= 400, `${month}: ${n}`);
  });

  test('weekday daytime: Monday to Friday 9am to 5pm, Saturday mornings only and few, never Sunday', () => {
    const byDay = [0, 0, 0, 0, 0, 0, 0];
    for (const r of good) {
      const t = when(r);
      byDay[t.getUTCDay()]!++;
      const hour = t.getUTCHours();
      if (t.getUTCDay() === 6) assert.ok(hour >= 9 && hour < 12, r.join(','));
      else assert.ok(hour >= 9 && hour < 17, r.join(','));
    }
    assert.equal(byDay[0], 0);
    assert.ok(byDay[6]! < byDay[1]! / 3);
    assert.equal(rows.filter((r) => r[0] === '25/12/2017' || r[0] === '25/12/2018').length, 0, 'closed on Christmas Day');
  });

  test('six services, and exactly three deliberate mistakes', () => {
    assert.deepEqual(
      new Set(good.map((r) => r[2])),
      new Set([
        'Housing advice',
        'Employment and benefits',
        'Domestic abuse support',
        'Victim support',
        'Substance misuse',
        'Legal advice',
      ]),
    );
    assert.equal(rows.length - good.length, 3);
  });
});
