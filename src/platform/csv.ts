/** CSV lines as the open data files write them. */

export type SplitResult = string[] | { error: string };

/**
 * Splits one CSV line. The common case (no quotes) is a plain split; a line with quotes takes the
 * RFC 4180 path, where a quote inside a quoted field is doubled. A record is one physical line:
 * a quote left open at the end of the line is malformed.
 */
export function splitCsvLine(line: string): SplitResult {
  if (!line.includes('"')) return line.split(',');
  const fields: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    if (i < n && line.charCodeAt(i) === 34) {
      let value = '';
      i++;
      for (;;) {
        const q = line.indexOf('"', i);
        if (q < 0) return { error: 'malformed quoting: a quoted field is not closed' };
        value += line.slice(i, q);
        if (line.charCodeAt(q + 1) === 34) {
          value += '"';
          i = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
      if (i < n && line.charCodeAt(i) !== 44) return { error: 'malformed quoting: text after a closing quote' };
      fields.push(value);
    } else {
      const comma = line.indexOf(',', i);
      const end = comma < 0 ? n : comma;
      const value = line.slice(i, end);
      if (value.includes('"')) return { error: 'malformed quoting: a quote inside an unquoted field' };
      fields.push(value);
      i = end;
    }
    if (i >= n) return fields;
    i++; // the comma
    if (i === n) {
      fields.push('');
      return fields;
    }
  }
}
