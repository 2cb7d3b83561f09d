import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(import.meta.dirname, '../..');
/** The limit Prettier (printWidth) and ESLint (max-len) already hold the TypeScript to. */
const maxLength = 140;

/** The tracked files matching the patterns, as git lists them, relative to the repository. */
function tracked(...patterns: string[]): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--', ...patterns], { cwd: root, encoding: 'utf8' });
  return out.split('\0').filter((file) => file !== '');
}

test(`no line of a tracked template or style sheet is over ${maxLength} characters`, () => {
  const files = tracked('*.njk', '*.scss');
  assert.deepEqual([...new Set(files.map((file) => path.extname(file)))].sort(), ['.njk', '.scss'], 'git lists both kinds');
  const long: string[] = [];
  for (const file of files) {
    const lines = readFileSync(path.join(root, file), 'utf8').split(/\r?\n/);
    lines.forEach((line, i) => {
      if (line.length > maxLength) long.push(`${file}:${i + 1} has ${line.length} characters`);
    });
  }
  assert.deepEqual(long, [], `lines over ${maxLength} characters: wrap them so the rendered HTML stays the same`);
});
