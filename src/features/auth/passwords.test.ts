import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Writable } from 'node:stream';
import pino from 'pino';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.ts';
import { generateRecoveryCodes, hashRecoveryCode, looksLikeRecoveryCode, normaliseRecoveryCode } from './recovery-codes.ts';

/** A logger whose lines (as JSON) are kept for the test to read. */
function capturedLog() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), lines };
}

describe('passwords', () => {
  test('are hashed with argon2id and verified', async () => {
    const { log, lines } = capturedLog();
    const hash = await hashPassword('a long enough passphrase');
    assert.match(hash, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(hash, 'a long enough passphrase', log), true);
    assert.equal(await verifyPassword(hash, 'a long enough passphrasE', log), false);
    assert.equal(await verifyPassword(null, 'anything', log), false);
    assert.deepEqual(lines, [], 'a wrong password and an unknown account are not errors');
  });

  test('a stored hash that cannot be checked refuses the password and is logged as an error, without the hash', async () => {
    const { log, lines } = capturedLog();
    const corrupt = `${(await hashPassword('a long enough passphrase')).slice(0, 30)}!!`;
    for (const stored of ['not a hash', corrupt]) {
      assert.equal(await verifyPassword(stored, 'a long enough passphrase', log.child({ userId: 7 })), false, stored);
    }
    assert.equal(lines.length, 2);
    for (const line of lines) {
      assert.equal(line['level'], 50, 'level error');
      assert.equal(line['userId'], 7);
      assert.match(String(line['msg']), /stored password hash could not be checked/);
      assert.doesNotMatch(JSON.stringify(line), /not a hash|argon2id\$v=19\$m=19456/, 'the stored hash is not logged');
    }
  });

  test('are allowed from 12 to 128 characters', () => {
    assert.match(passwordProblem('short pass1')!, /12 characters or more/);
    assert.equal(passwordProblem('twelve chars'), null);
    assert.equal(passwordProblem('x'.repeat(60) + 'y'.repeat(68)), null);
    assert.match(passwordProblem('x'.repeat(64) + 'y'.repeat(65))!, /128 characters or fewer/);
  });

  test('common ones are refused, also with digits or symbols around them', () => {
    for (const p of ['qwertyuiop123', '1qaz2wsx3edc', 'Password12345', '!!football2024!!', 'iloveyou123456']) {
      assert.match(passwordProblem(p) ?? 'accepted', /too common/, p);
    }
    assert.equal(passwordProblem('maidstone river walk'), null);
  });

  test('one repeated character and the email address are refused', () => {
    assert.match(passwordProblem('aaaaaaaaaaaaaa')!, /repeated|too common/);
    assert.match(passwordProblem('sam@example.org!!', 'Sam@Example.org')!, /email address/);
  });
});

describe('recovery codes', () => {
  test('ten distinct codes in the form xxxxx-xxxxx, matched however they are typed', () => {
    const codes = generateRecoveryCodes();
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) {
      assert.match(code, /^[a-z2-9]{5}-[a-z2-9]{5}$/);
      assert.ok(looksLikeRecoveryCode(code));
      assert.equal(hashRecoveryCode(code.toUpperCase().replace('-', ' ')), hashRecoveryCode(code));
    }
    assert.equal(normaliseRecoveryCode('ABCDE fghij'), 'abcde-fghij');
    assert.equal(looksLikeRecoveryCode('123456'), false);
  });
});
