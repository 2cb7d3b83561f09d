import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { docxText, pdfText, zipEntries } from './document-text.ts';
import { DEMO_PLAN_TITLE } from '../demo/demo-plan.ts';

const root = path.resolve(import.meta.dirname, '../../..');

const demoPriorityTitles = [
  'Protecting our communities against serious and organised crime (including modern slavery)',
  'Reducing the harm caused by domestic abuse (including stalking)',
  'Keeping children and young people safe',
  'Reducing the impact of substance misuse on our community',
  'Safeguarding people whose mental health makes them vulnerable',
];

describe(`safer report plan on the demo data (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let env: Record<string, string>;
  let server: TestDatabase | undefined;
  const out = mkdtempSync(path.join(os.tmpdir(), 'safer-report-'));

  before(async () => {
    const base = {
      PATH: process.env['PATH'] ?? '',
      HOME: process.env['HOME'] ?? '',
      LOG_LEVEL: 'warn',
      SAFER_SECRET_KEY: Buffer.alloc(32, 5).toString('base64'),
    };
    if (testingOnServer()) {
      server = await createTestDatabase({ migrate: false });
      await server.db.close();
      env = { ...base, DATABASE_URL: server.url! };
    } else {
      env = { ...base, SAFER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'safer-report-db-')) };
    }
    const demo = safer(['demo']);
    assert.equal(demo.code, 0, demo.err);
  });
  after(async () => {
    if (server) await server.drop().catch(() => undefined);
  });

  function safer(args: string[]) {
    const r = spawnSync(process.execPath, [path.join(root, 'bin/safer.js'), ...args], { env, encoding: 'utf8', cwd: root });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  test('--format docx writes a Word file whose document has every priority title and the glossary', async () => {
    const file = path.join(out, 'plan.docx');
    const r = safer(['report', 'plan', '--partnership', 'maidstone', '--format', 'docx', '--out', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /Wrote .*plan\.docx \(docx/);
    const files = await zipEntries(readFileSync(file));
    const xml = files.get('word/document.xml')!.toString('utf8');
    const text = docxText(xml);
    for (const title of [
      DEMO_PLAN_TITLE,
      ...demoPriorityTitles,
      'Serious Organised Crime Panel',
      'Multi-agency risk assessment conference',
    ])
      assert.ok(text.includes(title), title);
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
    const file = path.join(out, 'plan.pdf');
    const r = safer(['report', 'plan', '--partnership', 'maidstone', '--format', 'pdf', '--out', file]);
    assert.equal(r.code, 0, r.err);
    const pdf = readFileSync(file);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    const text = pdfText(pdf);
    for (const title of [
      DEMO_PLAN_TITLE,
      ...demoPriorityTitles,
      'Appendix 3: glossary of terms and acronyms',
      'MARAC: Multi-agency risk assessment conference',
    ]) {
      assert.ok(text.includes(title), title);
    }
    // The structure diagram is drawn with its text between the Governance heading and its table.
    const diagram = text.slice(text.lastIndexOf('Governance Executive group'), text.indexOf('Who reports to whom'));
    for (const words of ['Scrutiny committee', 'Linked board', 'Domestic Abuse Forum', 'Safer Maidstone'])
      assert.ok(diagram.includes(words), `the diagram shows ${words}`);
    assert.match(pdf.toString('latin1'), /\/MediaBox \[0 0 841\.89 595\.28\]/, 'a landscape page for the diagram');
  });

  test('--format html, an unknown partnership and an unknown plan', () => {
    const file = path.join(out, 'plan.html');
    assert.equal(safer(['report', 'plan', '--partnership', 'maidstone', '--format', 'html', '--out', file]).code, 0);
    const html = readFileSync(file, 'utf8');
    for (const title of demoPriorityTitles) assert.ok(html.includes(title), title);
    assert.match(html, /<abbr title="Anti-social behaviour">ASB<\/abbr>/);
    const unknown = safer(['report', 'plan', '--partnership', 'nowhere', '--format', 'pdf', '--out', file]);
    assert.equal(unknown.code, 2);
    assert.match(unknown.err, /--partnership: no partnership has the slug "nowhere"/);
    const noPlan = safer(['report', 'plan', '--partnership', 'maidstone', '--plan', '999999', '--format', 'pdf', '--out', file]);
    assert.equal(noPlan.code, 2);
    assert.match(noPlan.err, /the partnership has no plan 999999/);
  });
});
