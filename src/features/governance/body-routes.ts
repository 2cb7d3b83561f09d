import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { deleteRoutes, quoted } from '../../platform/deletes.ts';
import { exportLinks, recordExportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { formRoutes, savedOr, type FormPage } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { can } from '../../platform/policies.ts';
import { kindName, roleName } from './body-kinds.ts';
import type { BodyRow } from './body-repository.ts';
import { governancePaths } from './governance-paths.ts';
import { bodyForm, deliversForm, memberForm } from './governance-schemas.ts';
import {
  blankBody,
  blankMember,
  bodyFormValues,
  bodyFormView,
  bodyHeading,
  deliversItems,
  meetingLabel,
  meetingsExport,
  memberFormView,
  membersExport,
  postedBodyValues,
  postedMemberValues,
  type MemberFormValues,
} from './governance-view-models.ts';

const read = { config: { access: 'governance.read' } } as const;
const manage = 'governance.edit';

/** A governance body's pages: adding and changing it, its page with members and what it delivers, and deleting it or a member. */
export default async function bodyRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { governance } = opts.services;

  /** The add or change form of a body: `body` is the one changed, none for a new body. */
  const bodyFormPage = (reply: FastifyReply, { loaded, values, errors }: FormPage<{ body?: BodyRow; bodies: BodyRow[] }>) => {
    const { body, bodies } = loaded;
    return reply.view('governance/views/body-form.njk', {
      pageTitle: body ? 'Change body' : 'Add a body',
      caption: body?.name,
      action: body ? governancePaths.bodies.edit(body.id) : governancePaths.bodies.create(),
      backHref: body ? governancePaths.bodies.show(body.id) : governancePaths.overview(),
      submitText: body ? 'Save changes' : 'Add body',
      errors,
      ...bodyFormView(postedBodyValues(values), bodies, body?.id),
    });
  };

  formRoutes(app, governancePaths.bodies.create(), {
    access: manage,
    load: async (request) => ({ bodies: await governance.listBodies(actorFrom(request)) }),
    values: () => ({ ...blankBody }),
    schema: bodyForm,
    render: bodyFormPage,
    save: async (request, _loaded, data) =>
      savedOr(await governance.createBody(actorFrom(request), data), ({ bodyId }) => `${governancePaths.bodies.show(bodyId)}?done=added`),
  });

  formRoutes(app, governancePaths.bodies.edit(':id'), {
    access: manage,
    load: async (request) => {
      const actor = actorFrom(request);
      return { body: (await governance.getBody(actor, recordIdFrom(request.params))).body, bodies: await governance.listBodies(actor) };
    },
    values: ({ body }) => ({ ...bodyFormValues(body) }),
    schema: bodyForm,
    render: bodyFormPage,
    save: async (request, { body }, data) =>
      savedOr(await governance.updateBody(actorFrom(request), body.id, data), () => `${governancePaths.bodies.show(body.id)}?done=changed`),
  });

  /** A body's page; `extra` has the errors and values of a form on it (add a member) when it is shown again. */
  const bodyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    bodyId: number,
    extra: { errors?: FormErrors; memberValues?: MemberFormValues } = {},
  ) => {
    const actor = actorFrom(request);
    const data = await governance.getBody(actor, bodyId);
    const notices = {
      added: `${data.body.name} has been added`,
      changed: 'The body has been changed',
      member: 'The member has been added',
      removed: 'The member has been removed',
      delivers: 'The priorities and themes have been saved',
      'meeting-deleted': 'The meeting has been deleted',
    };
    return reply.view('governance/views/body.njk', {
      pageTitle: bodyHeading(data.body),
      heading: bodyHeading(data.body),
      memberExports: exportLinks((format) => governancePaths.bodies.membersExport(bodyId, format), `the members of ${data.body.name}`),
      meetingExports: exportLinks((format) => governancePaths.bodies.meetingsExport(bodyId, format), `the meetings of ${data.body.name}`),
      body: data.body,
      kind: kindName(data.body.kind),
      parent: data.parent,
      reportingToIt: data.reportingToIt,
      members: data.members.map((m) => ({ ...m, roleName: roleName(m.role) })),
      meetings: data.meetings.map((m) => ({ ...m, label: meetingLabel(m) })),
      priorityItems: deliversItems(data.priorities, data.delivers.priorityIds),
      themeItems: deliversItems(data.themes, data.delivers.themeIds),
      deliveredPriorities: data.priorities.filter((p) => data.delivers.priorityIds.includes(p.id)),
      deliveredThemes: data.themes.filter((t) => data.delivers.themeIds.includes(t.id)),
      ...(can(requireAuth(request), manage)
        ? memberFormView(extra.memberValues ?? blankMember, await governance.memberChoices(actor))
        : {}),
      errors: extra.errors,
      flash: extra.errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(governancePaths.bodies.show(':id'), read, async (request, reply) => bodyPage(request, reply, recordIdFrom(request.params)));
  recordExportRoutes(app, 'governance.read', governancePaths.bodies.membersExport, async (actor, id) => {
    const { body, members } = await governance.getBody(actor, id);
    return membersExport(body, members);
  });
  recordExportRoutes(app, 'governance.read', governancePaths.bodies.meetingsExport, async (actor, id) => {
    const { body, meetings } = await governance.getBody(actor, id);
    return meetingsExport(body, meetings);
  });

  deleteRoutes(app, governancePaths.bodies.remove, {
    access: manage,
    find: governance.bodyDeletion,
    remove: governance.deleteBody,
    what: (body) => `the body ${quoted(body.name)}`,
    caption: (body) => kindName(body.kind),
    back: (body) => governancePaths.bodies.show(body.id),
    done: () => `${governancePaths.overview()}?done=deleted`,
  });

  app.post(governancePaths.bodies.members(':id'), { config: { access: manage } }, async (request, reply) => {
    const actor = actorFrom(request);
    const bodyId = recordIdFrom(request.params);
    await governance.findBodyForMeeting(actor, bodyId);
    const form = validateForm(memberForm, request.body);
    const memberValues = postedMemberValues(request.body);
    if (!form.ok) return bodyPage(request, reply.code(400), bodyId, { errors: form.errors, memberValues });
    const result = await governance.addMember(actor, bodyId, form.data);
    if (!result.ok) {
      return bodyPage(request, reply.code(400), bodyId, { errors: formErrors([[result.field, result.message]]), memberValues });
    }
    return reply.redirect(`${governancePaths.bodies.show(bodyId)}?done=member#members`, 303);
  });

  deleteRoutes(app, governancePaths.removeMember, {
    access: manage,
    find: governance.memberDeletion,
    remove: governance.removeMember,
    what: (member) => `the member ${quoted(member.person_name)}`,
    back: (member) => `${governancePaths.bodies.show(member.body_id)}#members`,
    done: 'removed',
  });

  app.post(governancePaths.bodies.delivers(':id'), { config: { access: manage } }, async (request, reply) => {
    const bodyId = recordIdFrom(request.params);
    const form = validateForm(deliversForm, request.body);
    if (!form.ok) return bodyPage(request, reply.code(400), bodyId, { errors: form.errors });
    await governance.setDelivers(actorFrom(request), bodyId, form.data.priorities, form.data.themes);
    return reply.redirect(`${governancePaths.bodies.show(bodyId)}?done=delivers#delivers`, 303);
  });
}
