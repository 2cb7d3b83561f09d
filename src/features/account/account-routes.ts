import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
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
  /** What the account's services say when the password or the form is not right. */
  type Refused = Extract<Awaited<ReturnType<typeof account.changePassword>>, { ok: false }>;
  const ownAccount = { config: { access: 'account.manage-own' } } as const;
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

  app.get(accountPaths.show(), ownAccount, async (request, reply) => {
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

  /**
   * A page whose form asks for the user's password: GET shows it; POST (at most 10 in 15 minutes)
   * checks the form, hands it to save(), and shows the form again with what is wrong (400) or
   * what done() shows once it is saved.
   */
  function passwordForm<S extends z.ZodType, Saved extends { ok: true }>(
    url: string,
    page: { template: string; pageTitle: string },
    schema: S,
    save: (request: FastifyRequest, actor: AccountActor, data: z.output<S>) => Promise<Saved | Refused>,
    done: (reply: FastifyReply, saved: Saved) => FastifyReply,
  ): void {
    const show = (reply: FastifyReply, errors?: FormErrors) => reply.view(page.template, { pageTitle: page.pageTitle, errors });
    app.get(url, ownAccount, async (_request, reply) => show(reply));
    app.post(url, ownAccount, async (request, reply) => {
      const actor = accountActor(request);
      throttle(actor);
      const form = validateForm(schema, request.body);
      if (!form.ok) return show(reply.code(400), form.errors);
      const result = await save(request, actor, form.data);
      return result.ok ? done(reply, result) : show(reply.code(400), formErrors(result.problems));
    });
  }

  passwordForm(
    accountPaths.password(),
    { template: 'account/views/change-password.njk', pageTitle: 'Change your password' },
    changePasswordForm,
    (request, actor, data) => account.changePassword(actor, requireAuth(request).sessionHash, data),
    (reply) => reply.setCookie(flashCookie, 'password-changed', flashCookieOptions).redirect(accountPaths.show(), 303),
  );

  passwordForm(
    accountPaths.recoveryCodes(),
    { template: 'account/views/recovery-codes.njk', pageTitle: 'Get new recovery codes' },
    recoveryCodesForm,
    (_request, actor, data) => account.replaceRecoveryCodes(actor, data.currentPassword),
    // Shown once, straight from the POST: the codes are never stored or shown anywhere else.
    (reply, { recoveryCodes }) =>
      reply.view('account/views/new-recovery-codes.njk', { pageTitle: 'Save your new recovery codes', recoveryCodes }),
  );
}
