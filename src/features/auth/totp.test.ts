import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUri, timeStep, totp, verifyTotp } from './totp.ts';

// RFC 6238 appendix B, SHA-1, key "12345678901234567890"; the last 6 of the 8 published digits.
const rfcKey = Buffer.from('12345678901234567890');
const rfcSecret = base32Encode(rfcKey);
const vectors: [seconds: number, code: string][] = [
  [59, '287082'],
  [1111111109, '081804'],
  [1111111111, '050471'],
  [1234567890, '005924'],
  [2000000000, '279037'],
  [20000000000, '353130'],
];

describe('TOTP', () => {
  test('matches the RFC 6238 test vectors', () => {
    for (const [seconds, code] of vectors) assert.equal(totp(rfcSecret, seconds * 1000), code, `at ${seconds}s`);
  });

  test('matches the RFC 4226 HOTP vectors', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expected.forEach((code, counter) => assert.equal(hotp(rfcKey, counter), code));
  });

  test('base32 round-trips and ignores spaces and case', () => {
    assert.equal(rfcSecret, 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    assert.deepEqual(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq'), rfcKey);
    const secret = generateTotpSecret();
    assert.equal(secret.length, 32);
    assert.equal(base32Encode(base32Decode(secret)), secret);
    assert.throws(() => base32Decode('not*base32'), /Not a base32 character/);
  });

  test('accepts the steps either side of now, and each step only once', () => {
    const now = 1_800_000_000_000;
    const step = timeStep(now);
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now), null, now), step);
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now - 30_000), null, now), step - 1);
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now + 30_000), null, now), step + 1);
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now - 60_000), null, now), null);
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now), step, now), null, 'replay of the same step');
    assert.equal(verifyTotp(rfcSecret, totp(rfcSecret, now + 30_000), step, now), step + 1);
    assert.equal(verifyTotp(rfcSecret, ` ${totp(rfcSecret, now).slice(0, 3)} ${totp(rfcSecret, now).slice(3)} `, null, now), step);
    assert.equal(verifyTotp(rfcSecret, '12345', null, now), null);
    assert.equal(verifyTotp(rfcSecret, 'abcdef', null, now), null);
  });

  test('builds an otpauth URI authenticator apps read', () => {
    assert.equal(
      otpauthUri('ABCD', 'sam@example.org', 'Safer (Test)'),
      'otpauth://totp/Safer%20(Test)%3Asam%40example.org?secret=ABCD&issuer=Safer%20(Test)&algorithm=SHA1&digits=6&period=30',
    );
  });
});
