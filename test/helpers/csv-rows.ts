import assert from 'node:assert/strict';

/**
 * Makes a CSV line of a file with `header` from `fields` (a value for every column), with any field
 * replaced: `rowMaker(HEADER, fields)({ Month: '2019-13' })`.
 */
export const rowMaker =
  <Column extends string>(header: readonly Column[], fields: Record<Column, string>) =>
  (change: Partial<Record<Column, string>> = {}): string => {
    const all: Record<Column, string> = { ...fields, ...change };
    return header.map((h) => all[h]).join(',');
  };

/** The reason `parse` gives for rejecting a line (failing the test if it accepts it). */
export const rejectionReason =
  (parse: (text: string) => { ok: true } | { ok: false; reason: string }) =>
  (text: string): string => {
    const r = parse(text);
    assert.ok(!r.ok, text);
    return r.reason;
  };
