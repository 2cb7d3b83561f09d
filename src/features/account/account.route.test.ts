import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, seedPartnership, TEST_PASSWORD, type TestApp, type TestPartnership } from '../../../test/helpers/app.ts';

const NEW_PASSWORD = 'violet harbour lantern seventeen';

/** The summary list as key and value text pairs. */
function summaryRows(html: string): [string, string][] {
  return [
    ...html.matchAll(
      /<dt class="govuk-summary-list__key">\s*([^<]*?)\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*([^<]*?)\s*<\/dd>/g,
    ),
  ].map((m) => [m[1]!, m[2]!]);
}

function recoveryCodes(html: string): string[] {
  const list = /data-qa="recovery-codes">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li>([a-z0-9]{5}-[a-z0-9]{5})<\/li>/g)].map((m) => m[1]!);
}

// Each group has its own app: sign-in is rate limited per address, and every request here comes from one.
let t: TestApp;
let p: TestPartnership;
const freshApp = () => {
  before(async () => {
    t = await createTestApp();
    p = await seedPartnership(t.database.db, t.config, 'alpha');
  });
  after(() => t.close());
};

const auditRows = (userId: number, action: string) =>
  t.database.db.tenant(p.id, (trx) =>
    trx.selectFrom('audit_events').selectAll().where('actor_user_id', '=', userId).where('action', '=', action).execute(),
  );

describe('your account', () => {
  freshApp();

  test('the account page shows who you are, your sign-in set-up and links to change it', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.coordinator);
    const res = await agent.get('/account');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Your account - Safer alpha Partnership<\/title>/);
    assert.equal(res.body.match(/<h1/g)?.length, 1);
    const rows = summaryRows(res.body);
    assert.deepEqual(rows.slice(0, 4), [
      ['Name', p.users.coordinator.name],
      ['Email address', p.users.coordinator.email],
      ['Agency', 'alpha Borough Council'],
      ['Role', 'Coordinator'],
    ]);
    assert.equal(rows[4]![0], 'Password last changed');
    assert.match(rows[4]![1], /^\d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2}(am|pm)$/);
    assert.equal(rows[5]![0], 'Authenticator app');
    assert.match(rows[5]![1], /^Set up on \d{1,2} [A-Z][a-z]+ \d{4}$/);
    assert.deepEqual(rows[6], ['Recovery codes left', '0']);
    assert.match(res.body, /You have no recovery codes left/);
    assert.match(res.body, /href="\/account\/password"/);
    assert.match(res.body, /href="\/account\/recovery-codes"/);
  });

  test('the account pages need a signed-in user', async () => {
    for (const path of ['/account', '/account/password', '/account/recovery-codes']) {
      const res = await t.agent().get(path);
      assert.equal(res.statusCode, 302, path);
      assert.equal(res.headers.location, '/sign-in', path);
    }
    const post = await t
      .agent()
      .post('/account/password', { currentPassword: TEST_PASSWORD, password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    assert.equal(post.statusCode, 401);
  });

  test('the change password page has labelled password inputs that password managers understand', async () => {
    const agent = t.agent();
    await agent.signIn(p.users.coordinator);
    const res = await agent.get('/account/password');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /<title>Change your password - /);
    assert.match(res.body, /<label class="govuk-label" for="currentPassword">\s*Current password\s*<\/label>/);
    assert.match(res.body, /<label class="govuk-label" for="password">\s*New password\s*<\/label>/);
    assert.match(res.body, /<label class="govuk-label" for="confirmPassword">\s*Confirm new password\s*<\/label>/);
    assert.match(res.body, /id="currentPassword" name="currentPassword" type="password"[^>]*autocomplete="current-password"/);
    assert.equal(res.body.match(/autocomplete="new-password"/g)?.length, 2);
  });
});

