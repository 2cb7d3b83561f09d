import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Services } from '../../platform/feature.ts';
import type { FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { formRoutes } from '../../platform/http/form-routes.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fieldText, fieldTexts } from '../../platform/view-models.ts';
import { indicatorPaths } from './indicator-paths.ts';
import { indicatorForm, indicatorListQuery } from './indicator-schemas.ts';
import {
  areaKindItems,
  crimeTypeItems,
  directionItems,
  formValuesOf,
  frequencyItems,
  groupItems,
  indicatorFacts,
  libraryGroups,
  newFormValues,
  pointTable,
  policeMeasureItems,
  selectItems,
  sourceItems,
  surveyQuestionItems,
  usageMeasureItems,
  visibilityItems,
  wardItems,
} from './indicator-view-models.ts';
import { periodFormats } from './periods.ts';

const readers = { config: { access: 'indicators.read' } } as const;

/** The signed-in user as the actor the rules of the library need, with their role. */

type FormHeading = { heading: string; action: string; backHref: string; submitText: string; version?: string };

/** The indicator library: the list, an indicator's page, and the add and change forms. */
export default async function indicatorRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.indicators;
  type Choices = Awaited<ReturnType<typeof service.choices>>;

  app.get(indicatorPaths.list(), readers, async (request, reply) => {
    const query = indicatorListQuery.parse(request.query ?? {});
    const { rows, series, priorities } = await service.list(actorFrom(request), {
      ...(query.priority ? { priorityId: query.priority } : {}),
    });
    const priority = priorities.find((p) => p.id === query.priority);
    return reply.view('indicators/views/indicators.njk', {
      pageTitle: 'Indicators',
      priorityName: priority?.name,
      groups: libraryGroups(rows, series),
      count: rows.length,
      priorityItems: selectItems(priorities, query.priority === undefined ? '' : String(query.priority), 'All priorities'),
    });
  });

  /** The add and change form, every source's fields shown, with the choices of the partnership. */
  const formPage = (reply: FastifyReply, heading: FormHeading, choices: Choices, values: Record<string, unknown>, errors?: FormErrors) =>
    reply.view('indicators/views/indicator-form.njk', {
      pageTitle: heading.heading,
      ...heading,
      errors,
      values: fieldTexts(values, [
        'name',
        'definition',
        'unit',
        'baselinePeriod',
        'baselineValue',
        'rebasePeriods',
        'lsoaCodes',
        'service',
      ]),
      periodHint:
        `Write periods by the frequency: ${periodFormats.monthly.example} monthly, ` +
        `${periodFormats.quarterly.example} quarterly, ${periodFormats.annual.example} annual`,
      groupItems: groupItems(choices.priorities, choices.themes, values['groupId']),
      ownerItems: selectItems(choices.users, values['ownerUserId'], 'No owner'),
      frequencyItems: frequencyItems(values['frequency']),
      directionItems: directionItems(values['direction']),
      visibilityItems: visibilityItems(values['visibility']),
      sourceItems: sourceItems(values['source']),
      crimeTypeItems: crimeTypeItems(values['crimeTypes']),
      areaKindItems: areaKindItems(values['areaKind']),
      wardItems: wardItems(choices.wards, values['wardCodes']),
      policeMeasureItems: policeMeasureItems(values['policeMeasure']),
      datasetItems: selectItems(choices.datasets, values['datasetId'], 'Select a dataset'),
      usageMeasureItems: usageMeasureItems(values['usageMeasure']),
      surveyItems: surveyQuestionItems(choices.surveyQuestions, values['surveyQuestion']),
      hasDatasets: choices.datasets.length > 0,
      hasSurvey: choices.surveyQuestions.length > 0,
      hasArea: choices.lsoaCount > 0,
    });

  formRoutes(app, indicatorPaths.create(), {
    access: 'indicators.manage',
    load: (request) => service.choices(actorFrom(request)),
    values: () => newFormValues,
    schema: indicatorForm,
    render: (reply, { loaded, values, errors }) => {
      const links = { action: indicatorPaths.create(), backHref: indicatorPaths.list() };
      return formPage(reply, { heading: 'Add an indicator', submitText: 'Add indicator', ...links }, loaded, values, errors);
    },
    save: async (request, _choices, data) => {
      const result = await service.create(actorFrom(request), data);
      return result.ok ? { redirect: `${indicatorPaths.show(result.id)}?done=created` } : { errors: result.messages };
    },
  });

  formRoutes(app, indicatorPaths.edit(':id'), {
    access: 'indicators.manage',
    load: async (request) => {
      const actor = actorFrom(request);
      const [{ row }, choices] = await Promise.all([service.get(actor, recordIdFrom(request.params)), service.choices(actor)]);
      return { row, choices };
    },
    values: ({ row }) => ({ ...formValuesOf(row), version: String(row.version) }),
    schema: indicatorForm,
    render: (reply, { loaded: { row, choices }, values, errors }) => {
      // The version the form was opened at stays with it until a save finds a newer one (409).
      const version = /^[1-9][0-9]*$/.test(fieldText(values['version'])) ? fieldText(values['version']) : String(row.version);
      const links = { action: indicatorPaths.edit(row.id), backHref: indicatorPaths.show(row.id) };
      return formPage(reply, { heading: 'Change indicator', submitText: 'Save changes', version, ...links }, choices, values, errors);
    },
    save: async (request, { row }, data) => {
      const result = await service.update(actorFrom(request), row.id, data);
      return result.ok ? { redirect: `${indicatorPaths.show(row.id)}?done=changed` } : { errors: result.messages };
    },
  });

  app.get(indicatorPaths.show(':id'), readers, async (request, reply) => {
    const { row, series } = await service.get(actorFrom(request), recordIdFrom(request.params));
    const table = pointTable(series);
    return reply.view('indicators/views/indicator.njk', {
      pageTitle: row.name,
      row,
      ...indicatorFacts(row),
      sourceDescription: series.sourceDescription,
      head: table.head,
      rows: table.rows,
      flash: noticeFrom(request, { created: 'Indicator added', changed: 'Indicator changed' }),
    });
  });
}
