import { priorityActionItems } from '../action-plans/action-plan-view-models.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import type { Services } from '../../services.ts';
import type { Actor } from '../audit/events.ts';
import fundingRoutes from '../funding/funding-routes.ts';
import { attendanceCsv } from './attendance.ts';
import { kindName, roleName } from './body-kinds.ts';
import { agendaItemForm, attendanceOptionsFrom, bodyForm, decisionForm, idList, memberForm, moveForm, parseAttendance, validateMeeting } from './governance-schemas.ts';
import type { BodyRow } from './governance-repository.ts';
import { structureDiagramSvg } from './structure-diagram.ts';
import {
  attendanceFormRows,
  attendanceTableRows,
  blankBody,
  blankMeeting,
  blankMember,
  bodyFormValues,
  bodyFormView,
  bodyGroups,
  dateError,
  dateInputItems,
  deliversItems,
  meetingFormValues,
  meetingLabel,
  memberFormView,
  postedBodyValues,
  postedMeetingValues,
  postedMemberValues,
  structureRows,
  type BodyFormValues,
  type MeetingFormValues,
  type MemberFormValues,
} from './governance-view-models.ts';

const manage = { config: { access: ['admin', 'coordinator'] as const } };

const canManage = (request: FastifyRequest) => {
  const role = requireAuth(request).role;
  return role === 'admin' || role === 'coordinator';
};

const toDiagram = (bodies: readonly BodyRow[]) =>
  bodies.map((b) => ({ id: b.id, name: b.name, shortName: b.short_name, kind: b.kind, reportsToBodyId: b.reports_to_body_id }));

