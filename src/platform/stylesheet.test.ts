import assert from 'node:assert/strict';
import { test } from 'node:test';
import { builtStylesheet, compileStylesheet } from './stylesheet.ts';

test('the committed safer.css is what safer.scss compiles to (run "npm run build:css" if not)', async () => {
  const built = await builtStylesheet();
  assert.ok(built !== null, 'src/platform/assets/safer.css is missing: run "npm run build:css"');
  assert.ok(built === (await compileStylesheet()), 'src/platform/assets/safer.css is out of date: run "npm run build:css" and commit it');
});
