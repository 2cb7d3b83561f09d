import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { userPaths } from './user-paths.ts';
import type { Services } from '../../platform/feature.ts';
import type { Actor } from '../audit/events.ts';
import { userForm } from './user-schemas.ts';
import {
  postedUserValues,
  statusOf,
  userFormValues,
  userFormView,
  userSummaryRows,
  userTableRows,
  type UserFormValues,
} from './user-view-models.ts';
import { noticeFrom } from '../../platform/http/notices.ts';

const ACCESS = 'users.manage';
const adminOnly = { config: { access: ACCESS } } as const;

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

  /** The add or change form, with the partnership's agencies to choose from. */
  const formPage = (
    reply: FastifyReply,
    page: { pageTitle: string; caption?: string; action: string; backHref: string; submitText: string; isSelf?: boolean; isNew: boolean },
    agencyList: readonly { id: number; name: string }[],
    values: UserFormValues,
    errors?: FormErrors,
  ) => reply.view('users/views/form.njk', { heading: page.pageTitle, ...page, errors, ...userFormView(values, agencyList) });

  const addPage = async (reply: FastifyReply, actor: Actor, values: UserFormValues, errors?: FormErrors) =>
    formPage(
      reply,
      { pageTitle: 'Add a user', action: userPaths.create(), backHref: userPaths.list(), submitText: 'Add user', isNew: true },
      await agencies.list(actor),
      values,
      errors,
    );

  /** The user page; a 404 if the user is not one of this partnership's. */
  const userPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    userId: number,
    extra: { errors?: FormErrors; flash?: string } = {},
  ) => {
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

  app.get(userPaths.list(), adminOnly, async (request, reply) => {
    const list = await users.list(actorFrom(request));
    return reply.view('users/views/list.njk', { pageTitle: 'Users', rows: userTableRows(list) });
  });

  // Not formRoutes(): a user added is answered with their invitation link itself (200), never a
  // redirect, because the link is shown once and stored nowhere it could be shown again.
  app.get(userPaths.create(), adminOnly, async (request, reply) => addPage(reply, actorFrom(request), BLANK));

  app.post(userPaths.create(), adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const form = validateForm(userForm, request.body);
    if (!form.ok) return addPage(reply.code(400), actor, postedUserValues(form.values), form.errors);
    const result = await users.create(actor, form.data);
    if (!result.ok) return addPage(reply.code(400), actor, postedUserValues(request.body), formErrors([[result.field, result.message]]));
    if (!result.invitationLink) throw new Error('a user added without a password must get an invitation link');
    return invitationPage(reply, { id: result.userId, name: form.data.name, email: form.data.email }, result.invitationLink, true);
  });

  app.get(userPaths.show(':id'), adminOnly, async (request, reply) => userPage(request, reply, recordIdFrom(request.params)));

  formRoutes(app, userPaths.edit(':id'), {
    access: ACCESS,
    // The user is found first, so an id from another partnership is a 404 whatever was posted.
    load: async (request) => {
      const actor = actorFrom(request);
      const user = await users.get(actor, recordIdFrom(request.params));
      return { user, isSelf: user.id === actor.userId, agencyList: await agencies.list(actor) };
    },
    values: ({ user }) => userFormValues(user),
    schema: userForm,
    render: (reply, { loaded: { user, isSelf, agencyList }, values, errors }) =>
      formPage(
        reply,
        {
          pageTitle: 'Change user details',
          caption: user.name,
          action: userPaths.edit(user.id),
          backHref: userPaths.show(user.id),
          submitText: 'Save changes',
          isSelf,
          isNew: false,
        },
        agencyList,
        postedUserValues(values),
        errors,
      ),
    save: async (request, { user }, data) => {
      const result = await users.update(actorFrom(request), user.id, data);
      if (!result.ok) return { errors: [[result.field, result.message]] };
      return { redirect: `${userPaths.show(user.id)}?done=changed` };
    },
  });

  app.post(userPaths.disable(':id'), adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const userId = recordIdFrom(request.params);
    const result = await users.setDisabled(actor, userId, true);
    if (!result.ok) return userPage(request, reply.code(400), userId, { errors: formErrors([['disable', result.message]]) });
    return reply.redirect(`${userPaths.show(userId)}?done=disabled`, 303);
  });

  app.post(userPaths.enable(':id'), adminOnly, async (request, reply) => {
    const userId = recordIdFrom(request.params);
    await users.setDisabled(actorFrom(request), userId, false);
    return reply.redirect(`${userPaths.show(userId)}?done=enabled`, 303);
  });

  app.post(userPaths.resetAuthenticator(':id'), adminOnly, async (request, reply) => {
    const userId = recordIdFrom(request.params);
    await users.resetAuthenticator(actorFrom(request), userId);
    return reply.redirect(`${userPaths.show(userId)}?done=reset`, 303);
  });

  app.post(userPaths.invite(':id'), adminOnly, async (request, reply) => {
    const actor = actorFrom(request);
    const user = await users.get(actor, recordIdFrom(request.params));
    // An invitation link does not work for a disabled user, so do not make one that would fail.
    if (user.disabled_at) return userPage(request, reply.code(400), user.id, { errors: formErrors([['invitation', ENABLE_FIRST]]) });
    const link = await users.invite(actor, user.id);
    return invitationPage(reply, user, link, false, user.id === actor.userId);
  });
}
