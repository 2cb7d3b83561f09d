import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { docxDocumentXml, docxText, pdfText } from './document-text.ts';
import { documentFileName, documentHtml, periodLabel, textBlocks } from './plan-document.ts';
import { documentDocx } from './plan-document-docx.ts';
import { documentPdf } from './plan-document-pdf.ts';
import { sampleDocument as doc } from './plan-document-fixture.ts';

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
    for (const p of doc.priorities) assert.ok(html.includes(p.title), p.title);
    assert.match(html, /<abbr title="Organised crime group">OCG<\/abbr> activity harms people/);
    assert.ok(html.includes('Two &lt;b&gt;'), 'text is escaped');
    assert.ok(!html.includes('Two <b>'));
    assert.match(html, /<h3>Sub-groups<\/h3>\s*<dl>\s*<dt>Serious Organised Crime Panel<\/dt><dd>Disrupts OCGs.<\/dd>/);
    assert.match(html, /<th scope="row">Tackling serious and organised crime<\/th><td><ul class="govuk-list"><li>Serious and organised crime<\/li><\/ul><\/td><td><ul class="govuk-list"><li>Tackle violent and organised crime/);
    assert.match(html, /<th scope="row">Reducing domestic abuse<\/th><td><p>None<\/p><\/td>/);
    assert.match(html, /<dt>OCG<\/dt><dd>Organised crime group<\/dd>/);
    assert.equal(documentFileName(doc, 'pdf'), 'testshire-community-safety-plan-2019-22.pdf');
  });

  test('HTML embeds the structure diagram when given one', () => {
    assert.match(documentHtml(doc, { diagramSvg: '<svg role="img"></svg>' }), /<figure class="diagram"><svg role="img"><\/svg><\/figure>/);
  });

  test('DOCX: a valid zip whose document has every priority title, the governance and the glossary', async () => {
    const docx = await documentDocx(doc);
    assert.equal(docx.subarray(0, 2).toString('latin1'), 'PK');
    const text = docxText(await docxDocumentXml(docx));
    for (const p of doc.priorities) assert.ok(text.includes(p.title), p.title);
    for (const words of ['Testshire Community Safety Plan', 'Contents', 'Welcome', 'Two <b>', 'Serious Organised Crime Panel', 'Organised crime group', 'Prevent duty']) {
      assert.ok(text.includes(words), words);
    }
  });

  test('PDF: has every priority title, the governance and the glossary', async () => {
    const pdf = await documentPdf(doc, { compress: false });
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    for (const p of doc.priorities) assert.ok(text.includes(p.title), p.title);
    for (const words of ['Appendix 3: glossary of terms and acronyms', 'OCG: Organised crime group', 'Serious Organised Crime Panel', 'Cross-cutting themes']) {
      assert.ok(text.includes(words), words);
    }
    const compressed = await documentPdf(doc);
    assert.ok(compressed.length < pdf.length);
    assert.ok(pdfText(compressed).includes(doc.priorities[1]!.title), 'compressed PDFs read too');
  });
});
