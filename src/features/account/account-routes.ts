import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.ts';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import type { Services } from '../../platform/feature.ts';
import { accountPaths } from './account-paths.ts';
import type { AccountActor } from './account-service.ts';
import { changePasswordForm, recoveryCodesForm } from './account-schemas.ts';
import { accountSummaryRows } from './account-view-models.ts';

/** Messages shown once on the account page after a change; the cookie carries only the key. */
const flashMessages = {
  'password-changed': 'Your password has been changed. Anywhere else you were signed in has been signed out.',
} as const;
type FlashKey = keyof typeof flashMessages;
const isFlashKey = (value: string | undefined): value is FlashKey => value !== undefined && Object.hasOwn(flashMessages, value);

/** The signed-in user's own pages: their account, a new password and new recovery codes. */
export default async function accountRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { account } = opts.services;
  const secure = app.config.session.secureCookies;
  const flashCookie = secure ? '__Host-safer-flash' : 'safer-flash';
  const flashCookieOptions = { path: '/', httpOnly: true, secure, sameSite: 'lax' as const };
  // Checking a password is slow on purpose; this stops one session being used to guess it.
  const limiter = createRateLimiter({ limit: 10, windowMs: 15 * 60_000 });

  const accountActor = (request: FastifyRequest): AccountActor => ({ ...actorFrom(request), userId: requireAuth(request).userId });
  const throttle = (actor: AccountActor) => {
    if (!limiter.take(`${actor.partnershipId}:${actor.userId}`)) {
      throw new AppError('TOO_MANY_REQUESTS', 'You have entered your password too many times. Wait 15 minutes and try again.');
    }
  };

  app.get(accountPaths.show(), { config: { access: 'account.manage-own' } }, async (request, reply) => {
    const overview = await account.overview(accountActor(request));
    const key = request.cookies[flashCookie];
    if (key !== undefined) reply.clearCookie(flashCookie, flashCookieOptions);
    return reply.view('account/views/account.njk', {
      pageTitle: 'Your account',
      rows: accountSummaryRows(overview),
      recoveryCodesLeft: overview.recoveryCodesLeft,
      flash: isFlashKey(key) ? flashMessages[key] : undefined,
    });
  });

  const passwordPage = (reply: FastifyReply, errors?: FormErrors) =>
    reply.view('account/views/change-password.njk', { pageTitle: 'Change your password', errors });

  app.get(accountPaths.password(), { config: { access: 'account.manage-own' } }, async (_request, reply) => passwordPage(reply));

  app.post(accountPaths.password(), { config: { access: 'account.manage-own' } }, async (request, reply) => {
    const actor = accountActor(request);
    throttle(actor);
    const form = validateForm(changePasswordForm, request.body);
    if (!form.ok) return passwordPage(reply.code(400), form.errors);
    const result = await account.changePassword(actor, requireAuth(request).sessionHash, form.data);
    if (!result.ok) return passwordPage(reply.code(400), formErrors(result.problems));
    reply.setCookie(flashCookie, 'password-changed', flashCookieOptions);
    return reply.redirect(accountPaths.show(), 303);
  });

  const recoveryCodesPage = (reply: FastifyReply, errors?: FormErrors) =>
    reply.view('account/views/recovery-codes.njk', { pageTitle: 'Get new recovery codes', errors });

  app.get(accountPaths.recoveryCodes(), { config: { access: 'account.manage-own' } }, async (_request, reply) => recoveryCodesPage(reply));

  app.post(accountPaths.recoveryCodes(), { config: { access: 'account.manage-own' } }, async (request, reply) => {
    const actor = accountActor(request);
    throttle(actor);
    const form = validateForm(recoveryCodesForm, request.body);
    if (!form.ok) return recoveryCodesPage(reply.code(400), form.errors);
    const result = await account.replaceRecoveryCodes(actor, form.data.currentPassword);
    if (!result.ok) return recoveryCodesPage(reply.code(400), formErrors(result.problems));
    // Shown once, straight from the POST: the codes are never stored or shown anywhere else.
    return reply.view('account/views/new-recovery-codes.njk', {
      pageTitle: 'Save your new recovery codes',
      recoveryCodes: result.recoveryCodes,
    });
  });
}
