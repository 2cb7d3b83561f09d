import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docxDocumentXml, docxText, pdfText, zipEntries } from '../../features/plans/document-text.ts';
import { docxFile } from './docx.ts';
import * as part from './parts.ts';
import { pdfFile } from './pdf.ts';

const drawing = (width: number) => ({
  svg:
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} 120" width="${width}" height="120">` +
    '<text x="10" y="60">Drawn text</text></svg>',
  width,
  height: 120,
  title: 'A drawing',
  description: 'What the drawing shows',
});

/** A document with one of each part, its middle section on landscape pages if its figure is too wide. */
const sample = (figureWidth: number): part.DocumentFile => ({
  meta: { title: 'Sample report', author: 'Safer Testshire Partnership' },
  sections: [
    {
      parts: [
        part.titlePage({ caption: 'Safer Testshire Partnership', title: 'Sample report', subtitle: 'Made for the tests' }),
        part.contents(['First chapter', 'Second chapter']),
        part.heading('First chapter', 1, { pageBreak: true }),
        ...part.text([
          { kind: 'paragraph', text: 'An opening paragraph.' },
          { kind: 'list', items: ['one point', 'another point'] },
        ]),
        part.list(['First priority', 'Second priority'], { numbered: true }),
        part.definition('ASB', 'Anti-social behaviour'),
        part.paragraph('A note under it.', 'note'),
      ],
    },
    {
      landscapeIfWide: true,
      parts: [
        part.heading('Second chapter', 1),
        part.figure(drawing(figureWidth)),
        part.table({
          head: ['Area', 'Crimes'],
          rows: [
            ['North', '1,204'],
            ['South', []],
          ],
          numeric: [false, true],
          emptyCell: 'None',
        }),
      ],
    },
  ],
});

describe('the documents’ parts', () => {
  test('Word: every part, a numbered list, the header row repeated, figures right-aligned, an empty cell saying so', async () => {
    const files = await zipEntries(await docxFile(sample(300)));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    for (const words of [
      'Safer Testshire Partnership Sample report Made for the tests Contents 1. First chapter 2. Second chapter First chapter',
      'An opening paragraph. one point another point First priority Second priority ASB: Anti-social behaviour A note under it.',
      'Second chapter Area Crimes North 1,204 South None',
    ]) {
      assert.ok(text.includes(words), words);
    }
    assert.match(xml, /<w:tblHeader\/>/);
    const crimes = xml.slice(xml.indexOf('>Crimes<') - 400, xml.indexOf('>Crimes<'));
    assert.match(crimes, /<w:jc w:val="right"\/>/, 'a column of figures is right-aligned');
    assert.match(xml, /<wp:docPr [^>]*descr="What the drawing shows"/);
    assert.match(files.get('word/numbering.xml')!.toString('utf8'), /<w:numFmt w:val="decimal"\/>/);
    assert.doesNotMatch(xml, /w:orient="landscape"/, 'a narrow figure stays on portrait pages');
  });

  test('Word and PDF: a section whose figure is too wide for a portrait page goes on landscape pages', async () => {
    const xml = await docxDocumentXml(await docxFile(sample(900)));
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    assert.equal(sections.length, 2);
    assert.doesNotMatch(sections[0]!, /w:orient="landscape"/);
    assert.match(sections[1]!, /w:orient="landscape"/);

    const landscapePages = async (width: number) => {
      const pdf = (await pdfFile(sample(width), { compress: false })).toString('latin1');
      return [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].filter((m) => Number(m[1]) > Number(m[2])).length;
    };
    assert.equal(await landscapePages(900), 1);
    assert.equal(await landscapePages(300), 0);
  });

  test('PDF: every part, the drawing’s own text, and the title and page number in each footer', async () => {
    const pdf = await pdfFile(sample(300), { compress: false });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    for (const words of [
      'Safer Testshire Partnership Sample report Made for the tests',
      'Contents 1. First chapter 2. Second chapter',
      'An opening paragraph.',
      'one point',
      'ASB: Anti-social behaviour',
      'Drawn text',
      'Area Crimes North 1,204 South None',
      'Sample report: page 4 of 4',
    ]) {
      assert.ok(text.includes(words), words);
    }
  });
});
