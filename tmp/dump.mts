import { buildApp } from '../src/app.ts';
import { testConfig } from '../test/helpers/app.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { rolesWith } from '../src/platform/policies.ts';
const db = await openDatabase({ kind: 'embedded-memory' });
const app = await buildApp({ config: testConfig(), database: db, logger: false });
await app.ready();
for (const r of app.routeTable) {
  const a = r.access === 'public' || r.access === 'pending' ? r.access : (rolesWith(r.access).length === 5 ? 'signed-in' : rolesWith(r.access));
  console.log(r.method.padEnd(5), r.url.padEnd(60), JSON.stringify(a));
}
await app.close(); await db.close();