describe('changing your password', () => {
  freshApp();
  const user = () => p.users.member;
  const change = (form: Record<string, string>) => ({
    currentPassword: TEST_PASSWORD,
    password: NEW_PASSWORD,
    confirmPassword: NEW_PASSWORD,
    ...form,
  });

  test('an empty form names every field', async () => {
    const agent = t.agent();
    await agent.signIn(user());
    const res = await agent.post('/account/password', {});
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /<title>Error: Change your password/);
    assert.match(res.body, /href="#currentPassword">Enter your current password/);
    assert.match(res.body, /href="#password">Enter a new password/);
    assert.match(res.body, /href="#confirmPassword">Enter your new password again/);
  });

  test('a wrong current password is refused and the password stays the same', async () => {
    const agent = t.agent();
    await agent.signIn(user());
    const res = await agent.post('/account/password', change({ currentPassword: 'not my password at all' }));
    assert.equal(res.statusCode, 400);
    assert.match(res.body, /href="#currentPassword">Your current password is not correct/);
    assert.doesNotMatch(res.body, /value="not my password at all"/, 'a password is never shown back');
    await t.agent().signIn(user());
  });

  test('a common password, a short one or one that does not match is refused', async () => {
    const agent = t.agent();
    await agent.signIn(user());
    const common = await agent.post('/account/password', change({ password: 'password1234', confirmPassword: 'password1234' }));
    assert.equal(common.statusCode, 400);
    assert.match(common.body, /href="#password">Password is too common/);
    const short = await agent.post('/account/password', change({ password: 'short words', confirmPassword: 'short words' }));
    assert.match(short.body, /href="#password">Password must be 12 characters or more/);
    const mismatch = await agent.post('/account/password', change({ confirmPassword: `${NEW_PASSWORD}!` }));
    assert.equal(mismatch.statusCode, 400);
    assert.match(mismatch.body, /href="#confirmPassword">The passwords do not match/);
    const same = await agent.post('/account/password', change({ password: TEST_PASSWORD, confirmPassword: TEST_PASSWORD }));
    assert.match(same.body, /New password must be different from your current password/);
    assert.equal((await auditRows(user().id, 'account.password_changed')).length, 0);
  });

  test('a new password ends your other sessions but not this one, and is audited', async () => {
    const here = t.agent();
    await here.signIn(user());
    const elsewhere = t.agent();
    await elsewhere.signIn(user());
    const someoneElse = t.agent();
    await someoneElse.signIn(p.users.analyst);

    const res = await here.post('/account/password', change({}));
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, '/account');

    const account = await here.get('/account');
    assert.equal(account.statusCode, 200, 'this session is kept');
    assert.match(account.body, /govuk-notification-banner--success/);
    assert.match(account.body, /Your password has been changed/);
    const again = await here.get('/account');
    assert.doesNotMatch(again.body, /Your password has been changed/, 'the message shows once');

    const ended = await elsewhere.get('/account');
    assert.equal(ended.statusCode, 302, 'the other session has ended');
    assert.equal(ended.headers.location, '/sign-in');
    assert.equal((await someoneElse.get('/account')).statusCode, 200, 'other users stay signed in');

    const old = await t.agent().post('/sign-in', { email: user().email, password: TEST_PASSWORD });
    assert.equal(old.statusCode, 401, 'the old password no longer works');
    await t.agent().signIn(user(), NEW_PASSWORD);

    const audit = await auditRows(user().id, 'account.password_changed');
    assert.equal(audit.length, 1);
    assert.equal(audit[0]!.subject_type, 'user');
    assert.equal(audit[0]!.subject_id, String(user().id));
    assert.equal(audit[0]!.actor_name, user().name);
    assert.ok(audit[0]!.request_id);
    assert.ok(Number(audit[0]!.details['otherSessionsEnded']) >= 1);
  });
});

describe('new recovery codes', () => {
  freshApp();
  const user = () => p.users.viewer;

  const signInWithCode = async (code: string) => {
    const agent = t.agent();
    const first = await agent.post('/sign-in', { email: user().email, password: TEST_PASSWORD });
    assert.equal(first.statusCode, 303);
    assert.equal(first.headers.location, '/sign-in/code');
    return { agent, res: await agent.post('/sign-in/code', { code }) };
  };

  test('the password must be entered first', async () => {
    const agent = t.agent();
    await agent.signIn(user());
    const page = await agent.get('/account/recovery-codes');
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /<title>Get new recovery codes - /);
    assert.match(page.body, /id="currentPassword" name="currentPassword" type="password"[^>]*autocomplete="current-password"/);
    const empty = await agent.post('/account/recovery-codes', {});
    assert.equal(empty.statusCode, 400);
    assert.match(empty.body, /href="#currentPassword">Enter your current password/);
    const wrong = await agent.post('/account/recovery-codes', { currentPassword: 'not my password at all' });
    assert.equal(wrong.statusCode, 400);
    assert.match(wrong.body, /href="#currentPassword">Your current password is not correct/);
    assert.deepEqual(recoveryCodes(wrong.body), []);
    assert.equal((await auditRows(user().id, 'mfa.recovery_codes_replaced')).length, 0);
  });

  test('new codes are shown once, replace the old ones and each works once', async () => {
    const agent = t.agent();
    await agent.signIn(user());
    const first = await agent.post('/account/recovery-codes', { currentPassword: TEST_PASSWORD });
    assert.equal(first.statusCode, 200);
    assert.match(first.body, /<h1 class="govuk-heading-l">Save your new recovery codes<\/h1>/);
    assert.equal(first.headers['cache-control'], 'no-store');
    const oldCodes = recoveryCodes(first.body);
    assert.equal(oldCodes.length, 10);

    const second = await agent.post('/account/recovery-codes', { currentPassword: TEST_PASSWORD });
    const newCodes = recoveryCodes(second.body);
    assert.equal(newCodes.length, 10);
    assert.ok(newCodes.every((c) => !oldCodes.includes(c)));
    assert.deepEqual(summaryRows((await agent.get('/account')).body).at(-1), ['Recovery codes left', '10']);
    assert.equal((await auditRows(user().id, 'mfa.recovery_codes_replaced')).length, 2);

    const withOld = await signInWithCode(oldCodes[0]!);
    assert.equal(withOld.res.statusCode, 401, 'a replaced code no longer works');

    const withNew = await signInWithCode(newCodes[0]!);
    assert.equal(withNew.res.statusCode, 200);
    assert.match(withNew.res.body, /You signed in with a recovery code/);
    assert.match(withNew.res.body, /You have 9 recovery codes left/);
    assert.equal((await withNew.agent.get('/')).statusCode, 200);

    const reused = await signInWithCode(newCodes[0]!);
    assert.equal(reused.res.statusCode, 401, 'a code works once');
    assert.deepEqual(summaryRows((await agent.get('/account')).body).at(-1), ['Recovery codes left', '9']);
  });
});
