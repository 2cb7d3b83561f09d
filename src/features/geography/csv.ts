/**
 * Reading the ONS and MHCLG CSV files the geography import takes: optionally gzipped, UTF-8 with a
 * byte-order mark, CRLF or LF line ends, quoted fields that may hold commas ("29,199"), numbers with
 * thousands separators, and sometimes a trailing "Grand Total" row. Pure functions apart from
 * readText().
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

const gunzipAsync = promisify(gunzip);

/** The text of a file as UTF-8, gunzipped when it starts with the gzip magic bytes, without a byte-order mark. */
export async function readText(file: string): Promise<string> {
  const bytes = await readFile(file);
  const plain = bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b ? await gunzipAsync(bytes) : bytes;
  return stripBom(plain.toString('utf8'));
}

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export interface CsvLine {
  /** 1-based line number in the file, as an editor shows it. */
  line: number;
  text: string;
}

/** The lines of a text, numbered from 1, with CR removed; a final empty line (after the last newline) is left out. */
export function* csvLines(text: string): Generator<CsvLine> {
  let start = 0;
  let line = 0;
  const n = text.length;
  while (start < n) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? n : nl;
    line++;
    yield { line, text: text.charCodeAt(end - 1) === 13 && end > start ? text.slice(start, end - 1) : text.slice(start, end) };
    start = end + 1;
  }
}

/**
 * A whole number written with or without thousands separators ("29,199", "29199", " 1 954 " is not):
 * the number, or null when the text is not one.
 */
export function parseCount(raw: string): number | null {
  const text = raw.trim();
  if (!/^(\d{1,3}(,\d{3})+|\d+)$/.test(text)) return null;
  const value = Number(text.replaceAll(',', ''));
  return Number.isSafeInteger(value) ? value : null;
}

/** A summary row such as "Grand Total,1893691" that some ONS extracts end with. */
export function isTotalRow(fields: readonly string[]): boolean {
  return /^(grand )?total$/i.test((fields[0] ?? '').trim());
}

/** A header cell normalised for matching: lower case, single spaces, no surrounding space. */
export function normaliseHeader(cell: string): string {
  return cell.trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * Finds each wanted column in a header by the start of its normalised name (so "Crime Rank" finds
 * "Crime Rank (where 1 is most deprived)"). Returns the indexes, or the names that are missing.
 */
export function findColumns<K extends string>(
  header: readonly string[],
  wanted: Record<K, readonly string[]>,
): { ok: true; index: Record<K, number> } | { ok: false; missing: string[] } {
  const cells = header.map(normaliseHeader);
  const index = {} as Record<K, number>;
  const missing: string[] = [];
  for (const key of Object.keys(wanted) as K[]) {
    const names = wanted[key];
    const found = cells.findIndex((cell) =>
      names.some((name) => {
        const n = normaliseHeader(name);
        return cell === n || cell.startsWith(`${n} `);
      }),
    );
    if (found < 0) missing.push(names[0]!);
    else index[key] = found;
  }
  return missing.length > 0 ? { ok: false, missing } : { ok: true, index };
}
