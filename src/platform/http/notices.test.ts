import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { noticeFrom } from './notices.ts';

const asked = (query: unknown) => ({ query }) as FastifyRequest;
const messages = { saved: 'Your changes have been saved', deleted: 'The term has been deleted' };

test('the message of a known ?done= key, and nothing for anything else', () => {
  assert.equal(noticeFrom(asked({ done: 'saved' }), messages), 'Your changes have been saved');
  assert.equal(noticeFrom(asked({ done: 'deleted', other: 'x' }), messages), 'The term has been deleted');
  assert.equal(noticeFrom(asked({ done: 'toString' }), messages), undefined, 'not a key of the object itself');
  assert.equal(noticeFrom(asked({ done: ['saved'] }), messages), undefined);
  assert.equal(noticeFrom(asked({ done: 'Pay now at evil.example' }), messages), undefined);
  assert.equal(noticeFrom(asked({}), messages), undefined);
  assert.equal(noticeFrom(asked(undefined), messages), undefined);
});
