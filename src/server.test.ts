import assert from 'node:assert/strict';
import { test } from 'node:test';
import { progressLine } from './server.ts';

test('a line of start-up progress gives the seconds since the process began', () => {
  assert.equal(progressLine('Migrating the database', 4_230), '[ 4.2 s] Migrating the database\n');
  assert.equal(progressLine('Loaded the demo partnership', 15_960), '[16.0 s] Loaded the demo partnership\n');
});
