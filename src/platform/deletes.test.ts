import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Fastify, { type FastifyReply } from 'fastify';
import { usesInWords } from './db/record-uses.ts';
import { deletePageContext, deleteRoutes, quoted } from './deletes.ts';
import { AppError } from './errors.ts';
import type { Auth } from './http/types.ts';

/** Records kept in memory behind the delete pattern; a record with uses is kept. The page is its context as JSON. */
async function app() {
  const records = new Map([
    [1, { id: 1, name: 'Unused', uses: [] as string[] }],
    [2, { id: 2, name: 'Used', uses: ['2 actions'] }],
  ]);
  const seen: { partnershipId: number; id: number }[] = [];
  const find = (partnershipId: number, id: number) => {
    seen.push({ partnershipId, id });
    const record = records.get(id);
    if (!record) throw new AppError('NOT_FOUND');
    return { record, check: { blockers: record.uses, alsoDeleted: [] } };
  };
  const server = Fastify();
  server.decorateRequest('auth', null);
  server.addHook('onRequest', async (request) => {
    request.auth = { userId: 5, partnershipId: 9, name: 'Sam', agencyName: 'Kent Police' } as Auth;
  });
  server.decorateReply('view', function (this: FastifyReply, template: string, context: Record<string, unknown> = {}) {
    const { heading, blockers, action, cancelHref } = context;
    return this.send({ template, heading, blockers, action, cancelHref });
  });
  deleteRoutes(server, (id) => `/things/${id}/delete`, {
    access: 'plans.edit',
    find: async (actor, id) => find(actor.partnershipId, id),
    remove: async (actor, id) => {
      const found = find(actor.partnershipId, id);
      if (found.check.blockers.length === 0) records.delete(id);
      return { ok: found.check.blockers.length === 0, ...found };
    },
    what: (r) => `the thing ${quoted(r.name)}`,
    back: (r) => `/things/${r.id}`,
    done: (r) => `/things?done=deleted&name=${r.name}`,
  });
  server.setErrorHandler((error: AppError, _request, reply) => reply.code(error.status ?? 500).send({ code: error.code }));
  return { server, records, seen };
}

describe('delete confirmation pages', () => {
  test('what uses a record is said in words, one or many, for any table', () => {
    assert.equal(usesInWords({ table: 'actions', count: 1 }), '1 action');
    assert.equal(usesInWords({ table: 'indicators', count: 12 }), '12 performance indicators');
    assert.equal(usesInWords({ table: 'priority_commentaries', count: 2 }), '2 performance commentaries');
    assert.equal(usesInWords({ table: 'new_things', count: 1500 }), '1,500 new things records', 'a table added later still reads');
  });

  test('names are quoted and cut to 80 characters', () => {
    assert.equal(quoted('  Domestic   abuse '), '“Domestic abuse”');
    const long = quoted('word '.repeat(40));
    assert.ok(long.endsWith('…”'));
    assert.ok(long.length <= 82);
  });

  test('the page asks first, or says why it cannot delete', () => {
    const ask = deletePageContext({
      what: 'the priority “ASB”',
      action: '/priorities/1/delete',
      cancelHref: '/priorities/1',
      check: { blockers: [], alsoDeleted: ['1 alignment'] },
    });
    assert.equal(ask['heading'], 'Are you sure you want to delete the priority “ASB”?');
    assert.equal(ask['pageTitle'], ask['heading']);
    assert.equal(ask['blocked'], false);
    const refuse = deletePageContext({
      what: 'the priority “ASB”',
      action: '/priorities/1/delete',
      cancelHref: '/priorities/1',
      check: { blockers: ['2 actions'], alsoDeleted: [] },
    });
    assert.equal(refuse['heading'], 'You cannot delete the priority “ASB”');
    assert.deepEqual(refuse['blockers'], ['2 actions']);
  });

  test('deleteRoutes: GET asks first; POST deletes and redirects with 303, for the signed-in partnership', async () => {
    const { server, records, seen } = await app();
    const ask = await server.inject('/things/1/delete');
    assert.equal(ask.statusCode, 200);
    assert.deepEqual(ask.json(), {
      template: 'confirm-delete.njk',
      heading: 'Are you sure you want to delete the thing “Unused”?',
      blockers: [],
      action: '/things/1/delete',
      cancelHref: '/things/1',
    });
    const done = await server.inject({ method: 'POST', url: '/things/1/delete' });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/things?done=deleted&name=Unused');
    assert.ok(!records.has(1));
    assert.ok(seen.every((s) => s.partnershipId === 9));
  });

  test('deleteRoutes: a record still in use is refused with 409 and what uses it; an unknown one or a bad id is a 404', async () => {
    const { server, records } = await app();
    const refused = await server.inject({ method: 'POST', url: '/things/2/delete' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.json().heading, 'You cannot delete the thing “Used”');
    assert.deepEqual(refused.json().blockers, ['2 actions']);
    assert.ok(records.has(2));
    assert.equal((await server.inject('/things/3/delete')).statusCode, 404);
    assert.equal((await server.inject({ method: 'POST', url: '/things/abc/delete' })).statusCode, 404);
  });
});
