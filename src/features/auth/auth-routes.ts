import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError } from '../../platform/errors.ts';
import { formErrors, validateForm } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { createRateLimiter } from '../../platform/rate-limit.ts';
import type { Services } from '../../platform/feature.ts';
import { demoSignInHelp } from '../demo/demo-sign-in.ts';
import { homePaths } from '../home/home-paths.ts';
import { authPaths, authRoutePatterns as routes } from './auth-paths.ts';
import { codeForm, newPasswordForm, signInForm } from './auth-schemas.ts';
import { otpauthUri } from './totp.ts';

/** The pages sign-in goes between, named as templates name them. */
const paths = { ...homePaths, ...authPaths };

const INVALID = 'Enter a correct email address and password';
const LOCKED = 'There have been too many failed attempts. Wait 15 minutes and try again';

export default async function authRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { auth } = opts.services;
  const limiter = createRateLimiter({ limit: 30, windowMs: 5 * 60_000 });
  const info = (request: FastifyRequest) => ({ requestId: request.id, ip: request.ip });
  const throttle = (request: FastifyRequest) => {
    if (!limiter.take(request.ip)) throw new AppError('TOO_MANY_REQUESTS', 'Wait 5 minutes and try again.');
  };

  // Only a demo deployment names its demo users; a real one never does.
  const demo = app.demo ? demoSignInHelp() : undefined;
  const signInPage = (reply: FastifyReply, context: Record<string, unknown> = {}) =>
    reply.view('auth/views/sign-in.njk', { pageTitle: 'Sign in', demo, ...context });

  app.get(paths.signIn(), { config: { access: 'public' } }, async (request, reply) => {
    if (request.auth?.stage === 'full') return reply.redirect(paths.home());
    return signInPage(reply);
  });

  app.post(paths.signIn(), { config: { access: 'public' } }, async (request, reply) => {
    throttle(request);
    const form = validateForm(signInForm, request.body);
    if (!form.ok) return signInPage(reply.code(400), { errors: form.errors, values: form.values });
    const result = await auth.signIn(form.data.email, form.data.password, info(request));
    if (result.kind !== 'signed-in') {
      const message = result.kind === 'locked' ? LOCKED : INVALID;
      return signInPage(reply.code(result.kind === 'locked' ? 429 : 401), {
        errors: formErrors([['email', message]]),
        values: { email: form.data.email },
      });
    }
    reply.setSessionCookie(result.token).rotateCsrfToken();
    return reply.redirect(result.stage === 'mfa' ? paths.signInCode() : paths.signInSetUp(), 303);
  });

  app.get(paths.signInCode(), { config: { access: 'pending' } }, async (request, reply) => {
    if (requireAuth(request).stage !== 'mfa') return reply.redirect(paths.signInSetUp());
    return reply.view('auth/views/code.njk', { pageTitle: 'Enter the code from your authenticator app' });
  });

  app.post(paths.signInCode(), { config: { access: 'pending' } }, async (request, reply) => {
    throttle(request);
    const session = requireAuth(request);
    if (session.stage !== 'mfa') return reply.redirect(paths.signInSetUp(), 303);
    const form = validateForm(codeForm, request.body);
    const page = (errors: ReturnType<typeof formErrors>, status: number) =>
      reply.code(status).view('auth/views/code.njk', { pageTitle: 'Enter the code from your authenticator app', errors });
    if (!form.ok) return page(form.errors, 400);
    const result = await auth.verifySecondFactor(session, form.data.code, info(request));
    if (result.kind === 'locked') {
      reply.clearSessionCookie();
      return signInPage(reply.code(429), { errors: formErrors([['email', LOCKED]]) });
    }
    if (result.kind === 'invalid')
      return page(formErrors([['code', 'The code is not correct or has already been used. Enter the current code']]), 401);
    reply.setSessionCookie(result.token).rotateCsrfToken();
    if (result.usedRecoveryCode) {
      return reply.view('auth/views/recovery-code-used.njk', {
        pageTitle: 'You signed in with a recovery code',
        recoveryCodesLeft: result.recoveryCodesLeft,
      });
    }
    return reply.redirect(paths.home(), 303);
  });

  const setUpPage = async (request: FastifyRequest, reply: FastifyReply, errors?: ReturnType<typeof formErrors>) => {
    const session = requireAuth(request);
    const secret = await auth.pendingSecret(session);
    const uri = otpauthUri(secret, session.email, `Safer (${session.partnershipName})`);
    const qr = await QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
    return reply.view('auth/views/set-up-authenticator.njk', {
      pageTitle: 'Set up your authenticator app',
      secretGroups: secret.match(/.{1,4}/g)?.join(' '),
      qrSvg: qr.replace('<svg ', '<svg role="img" aria-label="QR code for your authenticator app" focusable="false" '),
      errors,
    });
  };

  app.get(paths.signInSetUp(), { config: { access: 'pending' } }, async (request, reply) => {
    if (requireAuth(request).stage !== 'setup') return reply.redirect(paths.signInCode());
    return setUpPage(request, reply);
  });

  app.post(paths.signInSetUp(), { config: { access: 'pending' } }, async (request, reply) => {
    throttle(request);
    const session = requireAuth(request);
    if (session.stage !== 'setup') return reply.redirect(paths.signInCode(), 303);
    const form = validateForm(codeForm, request.body);
    if (!form.ok) return setUpPage(request, reply.code(400), form.errors);
    const result = await auth.completeSetUp(session, form.data.code, info(request));
    if (result.kind === 'invalid') {
      return setUpPage(request, reply.code(400), formErrors([['code', 'The code is not correct. Enter the code your app shows now']]));
    }
    reply.setSessionCookie(result.token).rotateCsrfToken();
    return reply.view('auth/views/recovery-codes.njk', {
      pageTitle: 'Save your recovery codes',
      recoveryCodes: result.recoveryCodes,
    });
  });

  app.post(paths.signOut(), { config: { access: 'public' } }, async (request, reply) => {
    if (request.auth) await auth.signOut(request.auth, actorFrom(request));
    reply.clearSessionCookie().rotateCsrfToken();
    return reply.view('auth/views/signed-out.njk', { pageTitle: 'You have signed out', auth: null, navigation: [] });
  });

  app.get(routes.invitation, { config: { access: 'public' } }, async (request, reply) => {
    const { token } = request.params as { token: string };
    const invitation = await auth.findInvitation(token);
    if (!invitation) return reply.code(404).view('auth/views/invitation-expired.njk', { pageTitle: 'This link has expired' });
    return reply.view('auth/views/invitation.njk', { pageTitle: 'Create your password', invitation });
  });

  app.post(routes.invitation, { config: { access: 'public' } }, async (request, reply) => {
    throttle(request);
    const { token } = request.params as { token: string };
    const invitation = await auth.findInvitation(token);
    if (!invitation) return reply.code(404).view('auth/views/invitation-expired.njk', { pageTitle: 'This link has expired' });
    const page = (errors: ReturnType<typeof formErrors>) =>
      reply.code(400).view('auth/views/invitation.njk', { pageTitle: 'Create your password', invitation, errors });
    const form = validateForm(newPasswordForm, request.body);
    if (!form.ok) return page(form.errors);
    const result = await auth.acceptInvitation(token, form.data.password, info(request));
    if (result.kind === 'expired') return reply.code(404).view('auth/views/invitation-expired.njk', { pageTitle: 'This link has expired' });
    if (result.kind === 'used') {
      return reply.code(409).view('auth/views/invitation-used.njk', { pageTitle: 'This link has already been used' });
    }
    if (result.kind === 'weak') return page(formErrors([['password', result.message]]));
    return reply.view('auth/views/invitation-done.njk', { pageTitle: 'Your password is set' });
  });
}
