import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fastifyFormbody from '@fastify/formbody';
import Fastify from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { formRoutes, savedOr } from './form-routes.ts';

/** A record with a version, kept in memory, behind the form pattern; the page is its context as JSON. */
async function app() {
  const record = { id: 1, title: 'Stored title', version: 3 };
  const server = Fastify();
  await server.register(fastifyFormbody);
  formRoutes(server, '/things/:id/edit', {
    access: 'plans.edit',
    load: async (request) => {
      if ((request.params as { id: string }).id !== '1') throw new AppError('NOT_FOUND');
      return record;
    },
    values: (r) => ({ title: r.title, version: String(r.version) }),
    schema: z.object({ title: z.string().trim().min(1, 'Enter a title'), version: z.coerce.number().int() }),
    render: (reply, page) => reply.send({ values: page.values, errors: page.errors?.summary.map((e) => e.text) ?? [] }),
    save: async (_request, r, data) => {
      if (data.title === 'taken') return { errors: [['title', 'That title is taken']] };
      if (data.version !== r.version) throw new AppError('CONFLICT', 'Someone else changed this while you were editing it');
      Object.assign(r, { title: data.title, version: r.version + 1 });
      return { redirect: '/things/1' };
    },
  });
  server.setErrorHandler((error: AppError, _request, reply) => reply.code(error.status ?? 500).send({ code: error.code }));
  return { server, record };
}

const post = (body: string) => ({
  method: 'POST' as const,
  url: '/things/1/edit',
  payload: body,
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
});

describe('the add and change form pattern', () => {
  test('GET shows the stored values; an unknown record is a 404', async () => {
    const { server } = await app();
    assert.deepEqual((await server.inject('/things/1/edit')).json(), { values: { title: 'Stored title', version: '3' }, errors: [] });
    assert.equal((await server.inject('/things/2/edit')).statusCode, 404);
  });

  test('a form the schema refuses, or the service refuses, is shown again with 400 and what was typed', async () => {
    const { server, record } = await app();
    const blank = await server.inject(post('title=+&version=3'));
    assert.equal(blank.statusCode, 400);
    assert.deepEqual(blank.json().errors, ['Enter a title']);
    const taken = await server.inject(post('title=taken&version=3'));
    assert.equal(taken.statusCode, 400);
    assert.deepEqual(taken.json(), { values: { title: 'taken', version: '3' }, errors: ['That title is taken'] });
    assert.equal(record.title, 'Stored title');
  });

  test('a save redirects with 303; a stale version is shown again with 409, the posted values and the current version', async () => {
    const { server, record } = await app();
    const saved = await server.inject(post('title=New+title&version=3'));
    assert.equal(saved.statusCode, 303);
    assert.equal(saved.headers.location, '/things/1');
    assert.equal(record.version, 4);
    const stale = await server.inject(post('title=Mine&version=3'));
    assert.equal(stale.statusCode, 409);
    assert.deepEqual(stale.json(), {
      values: { title: 'Mine', version: '4' },
      errors: ['Someone else changed this while you were editing it'],
    });
    assert.equal(record.title, 'New title');
  });

  test('savedOr: a service’s save goes to the page redirect() names, or shows the field it refused', () => {
    assert.deepEqual(
      savedOr({ ok: true, id: 4 }, ({ id }) => `/things/${id}`),
      { redirect: '/things/4' },
    );
    const refused = savedOr<{ id: number }>({ ok: false, field: 'name', message: 'That name is taken' }, ({ id }) => `/things/${id}`);
    assert.deepEqual(refused, { errors: [['name', 'That name is taken']] });
  });
});
