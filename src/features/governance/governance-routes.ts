import { priorityActionItems } from '../action-plans/action-plan-view-models.ts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import type { Services } from '../../platform/feature.ts';
import type { Actor } from '../audit/events.ts';
import { deletePageContext, quoted, type DeletePage } from '../../platform/deletes.ts';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import { attendanceExport } from './attendance.ts';
import { kindName, roleName } from './body-kinds.ts';
import { agendaItemForm, attendanceOptionsFrom, bodyForm, decisionForm, idList, memberForm, moveForm, parseAttendance, validateMeeting } from './governance-schemas.ts';
import type { BodyRow } from './governance-repository.ts';
import { diagramBodies, structureDiagramSvg } from './structure-diagram.ts';
import {
  attendanceFormRows,
  attendanceTableRows,
  blankBody,
  blankMeeting,
  blankMember,
  bodiesExport,
  bodyFormValues,
  bodyHeading,
  bodyFormView,
  bodyGroups,
  dateError,
  dateInputItems,
  deliversItems,
  meetingFormValues,
  meetingLabel,
  meetingsExport,
  memberFormView,
  membersExport,
  postedBodyValues,
  postedMeetingValues,
  postedMemberValues,
  structureRows,
  type BodyFormValues,
  type MeetingFormValues,
  type MemberFormValues,
} from './governance-view-models.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { can } from '../../platform/policies.ts';

const manage = { config: { access: 'governance.edit' } } as const;

const canManage = (request: FastifyRequest) => can(requireAuth(request), 'governance.edit');

