import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');

/** Every file's name under a folder (not node_modules), for names the document gives without a folder. */
function namesUnder(dir: string, found = new Set<string>()): Set<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    if (entry.isDirectory()) namesUnder(path.join(dir, entry.name), found);
    else found.add(entry.name);
  }
  return found;
}

test('every file and folder docs/ARCHITECTURE.md names exists', () => {
  const text = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const names = namesUnder(root);
  const named = [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    // Paths and file names; not patterns such as <name>-routes.ts, *.sql or NNNN_<what>.sql.
    .filter((token) => /^[\w./-]+$/.test(token) && (token.includes('/') || /\.(ts|md|sql|njk|json|js|scss)$/.test(token)))
    .filter((token) => !token.startsWith('/') && !token.startsWith('__Host'));
  assert.ok(named.length > 50, `the document names ${named.length} files`);
  const missing = named.filter((token) => (token.includes('/') ? !existsSync(path.join(root, token)) : !names.has(token)));
  assert.deepEqual([...new Set(missing)], [], 'files named in docs/ARCHITECTURE.md that do not exist');
});
