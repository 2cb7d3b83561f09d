import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { paths, routes } from '../../platform/paths.ts';
import type { Services } from '../../platform/feature.ts';
import type { Actor } from '../audit/events.ts';
import { userForm } from './user-schemas.ts';
import { postedUserValues, statusOf, userFormValues, userFormView, userSummaryRows, userTableRows, type UserFormValues } from './user-view-models.ts';
import { noticeFrom } from '../../platform/http/notices.ts';

const adminOnly = { config: { access: 'users.manage' } } as const;

const BLANK: UserFormValues = { name: '', email: '', agencyId: '', role: '' };

/** What was just done on the user page (?done=), for its success message. */
const notices = (name: string) => ({
  changed: `The details for ${name} have been changed`,
  disabled: `${name} has been disabled and signed out`,
  enabled: `${name} has been enabled and can sign in again`,
  reset: `The authenticator app for ${name} has been reset. They will set up a new one the next time they sign in`,
});

const ENABLE_FIRST = 'Enable this user before you create an invitation link for them';

/** The partnership's users: list, add (with an invitation link), view, change, disable and enable. Administrators only. */
export default async function userRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { users, agencies } = opts.services;

  const formPage = async (
    reply: FastifyReply,
    actor: Actor,
    page: { pageTitle: string; caption?: string; action: string; backHref: string; submitText: string; isSelf?: boolean; isNew: boolean },
    values: UserFormValues,
    errors?: FormErrors,
  ) => {
    const agencyList = await agencies.list(actor);
    return reply.view('users/views/form.njk', { heading: page.pageTitle, ...page, errors, ...userFormView(values, agencyList) });
  };

  const addPage = (reply: FastifyReply, actor: Actor, values: UserFormValues, errors?: FormErrors) =>
    formPage(reply, actor, { pageTitle: 'Add a user', action: paths.admin.users.create(), backHref: paths.admin.users.list(), submitText: 'Add user', isNew: true }, values, errors);

  const changePage = (reply: FastifyReply, actor: Actor, user: { id: number; name: string }, values: UserFormValues, errors?: FormErrors) =>
    formPage(
      reply,
      actor,
      {
        pageTitle: 'Change user details',
        caption: user.name,
        action: paths.admin.users.edit(user.id),
        backHref: paths.admin.users.show(user.id),
        submitText: 'Save changes',
        isSelf: user.id === actor.userId,
        isNew: false,
      },
      values,
      errors,
    );

  /** The user page; a 404 if the user is not one of this partnership's. */
  const userPage = async (request: FastifyRequest, reply: FastifyReply, userId: number, extra: { errors?: FormErrors; flash?: string } = {}) => {
    const actor = actorFrom(request);
    const user = await users.get(actor, userId);
    const agency = await agencies.get(actor, user.agency_id);
    return reply.view('users/views/show.njk', {
      pageTitle: user.name,
      user: { id: user.id, name: user.name },
      rows: userSummaryRows(user, agency.name),
      status: statusOf(user),
      isSelf: user.id === actor.userId,
      flash: extra.flash ?? (extra.errors ? undefined : noticeFrom(request, notices(user.name))),
      errors: extra.errors,
    });
  };

  const invitationPage = (
    reply: FastifyReply,
    user: { id: number; name: string; email: string },
    link: string,
    added: boolean,
    isSelf = false,
  ) =>
    reply.view('users/views/invitation-link.njk', {
      pageTitle: added ? 'User added' : 'New invitation link',
      user,
      link,
      added,
      isSelf,
    });

  app.get(paths.admin.users.list(), adminOnly, async (request, reply) => {
    const list = await users.list(actorFrom(request));
    return reply.view('users/views/list.njk', { pageTitle: 'Users', rows: userTableRows(list) });
  });

  app.get(paths.admin.users.create(), adminOnly, async (request, reply) => addPage(reply, actorFrom(request), BLANK));

  app.post(paths.admin.users.create(), adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const form = validateForm(userForm, request.body);
    if (!form.ok) return addPage(reply.code(400), actor, postedUserValues(form.values), form.errors);
    const result = await users.create(actor, form.data);
    if (!result.ok) return addPage(reply.code(400), actor, postedUserValues(request.body), formErrors([[result.field, result.message]]));
    if (!result.invitationLink) throw new Error('a user added without a password must get an invitation link');
    return invitationPage(reply, { id: result.userId, name: form.data.name, email: form.data.email }, result.invitationLink, true);
  });

  app.get(routes.userShow, adminOnly, async (request, reply) => userPage(request, reply, recordIdFrom(request.params)));

  app.get(routes.userEdit, adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const user = await users.get(actor, recordIdFrom(request.params));
    return changePage(reply, actor, user, userFormValues(user));
  });

  app.post(routes.userEdit, adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    // Find the user first, so an id from another partnership is a 404 whatever was posted.
    const user = await users.get(actor, recordIdFrom(request.params));
    const form = validateForm(userForm, request.body);
    if (!form.ok) return changePage(reply.code(400), actor, user, postedUserValues(form.values), form.errors);
    const result = await users.update(actor, user.id, form.data);
    if (!result.ok) return changePage(reply.code(400), actor, user, postedUserValues(request.body), formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.admin.users.show(user.id)}?done=changed`, 303);
  });

  app.post(routes.userDisable, adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const userId = recordIdFrom(request.params);
    const result = await users.setDisabled(actor, userId, true);
    if (!result.ok) return userPage(request, reply.code(400), userId, { errors: formErrors([['disable', result.message]]) });
    return reply.redirect(`${paths.admin.users.show(userId)}?done=disabled`, 303);
  });

  app.post(routes.userEnable, adminOnly, async (request, reply) => {
    const userId = recordIdFrom(request.params);
    await users.setDisabled(actorFrom(request), userId, false);
    return reply.redirect(`${paths.admin.users.show(userId)}?done=enabled`, 303);
  });

  app.post(routes.userResetAuthenticator, adminOnly, async (request, reply) => {
    const userId = recordIdFrom(request.params);
    await users.resetAuthenticator(actorFrom(request), userId);
    return reply.redirect(`${paths.admin.users.show(userId)}?done=reset`, 303);
  });

  app.post(routes.userInvite, adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const user = await users.get(actor, recordIdFrom(request.params));
    // An invitation link does not work for a disabled user, so do not make one that would fail.
    if (user.disabled_at) return userPage(request, reply.code(400), user.id, { errors: formErrors([['invitation', ENABLE_FIRST]]) });
    const link = await users.invite(actor, user.id);
    return invitationPage(reply, user, link, false, user.id === actor.userId);
  });
}