/** Governance: bodies and their members, the structure diagram, meetings and the attendance report. Funding is registered here too. */
export default async function governanceRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { governance } = opts.services;


  const confirmDelete = (reply: FastifyReply, page: DeletePage) => reply.view('confirm-delete.njk', deletePageContext(page));

  // Bodies

  app.get(paths.governance.overview(), { config: { access: 'governance.read' } }, async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/overview.njk', {
      pageTitle: 'Governance',
      groups: bodyGroups(bodies),
      exports: exportLinks(paths.governance.bodiesExport, 'the governance bodies'),
      canManage: canManage(request),
      flash: noticeFrom(request, { deleted: 'The body has been deleted' }),
    });
  });
  exportRoutes(app, 'governance.read', paths.governance.bodiesExport, async (request) => bodiesExport(await governance.listBodies(actorFrom(request))));

  app.get(paths.governance.structure(), { config: { access: 'governance.read' } }, async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/structure.njk', {
      pageTitle: 'Governance structure',
      svg: structureDiagramSvg(diagramBodies(bodies), { title: `${requireAuth(request).partnershipName} governance structure` }),
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
      memberExports: exportLinks((format) => paths.governance.bodies.membersExport(bodyId, format), `the members of ${data.body.name}`),
      meetingExports: exportLinks((format) => paths.governance.bodies.meetingsExport(bodyId, format), `the meetings of ${data.body.name}`),
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
      flash: extra.errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(paths.governance.bodies.show(':id'), { config: { access: 'governance.read' } }, async (request, reply) => bodyPage(request, reply, recordIdFrom(request.params)));
  exportRoutes(app, 'governance.read', (format) => paths.governance.bodies.membersExport(':id', format), async (request) => {
    const { body, members } = await governance.getBody(actorFrom(request), recordIdFrom(request.params));
    return membersExport(body, members);
  });
  exportRoutes(app, 'governance.read', (format) => paths.governance.bodies.meetingsExport(':id', format), async (request) => {
    const { body, meetings } = await governance.getBody(actorFrom(request), recordIdFrom(request.params));
    return meetingsExport(body, meetings);
  });

  const bodyDeletePage = (reply: FastifyReply, body: BodyRow, check: DeletePage['check']) =>
    confirmDelete(reply, { what: `the body ${quoted(body.name)}`, caption: kindName(body.kind), action: paths.governance.bodies.remove(body.id), cancelHref: paths.governance.bodies.show(body.id), check });
  app.get(paths.governance.bodies.remove(':id'), manage, async (request, reply) => {
    const { record, check } = await governance.bodyDeletion(actorFrom(request), recordIdFrom(request.params));
    return bodyDeletePage(reply, record, check);
  });
  app.post(paths.governance.bodies.remove(':id'), manage, async (request, reply) => {
    const result = await governance.deleteBody(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return bodyDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.governance.overview()}?done=deleted`, 303);
  });

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

  const memberDeletePage = (reply: FastifyReply, member: { id: number; body_id: number; person_name: string }, check: DeletePage['check']) =>
    confirmDelete(reply, {
      what: `the member ${quoted(member.person_name)}`,
      action: paths.governance.removeMember(member.id),
      cancelHref: `${paths.governance.bodies.show(member.body_id)}#members`,
      check,
    });
  app.get(paths.governance.removeMember(':id'), manage, async (request, reply) => {
    const { record, check } = await governance.memberDeletion(actorFrom(request), recordIdFrom(request.params));
    return memberDeletePage(reply, record, check);
  });
  app.post(paths.governance.removeMember(':id'), manage, async (request, reply) => {
    const result = await governance.removeMember(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return memberDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.governance.bodies.show(result.record.body_id)}?done=removed#members`, 303);
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
    const notices = {
      added: 'The meeting has been added',
      changed: 'The meeting has been changed',
      agenda: 'The agenda has been changed',
      attendance: 'The attendance has been saved',
      decisions: 'The decisions have been changed',
    };
    const rows = attendanceFormRows(data.agencies, data.attendance, data.memberAgencyIds);
    return reply.view('governance/views/meeting.njk', {
      pageTitle: meetingLabel(data.meeting),
      decisionItems: data.decisions.map((d, i) => ({ ...d, name: `decision ${i + 1}` })),
      meeting: data.meeting,
      heading: meetingLabel(data.meeting),
      agenda: data.agenda,
      decisions: data.decisions,
      attendanceRows: rows,
      attended: rows.filter((r) => r.attended),
      meetingActions,
      canManage: canManage(request),
      errors,
      flash: errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(paths.governance.meetings.show(':id'), { config: { access: 'governance.read' } }, async (request, reply) => meetingPage(request, reply, recordIdFrom(request.params)));

  const meetingDeletePage = (reply: FastifyReply, meeting: { id: number; body_name: string; held_on: string; title: string }, check: DeletePage['check']) =>
    confirmDelete(reply, {
      what: `the meeting of ${meetingLabel(meeting)}`,
      caption: meeting.body_name,
      action: paths.governance.meetings.remove(meeting.id),
      cancelHref: paths.governance.meetings.show(meeting.id),
      check,
    });
  app.get(paths.governance.meetings.remove(':id'), manage, async (request, reply) => {
    const { record, check } = await governance.meetingDeletion(actorFrom(request), recordIdFrom(request.params));
    return meetingDeletePage(reply, record, check);
  });
  app.post(paths.governance.meetings.remove(':id'), manage, async (request, reply) => {
    const result = await governance.deleteMeeting(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return meetingDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.governance.bodies.show(result.record.body_id)}?done=meeting-deleted#meetings`, 303);
  });

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

  const agendaItemDeletePage = (reply: FastifyReply, item: { id: number; meeting_id: number; title: string }, check: DeletePage['check']) =>
    confirmDelete(reply, { what: `the agenda item ${quoted(item.title)}`, action: paths.governance.removeAgendaItem(item.id), cancelHref: `${paths.governance.meetings.show(item.meeting_id)}#agenda`, check });
  app.get(paths.governance.removeAgendaItem(':id'), manage, async (request, reply) => {
    const { record, check } = await governance.agendaItemDeletion(actorFrom(request), recordIdFrom(request.params));
    return agendaItemDeletePage(reply, record, check);
  });
  app.post(paths.governance.removeAgendaItem(':id'), manage, async (request, reply) => {
    const result = await governance.removeAgendaItem(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return agendaItemDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.governance.meetings.show(result.record.meeting_id)}?done=agenda#agenda`, 303);
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

  const decisionDeletePage = (reply: FastifyReply, decision: { id: number; meeting_id: number; decision: string }, check: DeletePage['check']) =>
    confirmDelete(reply, { what: `the decision ${quoted(decision.decision)}`, action: paths.governance.removeDecision(decision.id), cancelHref: `${paths.governance.meetings.show(decision.meeting_id)}#decisions`, check });
  app.get(paths.governance.removeDecision(':id'), manage, async (request, reply) => {
    const { record, check } = await governance.decisionDeletion(actorFrom(request), recordIdFrom(request.params));
    return decisionDeletePage(reply, record, check);
  });
  app.post(paths.governance.removeDecision(':id'), manage, async (request, reply) => {
    const result = await governance.removeDecision(actorFrom(request), recordIdFrom(request.params));
    if (!result.ok) return decisionDeletePage(reply.code(409), result.record, result.check);
    return reply.redirect(`${paths.governance.meetings.show(result.record.meeting_id)}?done=decisions#decisions`, 303);
  });

  // Attendance report

  app.get(paths.governance.attendance(), { config: { access: 'governance.read' } }, async (request, reply) => {
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
      exports: exportLinks(paths.governance.attendanceExport, `the attendance in ${options.year}`, `?year=${options.year}&scope=${options.scope}`),
    });
  });

  exportRoutes(app, 'governance.read', paths.governance.attendanceExport, async (request) => {
    const options = attendanceOptionsFrom(request.query);
    const report = await governance.attendanceReport(actorFrom(request), options.year, options.scope);
    return attendanceExport(report.rows, options.year, options.scope);
  });
}