/** Governance: bodies and their members, the structure diagram, meetings and the attendance report. Funding is registered here too. */
export default async function governanceRoutes(app: FastifyInstance, opts: { services: Services }) {
  const { governance } = opts.services;

  await app.register(fundingRoutes, { services: opts.services });

  // Bodies

  app.get(paths.governance.overview(), async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/overview.njk', { pageTitle: 'Governance', groups: bodyGroups(bodies), canManage: canManage(request) });
  });

  app.get(paths.governance.structure(), async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/structure.njk', {
      pageTitle: 'Governance structure',
      svg: structureDiagramSvg(toDiagram(bodies), { title: `${requireAuth(request).partnershipName} governance structure` }),
      rows: structureRows(bodies),
      hasBodies: bodies.length > 0,
    });
  });

  const bodyFormPage = async (reply: FastifyReply, actor: Actor, values: BodyFormValues, body?: BodyRow, errors?: FormErrors) => {
    const bodies = await governance.listBodies(actor);
    return reply.view('governance/views/body-form.njk', {
      pageTitle: body ? 'Change body' : 'Add a body',
      caption: body?.name,
      action: body ? paths.governance.bodies.edit(body.id) : paths.governance.bodies.create(),
      backHref: body ? paths.governance.bodies.show(body.id) : paths.governance.overview(),
      submitText: body ? 'Save changes' : 'Add body',
      errors,
      ...bodyFormView(values, bodies, body?.id),
    });
  };

  app.get(paths.governance.bodies.create(), manage, async (request, reply) => bodyFormPage(reply, actorFrom(request), blankBody));

  app.post(paths.governance.bodies.create(), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const form = validateForm(bodyForm, request.body);
    if (!form.ok) return bodyFormPage(reply.code(400), actor, postedBodyValues(request.body), undefined, form.errors);
    const result = await governance.createBody(actor, form.data);
    if (!result.ok) return bodyFormPage(reply.code(400), actor, postedBodyValues(request.body), undefined, formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.governance.bodies.show(result.bodyId)}?done=added`, 303);
  });

  const bodyPage = async (request: FastifyRequest, reply: FastifyReply, bodyId: number, extra: { errors?: FormErrors; memberValues?: MemberFormValues } = {}) => {
    const actor = actorFrom(request);
    const data = await governance.getBody(actor, bodyId);
    const manager = canManage(request);
    const done = (request.query as Record<string, unknown> | undefined)?.['done'];
    const flashes: Record<string, string> = {
      added: `${data.body.name} has been added`,
      changed: 'The body has been changed',
      member: 'The member has been added',
      removed: 'The member has been removed',
      delivers: 'The priorities and themes have been saved',
    };
    return reply.view('governance/views/body.njk', {
      pageTitle: data.body.name,
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
      canManage: manager,
      ...(manager ? memberFormView(extra.memberValues ?? blankMember, await governance.memberChoices(actor)) : {}),
      errors: extra.errors,
      flash: !extra.errors && typeof done === 'string' ? flashes[done] : undefined,
    });
  };

  app.get(paths.governance.bodies.show(':id'), async (request, reply) => bodyPage(request, reply, recordIdFrom(request.params)));

  app.get(paths.governance.bodies.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { body } = await governance.getBody(actor, recordIdFrom(request.params));
    return bodyFormPage(reply, actor, bodyFormValues(body), body);
  });

  app.post(paths.governance.bodies.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { body } = await governance.getBody(actor, recordIdFrom(request.params));
    const form = validateForm(bodyForm, request.body);
    if (!form.ok) return bodyFormPage(reply.code(400), actor, postedBodyValues(request.body), body, form.errors);
    const result = await governance.updateBody(actor, body.id, form.data);
    if (!result.ok) return bodyFormPage(reply.code(400), actor, postedBodyValues(request.body), body, formErrors([[result.field, result.message]]));
    return reply.redirect(`${paths.governance.bodies.show(body.id)}?done=changed`, 303);
  });

  app.post(paths.governance.bodies.members(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const bodyId = recordIdFrom(request.params);
    await governance.findBodyForMeeting(actor, bodyId);
    const form = validateForm(memberForm, request.body);
    if (!form.ok) return bodyPage(request, reply.code(400), bodyId, { errors: form.errors, memberValues: postedMemberValues(request.body) });
    const result = await governance.addMember(actor, bodyId, form.data);
    if (!result.ok) return bodyPage(request, reply.code(400), bodyId, { errors: formErrors([[result.field, result.message]]), memberValues: postedMemberValues(request.body) });
    return reply.redirect(`${paths.governance.bodies.show(bodyId)}?done=member#members`, 303);
  });

  app.post(paths.governance.removeMember(':id'), manage, async (request, reply) => {
    const bodyId = await governance.removeMember(actorFrom(request), recordIdFrom(request.params));
    return reply.redirect(`${paths.governance.bodies.show(bodyId)}?done=removed#members`, 303);
  });

  app.post(paths.governance.bodies.delivers(':id'), manage, async (request, reply) => {
    const bodyId = recordIdFrom(request.params);
    const values = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
    await governance.setDelivers(actorFrom(request), bodyId, idList(values['priorities']), idList(values['themes']));
    return reply.redirect(`${paths.governance.bodies.show(bodyId)}?done=delivers#delivers`, 303);
  });

  // Meetings

  const meetingFormPage = (
    reply: FastifyReply,
    page: { body: { id: number; name: string }; meetingId?: number },
    values: MeetingFormValues,
    errors?: FormErrors,
  ) =>
    reply.view('governance/views/meeting-form.njk', {
      pageTitle: page.meetingId ? 'Change meeting' : 'Add a meeting',
      caption: page.body.name,
      action: page.meetingId ? paths.governance.meetings.edit(page.meetingId) : paths.governance.bodies.newMeeting(page.body.id),
      backHref: page.meetingId ? paths.governance.meetings.show(page.meetingId) : paths.governance.bodies.show(page.body.id),
      submitText: page.meetingId ? 'Save changes' : 'Add meeting',
      isNew: !page.meetingId,
      values,
      dateItems: dateInputItems('heldOn', values, errors?.fields),
      dateError: dateError('heldOn', errors?.fields),
      errors,
    });

  app.get(paths.governance.bodies.newMeeting(':id'), manage, async (request, reply) => {
    const body = await governance.findBodyForMeeting(actorFrom(request), recordIdFrom(request.params));
    return meetingFormPage(reply, { body }, blankMeeting);
  });

  app.post(paths.governance.bodies.newMeeting(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const body = await governance.findBodyForMeeting(actor, recordIdFrom(request.params));
    const form = validateMeeting(request.body);
    if (!form.ok) return meetingFormPage(reply.code(400), { body }, postedMeetingValues(request.body), form.errors);
    const meetingId = await governance.createMeeting(actor, body.id, form.data);
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=added`, 303);
  });

  const meetingPage = async (request: FastifyRequest, reply: FastifyReply, meetingId: number, errors?: FormErrors) => {
    const actor = actorFrom(request);
    const data = await governance.getMeeting(actor, meetingId);
    const meetingActions = priorityActionItems(await opts.services.actionPlans.actionsForMeeting(actor, meetingId));
    const done = (request.query as Record<string, unknown> | undefined)?.['done'];
    const flashes: Record<string, string> = {
      added: 'The meeting has been added',
      changed: 'The meeting has been changed',
      agenda: 'The agenda has been changed',
      attendance: 'The attendance has been saved',
      decisions: 'The decisions have been changed',
    };
    const rows = attendanceFormRows(data.agencies, data.attendance, data.memberAgencyIds);
    return reply.view('governance/views/meeting.njk', {
      pageTitle: meetingLabel(data.meeting),
      meeting: data.meeting,
      heading: meetingLabel(data.meeting),
      agenda: data.agenda,
      decisions: data.decisions,
      attendanceRows: rows,
      attended: rows.filter((r) => r.attended),
      meetingActions,
      canManage: canManage(request),
      errors,
      flash: !errors && typeof done === 'string' ? flashes[done] : undefined,
    });
  };

  app.get(paths.governance.meetings.show(':id'), async (request, reply) => meetingPage(request, reply, recordIdFrom(request.params)));

  app.get(paths.governance.meetings.edit(':id'), manage, async (request, reply) => {
    const { meeting } = await governance.getMeeting(actorFrom(request), recordIdFrom(request.params));
    return meetingFormPage(reply, { body: { id: meeting.body_id, name: meeting.body_name }, meetingId: meeting.id }, meetingFormValues(meeting));
  });

  app.post(paths.governance.meetings.edit(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const { meeting } = await governance.getMeeting(actor, recordIdFrom(request.params));
    const form = validateMeeting(request.body);
    const page = { body: { id: meeting.body_id, name: meeting.body_name }, meetingId: meeting.id };
    if (!form.ok) return meetingFormPage(reply.code(400), page, postedMeetingValues(request.body), form.errors);
    await governance.updateMeeting(actor, meeting.id, form.data);
    return reply.redirect(`${paths.governance.meetings.show(meeting.id)}?done=changed`, 303);
  });

  app.post(paths.governance.meetings.agenda(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const meetingId = recordIdFrom(request.params);
    await governance.getMeeting(actor, meetingId);
    const form = validateForm(agendaItemForm, request.body);
    if (!form.ok) return meetingPage(request, reply.code(400), meetingId, form.errors);
    await governance.addAgendaItem(actor, meetingId, form.data.title);
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=agenda#agenda`, 303);
  });

  app.post(paths.governance.removeAgendaItem(':id'), manage, async (request, reply) => {
    const meetingId = await governance.removeAgendaItem(actorFrom(request), recordIdFrom(request.params));
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=agenda#agenda`, 303);
  });

  app.post(paths.governance.moveAgendaItem(':id'), manage, async (request, reply) => {
    const itemId = recordIdFrom(request.params);
    const form = moveForm.safeParse(request.body ?? {});
    const meetingId = await governance.moveAgendaItem(actorFrom(request), itemId, form.success ? form.data.direction : 'up');
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=agenda#agenda`, 303);
  });

  app.post(paths.governance.meetings.attendance(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const meetingId = recordIdFrom(request.params);
    const data = await governance.getMeeting(actor, meetingId);
    await governance.saveAttendance(actor, meetingId, parseAttendance(request.body, data.agencies.map((a) => a.id)));
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=attendance#attendance`, 303);
  });

  app.post(paths.governance.meetings.decisions(':id'), manage, async (request, reply) => {
    const actor = actorFrom(request);
    const meetingId = recordIdFrom(request.params);
    await governance.getMeeting(actor, meetingId);
    const form = validateForm(decisionForm, request.body);
    if (!form.ok) return meetingPage(request, reply.code(400), meetingId, form.errors);
    await governance.addDecision(actor, meetingId, form.data.decision);
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=decisions#decisions`, 303);
  });

  app.post(paths.governance.removeDecision(':id'), manage, async (request, reply) => {
    const meetingId = await governance.removeDecision(actorFrom(request), recordIdFrom(request.params));
    return reply.redirect(`${paths.governance.meetings.show(meetingId)}?done=decisions#decisions`, 303);
  });

  // Attendance report

  app.get(paths.governance.attendance(), async (request, reply) => {
    const options = attendanceOptionsFrom(request.query);
    const report = await governance.attendanceReport(actorFrom(request), options.year, options.scope);
    const years = [...new Set([...report.years, options.year])].sort((a, b) => b - a);
    return reply.view('governance/views/attendance.njk', {
      pageTitle: `Attendance of responsible authorities in ${options.year}`,
      year: options.year,
      scope: options.scope,
      yearItems: years.map((y) => ({ value: String(y), text: String(y), selected: y === options.year })),
      scopeItems: [
        { value: 'member', text: 'Meetings of bodies the agency is a member of', checked: options.scope === 'member' },
        { value: 'all', text: 'Meetings of all bodies', checked: options.scope === 'all' },
      ],
      rows: attendanceTableRows(report.rows),
      hasRows: report.rows.length > 0,
      meetingCount: report.meetingCount,
      csvHref: `${paths.governance.attendanceCsv()}?year=${options.year}&scope=${options.scope}`,
    });
  });

  app.get(paths.governance.attendanceCsv(), async (request, reply) => {
    const options = attendanceOptionsFrom(request.query);
    const report = await governance.attendanceReport(actorFrom(request), options.year, options.scope);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="attendance-${options.year}-${options.scope}.csv"`)
      .send(attendanceCsv(report.rows));
  });
}
