import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { saferCommandLine } from '../../../test/helpers/cli-runner.ts';
import { testingOnServer } from '../../../test/helpers/database.ts';
import { assertIncludesAll } from '../../../test/helpers/text.ts';
import { docxText, pdfText, zipEntries } from './document-text.ts';
import { DEMO_PLAN_TITLE } from '../demo/demo-plan.ts';

const demoPriorityTitles = [
  'Protecting our communities against serious and organised crime (including modern slavery)',
  'Reducing the harm caused by domestic abuse (including stalking)',
  'Keeping children and young people safe',
  'Reducing the impact of substance misuse on our community',
  'Safeguarding people whose mental health makes them vulnerable',
];

describe(`safer report plan on the demo data (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  const cli = saferCommandLine({ scratch: 'safer-report-', env: { SAFER_DEMO: 'true' } });
  const safer = (args: string[]) => cli.run(args);
  /** Writes the demo plan in `format` to a file of the scratch folder, returning the file and the command's result. */
  const report = (format: string) => {
    const file = path.join(cli.work, `plan.${format}`);
    return { file, ...safer(['report', 'plan', '--partnership', 'maidstone', '--format', format, '--out', file]) };
  };

  before(() => {
    // As after a first start: the database made, then the demo loaded into it.
    const migrated = safer(['migrate']);
    assert.equal(migrated.code, 0, migrated.err);
    const demo = safer(['demo']);
    assert.equal(demo.code, 0, demo.err);
  });

  test('--format docx writes a Word file whose document has every priority title and the glossary', async () => {
    const { file, ...r } = report('docx');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote .*plan\.docx \(docx/);
    const files = await zipEntries(readFileSync(file));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    assertIncludesAll(text, [
      DEMO_PLAN_TITLE,
      ...demoPriorityTitles,
      'Serious Organised Crime Panel',
      'Multi-agency risk assessment conference',
    ]);
    // The governance structure diagram, on landscape pages, with its table.
    const governance = xml.slice(xml.indexOf('>Governance<'), xml.indexOf('>Appendix 1:'));
    assert.match(
      governance,
      /<w:drawing>[^]*descr="[^"]*Serious and Organised Crime Panel \(sub-group\) reports to Safer Maidstone Partnership\./,
    );
    assert.ok(
      [...files.keys()].some((name) => /^word\/media\/.+\.png$/.test(name)),
      'a PNG of the diagram',
    );
    assert.match(xml, /<w:pgSz [^>]*w:orient="landscape"/);
    assert.match(
      docxText(governance),
      /Who reports to whom Body Kind Reports to Safer Maidstone Partnership Executive Group Executive group None/,
    );
  });

  test('--format pdf writes a PDF whose text has every priority title and the glossary', () => {
    const { file, ...r } = report('pdf');
    assert.equal(r.code, 0, r.err);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    assertIncludesAll(text, [
      DEMO_PLAN_TITLE,
      ...demoPriorityTitles,
      'Appendix 3: glossary of terms and acronyms',
      'MARAC: Multi-agency risk assessment conference',
    ]);
    // The structure diagram is drawn with its text between the Governance heading and its table.
    const diagram = text.slice(text.lastIndexOf('Governance Executive group'), text.indexOf('Who reports to whom'));
    for (const words of ['Scrutiny committee', 'Linked board', 'Domestic Abuse Forum', 'Safer Maidstone'])
      assert.ok(diagram.includes(words), `the diagram shows ${words}`);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'a landscape page for the diagram');
  });

  test('--format html, an unknown partnership and an unknown plan', () => {
    const { file, code } = report('html');
    assert.equal(code, 0);
    const html = readFileSync(file, 'utf8');
    assertIncludesAll(html, demoPriorityTitles);
    assert.match(html, /<abbr title="Anti-social behaviour">ASB<\/abbr>/);
    const unknown = safer(['report', 'plan', '--partnership', 'nowhere', '--format', 'pdf', '--out', file]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--partnership: no partnership has the slug "nowhere"/);
    const noPlan = safer(['report', 'plan', '--partnership', 'maidstone', '--plan', '999999', '--format', 'pdf', '--out', file]);
    assert.equal(noPlan.code, 2);
    assert.match(noPlan.err, /the partnership has no plan 999999/);
  });
});
