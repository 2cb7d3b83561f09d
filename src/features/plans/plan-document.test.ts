import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertIncludesAll } from '../../../test/helpers/text.ts';
import { docxDocumentXml, docxText, pdfText, zipEntries } from './document-text.ts';
import { documentFileName, documentHtml, periodLabel, textBlocks } from './plan-document.ts';
import { documentDocx } from './plan-document-docx.ts';
import { documentPdf } from './plan-document-pdf.ts';
import { sampleDocument as doc, wideDocument } from './plan-document-fixture.ts';

describe('the published plan', () => {
  test('periods are written as on a cover', () => {
    assert.equal(periodLabel(2019, 2022), '2019-22');
    assert.equal(periodLabel(2021, 2021), '2021');
    assert.equal(periodLabel(1999, 2002), '1999-2002');
  });

  test('text becomes paragraphs and bulleted lists', () => {
    assert.deepEqual(textBlocks('First line\nsame paragraph\n\n- one\n• two\nAfter'), [
      { kind: 'paragraph', text: 'First line same paragraph' },
      { kind: 'list', items: ['one', 'two'] },
      { kind: 'paragraph', text: 'After' },
    ]);
  });

  test('HTML: a standalone page with the title page, contents, every priority, governance, appendices and glossary', () => {
    const html = documentHtml(doc, { styleNonce: 'abc123' });
    assert.match(html, /^<!DOCTYPE html>/);
    assert.match(html, /<html lang="en-GB">/);
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /<h1>Testshire Community Safety Plan<\/h1>/);
    assert.match(html, /Where people feel safe &amp; are safe/);
    assert.match(html, /<h2 id="contents">Contents<\/h2>/);
    assertIncludesAll(
      html,
      doc.priorities.map((p) => p.title),
    );
    assert.match(html, /<abbr title="Organised crime group">OCG<\/abbr> activity harms people/);
    assert.ok(html.includes('Two &lt;b&gt;'), 'text is escaped');
    assert.ok(!html.includes('Two <b>'));
    assert.match(html, /<h3>Sub-groups<\/h3>\s*<dl>\s*<dt>Serious Organised Crime Panel<\/dt><dd>Disrupts OCGs.<\/dd>/);
    assert.match(
      html,
      new RegExp(
        /<th scope="row">Tackling serious and organised crime<\/th>/.source +
          /<td><ul class="govuk-list"><li>Serious and organised crime<\/li><\/ul><\/td>/.source +
          /<td><ul class="govuk-list"><li>Tackle violent and organised crime/.source,
      ),
    );
    assert.match(html, /<th scope="row">Reducing domestic abuse<\/th><td><p>None<\/p><\/td>/);
    assert.match(html, /<dt>OCG<\/dt><dd>Organised crime group<\/dd>/);
    assert.equal(documentFileName(doc, 'pdf'), 'testshire-community-safety-plan-2019-22.pdf');
  });

  test('HTML: the governance chapter has the structure diagram and its table of who reports to whom', () => {
    const html = documentHtml(doc);
    const governance = html.slice(html.indexOf('<h2 id="governance">'), html.indexOf('<h2 id="appendix-1">'));
    assert.match(governance, /<figure class="diagram"><svg [^>]*role="img" aria-labelledby="structure-title structure-desc"/);
    assert.match(governance, /<title id="structure-title">How the partnership is organised<\/title>/);
    assert.match(governance, /<caption class="caption">Who reports to whom<\/caption>/);
    assert.match(governance, /<th scope="row">Serious Organised Crime Panel<\/th><td>Sub-group<\/td><td>Executive Group<\/td>/);
    assert.match(governance, /<th scope="row">Executive Group<\/th><td>Executive group<\/td><td>None<\/td>/);
    const none = documentHtml({ ...doc, bodies: [] });
    assert.ok(!none.includes('<figure'), 'no diagram without bodies');
    assert.match(none, /The partnership has not recorded its governance bodies yet/);
  });

  test('DOCX: a valid zip whose document has every priority title, the governance and the glossary', async () => {
    const docx = await documentDocx(doc);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    const text = docxText(await docxDocumentXml(docx));
    assertIncludesAll(text, [
      ...doc.priorities.map((p) => p.title),
      'Testshire Community Safety Plan',
      'Contents',
      'Welcome',
      'Two <b>',
      'Serious Organised Crime Panel',
      'Organised crime group',
      'Prevent duty',
    ]);
  });

  test('DOCX: the governance chapter has the structure diagram as an SVG with a PNG, described, and its table', async () => {
    const files = await zipEntries(await documentDocx(doc));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    const governance = xml.slice(xml.indexOf('>Governance<'), xml.indexOf('>Appendix 1:'));
    assert.match(governance, /<w:drawing>/, 'a drawing in the governance chapter');
    assert.match(
      governance,
      new RegExp(
        /<wp:docPr [^>]*descr="Executive Group \(executive group\)\. /.source +
          /Serious Organised Crime Panel \(sub-group\) reports to Executive Group\."/.source,
      ),
    );
    assert.match(governance, /title="How the partnership is organised"/);
    assert.match(governance, /asvg:svgBlip/, 'the SVG itself, for Word processors that show SVG');
    const media = [...files.keys()].filter((name) => name.startsWith('word/media/'));
    const png = media.map((name) => files.get(name)!).find((b) => b.subarray(1, 4).toString('latin1') === 'PNG');
    const svg = media.map((name) => files.get(name)!.toString('utf8')).find((t) => t.startsWith('<svg'));
    assert.ok(png, `a PNG of the diagram in ${media.join(', ')}`);
    assert.ok(png.readUInt32BE(16) > 400, 'the PNG is drawn at twice the size, for print');
    assert.ok(svg?.includes('Serious Organised Crime Panel'), 'the SVG names the bodies');
    assert.match(
      text,
      new RegExp(
        /Who reports to whom Body Kind Reports to Executive Group Executive group None /.source +
          /Serious Organised Crime Panel Sub-group Executive Group/.source,
      ),
    );
    assert.doesNotMatch(governance, /w:orient="landscape"/, 'a narrow diagram stays on portrait pages');
  });

  test('DOCX and PDF: a diagram too wide for a portrait page goes on landscape pages, scaled to fit', async () => {
    const xml = await docxDocumentXml(await documentDocx(wideDocument));
    const sections = [...xml.matchAll(/<w:pgSz [^>]*\/>/g)].map((m) => m[0]);
    assert.equal(sections.length, 3, 'front, governance and appendices');
    assert.match(sections[1]!, /w:orient="landscape"/);
    assert.doesNotMatch(sections[2]!, /w:orient="landscape"/);
    const extent = /<wp:extent cx="(\d+)"/.exec(xml);
    assert.ok(extent && Number(extent[1]) <= 930 * 9525, 'the image fits the landscape page');

    const pdf = (await documentPdf(wideDocument, { compress: false })).toString('latin1');
    const boxes = [...pdf.matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)].map((m) => Number(m[1]) > Number(m[2]));
    assert.ok(boxes.includes(true), 'a landscape page');
    assert.ok(boxes.filter((wide) => !wide).length > 3, 'and portrait pages');
  });

  test('PDF: has every priority title, the governance and the glossary', async () => {
    const pdf = await documentPdf(doc, { compress: false });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    assertIncludesAll(text, [
      ...doc.priorities.map((p) => p.title),
      'Appendix 3: glossary of terms and acronyms',
      'OCG: Organised crime group',
      'Serious Organised Crime Panel',
      'Cross-cutting themes',
    ]);
    // The diagram is drawn as vectors with its text, between the Governance heading and its table.
    const governance = text.slice(text.indexOf('Governance Executive group'), text.indexOf('Who reports to whom'));
    assertIncludesAll(
      governance,
      ['Executive group', 'Sub-group', 'Executive Group', 'Serious Organised', 'Crime Panel'],
      (words) => `the diagram shows ${words}`,
    );
    assert.match(
      text,
      new RegExp(
        /Who reports to whom Body Kind Reports to Executive Group Executive group None /.source +
          /Serious Organised Crime Panel Sub-group Executive Group/.source,
      ),
    );
    const compressed = await documentPdf(doc);
    assert.ok(compressed.length < pdf.length);
    assert.ok(pdfText(compressed).includes(doc.priorities[1]!.title), 'compressed PDFs read too');
  });
});
