import type { FastifyRequest } from 'fastify';

/**
 * The message a page shows once after a change ("Indicator added"): the route that made the change
 * redirects with ?done=<key>, and the page it lands on reads the key back here against the messages
 * it knows. Any other value, or none, shows nothing; the query never carries the words themselves.
 */
export function noticeFrom<Key extends string>(request: FastifyRequest, messages: Readonly<Record<Key, string>>): string | undefined {
  const done = (request.query as Record<string, unknown> | undefined)?.['done'];
  return typeof done === 'string' && Object.hasOwn(messages, done) ? messages[done as Key] : undefined;
}
