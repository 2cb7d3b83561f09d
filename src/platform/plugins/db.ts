import fp from 'fastify-plugin';
import type { Database } from '../db/database.ts';

/** Makes the database available as app.db. Whoever built it closes it. */
export default fp<{ database: Database }>(
  async (app, opts) => {
    app.decorate('db', opts.database);
  },
  { name: 'db' },
);
