import { inflateSync } from 'node:zlib';

/**
 * The PDF with every Flate-compressed stream replaced by its inflated bytes (latin1 throughout).
 * Each stream is cut by the /Length of its dictionary, so compressed bytes that end in a carriage
 * return (which looks like the line end before "endstream") are kept whole.
 */
function inflateStreams(source: string): string {
  const out: string[] = [];
  let from = 0;
  for (const m of source.matchAll(/<<((?:[^<>]|<<[^<>]*>>)*)>>\s*stream\r?\n/g)) {
    const length = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(m[1]!);
    if (!length || !m[1]!.includes('/FlateDecode') || m.index < from) continue;
    const start = m.index + m[0].length;
    const end = start + Number(length[1]);
    let body = source.slice(start, end);
    try {
      body = inflateSync(Buffer.from(body, 'latin1')).toString('latin1');
    } catch {
      // Not Flate after all: leave the bytes as they are.
    }
    out.push(source.slice(from, start), body);
    from = end;
  }
  out.push(source.slice(from));
  return out.join('');
}

/**
 * The text of a PDF made by pdfmake (PDFKit), compressed or not, for tests, without pdftotext: each
 * font's ToUnicode map turns the glyph ids of TJ and Tj operators back into characters. Pieces are
 * joined with spaces and runs of white space collapsed, so wrapped headings still read whole.
 */
export function pdfText(pdf: Buffer): string {
  const source = inflateStreams(pdf.toString('latin1'));
  const objects = new Map<string, string>();
  for (const m of source.matchAll(/(\d+) 0 obj\b([\s\S]*?)endobj/g)) objects.set(m[1]!, m[2]!);

  const cmaps = new Map<string, Map<number, string>>();
  const unicodeOf = (hex: string) =>
    (hex.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((h) => String.fromCharCode(parseInt(h, 16))).join('');
  const cmapFor = (objectNumber: string): Map<number, string> => {
    const cached = cmaps.get(objectNumber);
    if (cached) return cached;
    const map = new Map<number, string>();
    const body = objects.get(objectNumber) ?? '';
    for (const range of body.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*\[([^\]]*)\]/g)) {
      const start = parseInt(range[1]!, 16);
      [...range[3]!.matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((u, i) => map.set(start + i, unicodeOf(u[1]!)));
    }
    for (const section of body.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const pair of section[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g))
        map.set(parseInt(pair[1]!, 16), unicodeOf(pair[2]!));
    }
    cmaps.set(objectNumber, map);
    return map;
  };

  // Font resource names (/F1) to the ToUnicode map of the font object they name.
  const fonts = new Map<string, Map<number, string>>();
  for (const m of source.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(objects.get(m[2]!) ?? '');
    if (toUnicode) fonts.set(m[1]!, cmapFor(toUnicode[1]!));
  }

  const lines: string[] = [];
  for (const stream of source.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
    let font = new Map<number, string>();
    for (const op of stream[1]!.matchAll(/\/(F\d+) [\d.]+ Tf|\[((?:[^\]])*)\] TJ|<([0-9a-fA-F]*)> Tj/g)) {
      if (op[1]) {
        font = fonts.get(op[1]) ?? new Map();
        continue;
      }
      const hexes = op[2] !== undefined ? [...op[2].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]!) : [op[3]!];
      lines.push(hexes.map((hex) => (hex.match(/.{4}/g) ?? []).map((g) => font.get(parseInt(g, 16)) ?? '').join('')).join(''));
    }
  }
  // pdfmake writes a hyphenated word as two pieces: join those without a space.
  return lines.reduce((text, line) => (text === '' || text.endsWith('-') ? text + line : `${text} ${line}`), '').replace(/\s+/g, ' ');
}

/** Every file inside a zip (a .docx or .xlsx), by name, for tests; throws if it is not a valid zip. */
export async function zipEntries(zipFile: Buffer): Promise<Map<string, Buffer>> {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(zipFile, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: { fileName: string }) => {
        zip.openReadStream(entry as Parameters<typeof zip.openReadStream>[0], (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
          stream.on('error', reject);
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** The XML of word/document.xml inside a .docx, for tests; throws if the file is not a valid zip or has none. */
export async function docxDocumentXml(docx: Buffer): Promise<string> {
  const xml = (await zipEntries(docx)).get('word/document.xml');
  if (!xml) throw new Error('no word/document.xml in the file');
  return xml.toString('utf8');
}

/** The visible text of a .docx's document.xml: the w:t runs, joined. */
export function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) =>
      m[1]!
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'")
        .replace(/&amp;/g, '&'),
    )
    .join(' ')
    .replace(/\s+/g, ' ');
}
