/**
 * Issue 5, acceptance 4: the public version of the quarterly performance report contains no
 * restricted indicator and no person's name, in HTML, DOCX and PDF; the full version contains
 * them. On the demo partnership, through `safer report performance` run in process (and once as
 * the real command, for its wiring and exit code).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, testingOnServer, type TestDatabase } from '../../../test/helpers/database.ts';
import { loadConfig } from '../../config.ts';
import type { Actor } from '../audit/events.ts';
import { loadDemo } from '../demo/demo-loader.ts';
import { demoPartnership, demoUsers } from '../demo/demo-data.ts';
import { findPartnershipBySlug } from '../partnerships/partnership-repository.ts';
import { docxDocumentXml, docxText, pdfText } from '../plans/document-text.ts';
import { UsageError } from '../../platform/cli/command-line.ts';
import { runReportCommand } from './performance-report-cli.ts';
import { createPerformanceService } from './performance-service.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'safer-performance-report-'));

describe(`the demo partnership's quarterly performance report (${testingOnServer() ? 'PostgreSQL server' : 'embedded database'})`, () => {
  let d: TestDatabase;
  let restricted: string[];
  let publicIndicators: string[];
  let people: string[];
  const texts = new Map<string, string>();

  /** The report as text: written by the command, then read back as a reader of that format would. */
  async function report(version: 'full' | 'public', format: 'html' | 'docx' | 'pdf'): Promise<string> {
    const key = `${version}.${format}`;
    const cached = texts.get(key);
    if (cached !== undefined) return cached;
    const file = path.join(out, `report-${key}`);
    const said = await runReportCommand(d.db, { partnership: 'maidstone', period: '2019-Q1', version, format, out: file });
    assert.match(
      said,
      new RegExp(`^Wrote .*report-${version}\\.${format} \\(${version} performance report for 2019-Q1, ${format}, [\\d,]+ bytes\\)\\.$`),
    );
    const bytes = readFileSync(file);
    const text =
      format === 'html'
        ? bytes
            .toString('utf8')
            .replace(/<[^>]+>/g, ' ')
            .replace(/&#39;/g, "'")
            .replace(/&amp;/g, '&')
            .replace(/\s+/g, ' ')
        : format === 'docx'
          ? docxText(await docxDocumentXml(bytes))
          : pdfText(bytes);
    texts.set(key, text);
    return text;
  }

  before(async () => {
    d = await createTestDatabase();
    const config = loadConfig({
      NODE_ENV: 'test',
      SAFER_DATA_DIR: out,
      SAFER_SECRET_KEY: Buffer.alloc(32, 3).toString('base64'),
      LOG_LEVEL: 'silent',
    });
    await loadDemo(d.db, config);
    const partnership = await d.db.system((trx) => findPartnershipBySlug(trx, demoPartnership.slug));
    assert.ok(partnership);
    const pid = partnership.id;
    const facts = await d.db.tenant(pid, async (trx) => ({
      indicators: await trx.selectFrom('indicators').select(['name', 'visibility', 'priority_id']).execute(),
      users: await trx.selectFrom('users').select(['id', 'name', 'role']).execute(),
      members: await trx.selectFrom('body_members').select('person_name').execute(),
      owners: await trx.selectFrom('indicators').innerJoin('users', 'users.id', 'indicators.owner_user_id').select('users.name').execute(),
      leads: await trx.selectFrom('actions').select('lead_name').where('lead_name', '<>', '').execute(),
      memberLeads: await trx
        .selectFrom('actions')
        .innerJoin('users', 'users.id', 'actions.lead_user_id')
        .select('actions.priority_id')
        .where('users.role', '=', 'member')
        .where('actions.priority_id', 'is not', null)
        .execute(),
    }));
    restricted = facts.indicators.filter((i) => i.visibility === 'restricted' && i.priority_id !== null).map((i) => i.name);
    publicIndicators = facts.indicators.filter((i) => i.visibility === 'public' && i.priority_id !== null).map((i) => i.name);
    // Every person the partnership records: its users, the members of its groups, indicator
    // owners and the leads of actions typed in by name.
    people = [
      ...new Set([
        ...demoUsers.map((u) => u.name),
        ...facts.users.map((u) => u.name),
        ...facts.members.map((m) => m.person_name),
        ...facts.owners.map((o) => o.name),
        ...facts.leads.map((l) => l.lead_name),
      ]),
    ];
    assert.ok(restricted.length >= 2, 'the demo has restricted indicators of its priorities');
    assert.ok(publicIndicators.length >= 2, 'the demo has public indicators of its priorities');
    assert.ok(people.length >= 15, `the demo records people: ${people.join(', ')}`);

    // Commentary for the quarter, by the coordinator and by a member who leads an action.
    const service = createPerformanceService({ db: d.db });
    const actor = (role: 'coordinator' | 'member'): Actor => {
      const user = facts.users.find((u) => u.role === role)!;
      const who = { partnershipId: pid, userId: user.id, name: user.name, agencyName: null, requestId: null, ip: null };
      return { ...who, role, dataManager: false };
    };
    const priorities = await d.db.tenant(pid, (trx) => trx.selectFrom('priorities').select('id').orderBy('position').execute());
    await service.saveCommentary(actor('coordinator'), priorities[0]!.id, {
      period: { year: 2019, quarter: 1 },
      commentary: 'Organised crime disruption continued across the borough.',
    });
    await service.saveCommentary(actor('member'), facts.memberLeads[0]!.priority_id!, {
      period: { year: 2019, quarter: 1 },
      commentary: 'Youth outreach reached the town centre this quarter.',
    });
  });
  after(() => d.drop());

  for (const format of ['html', 'docx', 'pdf'] as const) {
    const label = format.toUpperCase();
    test(`the public ${label} report has the public indicators and commentary, but no restricted indicator or person's name`, async () => {
      const text = await report('public', format);
      assert.ok(text.includes('Quarterly performance report: January to March 2019'));
      for (const name of publicIndicators) assert.ok(text.includes(name), `the public report has the public indicator "${name}"`);
      assert.ok(text.includes('Youth outreach reached the town centre this quarter.'), 'it has the commentary');
      assert.ok(text.includes('Kent Police'), 'agencies are named');
      for (const name of restricted) assert.ok(!text.includes(name), `the public report leaves out the restricted indicator "${name}"`);
      for (const person of people) assert.ok(!text.includes(person), `the public report does not name "${person}"`);
    });

    test(`the full ${label} report has the restricted indicators, their owners, action leads and who wrote the commentary`, async () => {
      const text = await report('full', format);
      for (const name of [...publicIndicators, ...restricted]) assert.ok(text.includes(name), `the full report has "${name}"`);
      // Owners (the analyst and the coordinator), the member who leads actions at risk, and the commentary's authors.
      for (const person of ['Priya Desai', 'Sam Okafor', 'Jordan Reeve'])
        assert.ok(text.includes(person), `the full report names ${person}`);
      assert.ok(text.includes('Last updated by Jordan Reeve'), 'it says who wrote the commentary');
    });
  }

  test('the command refuses a bad period, an unknown partnership and a bad version with a clear message', async () => {
    const file = path.join(out, 'never.pdf');
    await assert.rejects(
      runReportCommand(d.db, { partnership: 'maidstone', period: '2019-Q5', format: 'pdf', out: file }),
      (error: Error) => {
        assert.ok(error instanceof UsageError);
        assert.equal(error.message, '--period: give a calendar quarter like 2019-Q1 (Q1 is January to March)');
        return true;
      },
    );
    await assert.rejects(runReportCommand(d.db, { partnership: 'nowhere', period: '2019-Q1', format: 'pdf', out: file }), {
      message: '--partnership: no partnership has the slug "nowhere". See: safer partnership list',
    });
    await assert.rejects(
      runReportCommand(d.db, { partnership: 'maidstone', period: '2019-Q1', version: 'secret', format: 'odt', out: file }),
      {
        message: '--version: give full or public; --format: give html, docx, pdf',
      },
    );
    await assert.rejects(
      runReportCommand(d.db, {
        partnership: 'maidstone',
        period: '2019-Q1',
        format: 'pdf',
        out: path.join(out, 'no-such-folder', 'r.pdf'),
      }),
      {
        message: new RegExp(`^--out: cannot write .*no-such-folder.*r\\.pdf \\(ENOENT\\)$`),
      },
    );
  });

  test('`safer report performance` is wired to the command line: a bad period exits 2 with the message', () => {
    const r = spawnSync(
      process.execPath,
      [
        path.join(root, 'bin/safer.js'),
        'report',
        'performance',
        '--partnership',
        'maidstone',
        '--period',
        '2019-1',
        '--format',
        'pdf',
        '--out',
        path.join(out, 'x.pdf'),
      ],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          PATH: process.env['PATH'] ?? '',
          HOME: process.env['HOME'] ?? '',
          SAFER_DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'safer-cli-')),
          LOG_LEVEL: 'warn',
        },
      },
    );
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr.trim(), 'safer: --period: give a calendar quarter like 2019-Q1 (Q1 is January to March)');
  });
});
