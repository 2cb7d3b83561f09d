import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { deleteRoutes, quoted } from '../../platform/deletes.ts';
import type { Services } from '../../platform/feature.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes, type FormPage } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { priorityActionItems } from '../action-plans/action-plan-view-models.ts';
import type { Actor } from '../audit/events.ts';
import { governancePaths } from './governance-paths.ts';
import { agendaItemForm, attendanceForm, decisionForm, meetingForm, moveForm } from './governance-schemas.ts';
import { attendanceFormRows, meetingFormValues, meetingFormView, meetingLabel } from './governance-view-models.ts';

const manage = 'governance.edit';

/** A body's meetings: adding and changing one, its page with the agenda, attendance and decisions, and deleting it or its parts. */
export default async function meetingRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { governance } = opts.services;

  /** The add or change form of a meeting of `body`: `meetingId` is the one changed, none for a new meeting. */
  const meetingFormPage = (reply: FastifyReply, page: FormPage<{ body: { id: number; name: string }; meetingId?: number }>) => {
    const {
      loaded: { body, meetingId },
      values,
      errors,
    } = page;
    return reply.view('governance/views/meeting-form.njk', {
      pageTitle: meetingId ? 'Change meeting' : 'Add a meeting',
      caption: body.name,
      action: meetingId ? governancePaths.meetings.edit(meetingId) : governancePaths.bodies.newMeeting(body.id),
      backHref: meetingId ? governancePaths.meetings.show(meetingId) : governancePaths.bodies.show(body.id),
      submitText: meetingId ? 'Save changes' : 'Add meeting',
      isNew: !meetingId,
      errors,
      ...meetingFormView(values, errors),
    });
  };

  formRoutes(app, governancePaths.bodies.newMeeting(':id'), {
    access: manage,
    load: async (request) => ({ body: await governance.findBodyForMeeting(actorFrom(request), recordIdFrom(request.params)) }),
    values: () => ({}),
    schema: meetingForm,
    render: meetingFormPage,
    save: async (request, { body }, data) => {
      const meetingId = await governance.createMeeting(actorFrom(request), body.id, data);
      return { redirect: `${governancePaths.meetings.show(meetingId)}?done=added` };
    },
  });

  formRoutes(app, governancePaths.meetings.edit(':id'), {
    access: manage,
    load: async (request) => {
      const { meeting } = await governance.getMeeting(actorFrom(request), recordIdFrom(request.params));
      return { meeting, body: { id: meeting.body_id, name: meeting.body_name }, meetingId: meeting.id };
    },
    values: ({ meeting }) => meetingFormValues(meeting),
    schema: meetingForm,
    render: meetingFormPage,
    save: async (request, { meeting }, data) => {
      await governance.updateMeeting(actorFrom(request), meeting.id, data);
      return { redirect: `${governancePaths.meetings.show(meeting.id)}?done=changed` };
    },
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
      errors,
      flash: errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(governancePaths.meetings.show(':id'), { config: { access: 'governance.read' } }, async (request, reply) =>
    meetingPage(request, reply, recordIdFrom(request.params)),
  );

  deleteRoutes(app, governancePaths.meetings.remove, {
    access: manage,
    find: governance.meetingDeletion,
    remove: governance.deleteMeeting,
    what: (meeting) => `the meeting of ${meetingLabel(meeting)}`,
    caption: (meeting) => meeting.body_name,
    back: (meeting) => governancePaths.meetings.show(meeting.id),
    done: (meeting) => `${governancePaths.bodies.show(meeting.body_id)}?done=meeting-deleted#meetings`,
  });

  /**
   * A form on the meeting's page (agenda, attendance, decisions): saved, then back to the page at
   * `#anchor` with its message (?done=anchor); or, when the schema refuses it, the page with 400.
   */
  const meetingPart = <S extends z.ZodType>(
    route: string,
    schema: S,
    anchor: 'agenda' | 'attendance' | 'decisions',
    save: (actor: Actor, meetingId: number, data: z.output<S>) => Promise<void>,
  ) =>
    app.post(route, { config: { access: manage } }, async (request, reply) => {
      const actor = actorFrom(request);
      const meetingId = recordIdFrom(request.params);
      await governance.getMeeting(actor, meetingId);
      const form = validateForm(schema, request.body);
      if (!form.ok) return meetingPage(request, reply.code(400), meetingId, form.errors);
      await save(actor, meetingId, form.data);
      return reply.redirect(`${governancePaths.meetings.show(meetingId)}?done=${anchor}#${anchor}`, 303);
    });

  meetingPart(governancePaths.meetings.agenda(':id'), agendaItemForm, 'agenda', (actor, meetingId, data) =>
    governance.addAgendaItem(actor, meetingId, data.title),
  );
  meetingPart(governancePaths.meetings.attendance(':id'), attendanceForm, 'attendance', governance.saveAttendance);
  meetingPart(governancePaths.meetings.decisions(':id'), decisionForm, 'decisions', (actor, meetingId, data) =>
    governance.addDecision(actor, meetingId, data.decision),
  );

  deleteRoutes(app, governancePaths.removeAgendaItem, {
    access: manage,
    find: governance.agendaItemDeletion,
    remove: governance.removeAgendaItem,
    what: (item) => `the agenda item ${quoted(item.title)}`,
    back: (item) => `${governancePaths.meetings.show(item.meeting_id)}#agenda`,
    done: 'agenda',
  });

  app.post(governancePaths.moveAgendaItem(':id'), { config: { access: manage } }, async (request, reply) => {
    const form = moveForm.safeParse(request.body ?? {});
    const direction = form.success ? form.data.direction : 'up';
    const meetingId = await governance.moveAgendaItem(actorFrom(request), recordIdFrom(request.params), direction);
    return reply.redirect(`${governancePaths.meetings.show(meetingId)}?done=agenda#agenda`, 303);
  });

  deleteRoutes(app, governancePaths.removeDecision, {
    access: manage,
    find: governance.decisionDeletion,
    remove: governance.removeDecision,
    what: (decision) => `the decision ${quoted(decision.decision)}`,
    back: (decision) => `${governancePaths.meetings.show(decision.meeting_id)}#decisions`,
    done: 'decisions',
  });
}
