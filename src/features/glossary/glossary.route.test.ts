import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { actorOf, servicesOf, type Agent, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';
import { appWithPartnerships, serviceRefuses, signedIn } from '../../../test/helpers/route-fixtures.ts';

describe('the glossary pages', () => {
  let t: TestApp;
  let p: TestPartnership;
  let coordinator: Agent;
  let viewer: Agent;

  before(async () => {
    [t, p] = await appWithPartnerships(['alpha']);
    [coordinator, viewer] = await signedIn(t, p.users.coordinator, p.users.viewer);
  });
  after(() => t.close());

  const terms = () =>
    t.database.db.tenant(p.id, (trx) =>
      trx.selectFrom('glossary_terms').select(['id', 'term', 'meaning', 'is_acronym']).orderBy('id').execute(),
    );

  test('a coordinator adds a term; the add form offers no delete, and a bad form keeps what was typed', async () => {
    const form = await coordinator.get('/glossary/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /<h1 class="govuk-heading-l">Add a glossary term<\/h1>/);
    assert.doesNotMatch(form.body, /Delete this term|data-qa="delete"/);

    const bad = await coordinator.post('/glossary/new', { term: 'ASB', meaning: ' ' });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /href="#meaning">Enter what it means/);
    assert.match(bad.body, /href="#isAcronym">Select yes if it is an acronym or abbreviation/);
    assert.match(bad.body, /name="term" type="text" value="ASB"/);

    const added = await coordinator.post('/glossary/new', { term: 'ASB', meaning: 'Anti-social behaviour', isAcronym: 'yes' });
    assert.equal(added.statusCode, 303);
    assert.equal(added.headers.location, '/glossary?done=saved');
    assert.deepEqual(
      (await terms()).map((r) => [r.term, r.meaning, r.is_acronym]),
      [['ASB', 'Anti-social behaviour', true]],
    );
    const list = await viewer.get('/glossary');
    assert.match(list.body, /<dt class="govuk-summary-list__key">ASB<\/dt>\s*<dd class="govuk-summary-list__value">Anti-social behaviour</);
  });

  test('the change form shows the term with its own delete button, and refuses a term the glossary has already', async () => {
    await coordinator.post('/glossary/new', { term: 'PCC', meaning: 'Police and crime commissioner', isAcronym: 'yes' });
    const [asb, pcc] = await terms();
    const form = await coordinator.get(`/glossary/${pcc!.id}/edit`);
    assert.match(form.body, /<h1 class="govuk-heading-l">Change a glossary term<\/h1>/);
    assert.match(form.body, /name="term" type="text" value="PCC"/);
    assert.match(form.body, /<h2 class="govuk-heading-m">Delete this term<\/h2>/);
    assert.match(form.body, new RegExp(`href="/glossary/${pcc!.id}/delete"[^>]*data-qa="delete">\\s*Delete term`));

    const taken = await coordinator.post(`/glossary/${pcc!.id}/edit`, { term: 'asb', meaning: 'Again', isAcronym: 'no' });
    assert.equal(taken.statusCode, 400);
    assert.match(taken.body, /href="#term">The glossary already has this term/);
    assert.match(taken.body, /name="term" type="text" value="asb"/);
    assert.match(taken.body, /Delete this term/, 'still the change form');

    const changed = await coordinator.post(`/glossary/${pcc!.id}/edit`, { term: 'PCC', meaning: 'The commissioner', isAcronym: 'no' });
    assert.equal(changed.statusCode, 303);
    assert.deepEqual(
      (await terms()).map((r) => [r.id, r.meaning, r.is_acronym]),
      [
        [asb!.id, 'Anti-social behaviour', true],
        [pcc!.id, 'The commissioner', false],
      ],
    );
  });

  test('everyone reads the glossary; only coordinators and admins see its buttons and forms', async () => {
    const [asb] = await terms();
    const read = await viewer.get('/glossary');
    assert.equal(read.statusCode, 200);
    assert.doesNotMatch(read.body, /Add a term|\/edit"|\/delete"/);
    assert.match((await coordinator.get('/glossary')).body, /data-qa="add-term"[^]*href="\/glossary\/\d+\/edit"/);
    for (const url of ['/glossary/new', `/glossary/${asb!.id}/edit`, `/glossary/${asb!.id}/delete`]) {
      assert.equal((await viewer.get(url)).statusCode, 403, url);
    }
    assert.equal((await viewer.post('/glossary/new', { term: 'X', meaning: 'Y', isAcronym: 'no' })).statusCode, 403);
  });

  test('the glossary service itself refuses a viewer: nothing changed or audited', async () => {
    const term = { term: 'CSP', meaning: 'Community Safety Partnership', isAcronym: true };
    await serviceRefuses(t, p, 'viewer', [({ glossary }, viewer) => glossary.save(viewer, undefined, term)]);
    const { glossary } = servicesOf(t);
    assert.ok(!(await glossary.list(actorOf(p, 'viewer'))).some((term) => term.term === 'CSP'), 'no term was added');
  });
});
