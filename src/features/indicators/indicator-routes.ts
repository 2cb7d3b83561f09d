import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formErrors, postedFields, validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { paths } from '../../platform/paths.ts';
import { fieldText } from '../../platform/view-models.ts';
import type { Services } from '../../platform/feature.ts';
import { defaultHarmWeight } from '../statistics/harm-weights.ts';
import type { IndicatorRow } from './indicator-repository.ts';
import { harmWeightsForm, indicatorForm, indicatorListQuery, periodValueForm, removePeriodForm } from './indicator-schemas.ts';
import type { IndicatorActor } from './indicator-service.ts';
import {
  areaKindItems,
  crimeTypeItems,
  directionItems,
  formValuesOf,
  frequencyItems,
  groupItems,
  harmWeightRows,
  libraryGroups,
  newFormValues,
  pointTable,
  policeMeasureItems,
  selectItems,
  sourceItems,
  surveyQuestionItems,
  targetRows,
  usageMeasureItems,
  valueRows,
  visibilityItems,
  wardItems,
} from './indicator-view-models.ts';
import { describeSource, directionLabels, measureLabels } from './indicator-words.ts';
import { frequencyLabels, periodFormats, periodLabel } from './periods.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { can } from '../../platform/policies.ts';

const managers = { config: { access: 'indicators.manage' } } as const;

type Body = Record<string, unknown>;

const indicatorActor = (request: FastifyRequest): IndicatorActor => ({ ...actorFrom(request), role: requireAuth(request).role });

/** The indicator library: list, add, show, change, targets, values entered by hand, and harm weights. */
export default async function indicatorRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.indicators;

  app.get(paths.indicators.list(), { config: { access: 'indicators.read' } }, async (request, reply) => {
    const query = indicatorListQuery.parse(request.query ?? {});
    const { rows, series, priorities } = await service.list(actorFrom(request), { ...(query.priority ? { priorityId: query.priority } : {}) });
    const priority = priorities.find((p) => p.id === query.priority);
    return reply.view('indicators/views/indicators.njk', {
      pageTitle: 'Indicators',
      priorityName: priority?.name,
      groups: libraryGroups(rows, series),
      count: rows.length,
      priorityItems: selectItems(priorities, query.priority === undefined ? '' : String(query.priority), 'All priorities'),
      canManage: can(requireAuth(request), 'indicators.manage'),
    });
  });

  // The form ------------------------------------------------------------------------------------

  const formPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    page: { heading: string; action: string; backHref: string; submitText: string; version?: number },
    values: Body,
    errors?: FormErrors,
  ) => {
    const choices = await service.choices(actorFrom(request));
    return reply.view('indicators/views/indicator-form.njk', {
      pageTitle: page.heading,
      ...page,
      errors,
      values: {
        name: fieldText(values['name']),
        definition: fieldText(values['definition']),
        unit: fieldText(values['unit']),
        baselinePeriod: fieldText(values['baselinePeriod']),
        baselineValue: fieldText(values['baselineValue']),
        rebasePeriods: fieldText(values['rebasePeriods']),
        lsoaCodes: fieldText(values['lsoaCodes']),
        service: fieldText(values['service']),
      },
      periodHint: `Write periods by the frequency: ${periodFormats.monthly.example} monthly, ${periodFormats.quarterly.example} quarterly, ${periodFormats.annual.example} annual`,
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
  };

  const createPage = (request: FastifyRequest, reply: FastifyReply, values: Body, errors?: FormErrors) =>
    formPage(request, reply, { heading: 'Add an indicator', action: paths.indicators.create(), backHref: paths.indicators.list(), submitText: 'Add indicator' }, values, errors);

  app.get(paths.indicators.create(), managers, async (request, reply) => createPage(request, reply, newFormValues));

  app.post(paths.indicators.create(), managers, async (request, reply) => {
    const form = validateForm(indicatorForm, request.body);
    if (!form.ok) return createPage(request, reply.code(400), form.values, form.errors);
    const result = await service.create(indicatorActor(request), form.data);
    if (!result.ok) return createPage(request, reply.code(400), postedFields(request.body), formErrors(result.messages));
    return reply.redirect(`${paths.indicators.show(result.id)}?done=created`, 303);
  });

  const editPage = (request: FastifyRequest, reply: FastifyReply, row: IndicatorRow, version: number, values: Body, errors?: FormErrors) =>
    formPage(
      request,
      reply,
      { heading: 'Change indicator', action: paths.indicators.edit(row.id), backHref: paths.indicators.show(row.id), submitText: 'Save changes', version },
      values,
      errors,
    );

  app.get(paths.indicators.edit(':id'), managers, async (request, reply) => {
    const { row } = await service.get(actorFrom(request), recordIdFrom(request.params));
    return editPage(request, reply, row, row.version, formValuesOf(row));
  });

  app.post(paths.indicators.edit(':id'), managers, async (request, reply) => {
    const { row } = await service.get(actorFrom(request), recordIdFrom(request.params));
    const form = validateForm(indicatorForm, request.body);
    const posted = Number(fieldText(postedFields(request.body)['version'])) || row.version;
    if (!form.ok) return editPage(request, reply.code(400), row, posted, form.values, form.errors);
    const result = await service.update(indicatorActor(request), row.id, form.data);
    if (!result.ok) return editPage(request, reply.code(400), row, posted, postedFields(request.body), formErrors(result.messages));
    return reply.redirect(`${paths.indicators.show(row.id)}?done=changed`, 303);
  });

  // One indicator -------------------------------------------------------------------------------

  app.get(paths.indicators.show(':id'), { config: { access: 'indicators.read' } }, async (request, reply) => {
    const { row, series, wardNames } = await service.get(actorFrom(request), recordIdFrom(request.params));
    const table = pointTable(series);
    return reply.view('indicators/views/indicator.njk', {
      pageTitle: row.name,
      row,
      group: row.priority_title ? `Priority: ${row.priority_title}` : row.theme_title ? `Theme: ${row.theme_title}` : 'None',
      sourceDescription: describeSource({
        source: row.source,
        measure: row.measure,
        crimeTypes: row.crime_types,
        areaKind: row.area_kind,
        areaCodes: row.area_codes,
        wardNames: new Map(wardNames.map((w) => [w.code, w.name])),
        datasetName: row.dataset_name,
        service: row.service,
        surveyQuestion: row.survey_question,
      }),
      frequency: frequencyLabels[row.frequency],
      direction: directionLabels[row.direction],
      measure: measureLabels[row.measure],
      baseline: row.baseline_period !== null && row.baseline_value !== null ? `${row.baseline_value.toLocaleString('en-GB')} (${periodLabel(row.baseline_period)})` : 'None',
      rebase: row.rebase_periods.length > 0 ? row.rebase_periods.map(periodLabel).join(', ') : 'None',
      head: table.head,
      rows: table.rows,
      canManage: can(requireAuth(request), 'indicators.manage'),
      flash: noticeFrom(request, { created: 'Indicator added', changed: 'Indicator changed' }),
    });
  });

  // Targets -------------------------------------------------------------------------------------

  const targetsPage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Body = {}, errors?: FormErrors) => {
    const { row, targets } = await service.targets(actorFrom(request), id);
    return reply.view('indicators/views/targets.njk', {
      pageTitle: 'Targets',
      row,
      targets: targetRows(targets, row.measure),
      periodHint: `Enter ${periodFormats[row.frequency].hint}. A period that already has a target gets the new one.`,
      values: { period: fieldText(values['period']), target: fieldText(values['target']) },
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Target saved', removed: 'Target removed' }),
    });
  };

  app.get(paths.indicators.targets(':id'), managers, async (request, reply) => targetsPage(request, reply, recordIdFrom(request.params)));

  app.post(paths.indicators.targets(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const form = validateForm(periodValueForm(await service.frequencyOf(actorFrom(request), id), 'target'), request.body);
    if (!form.ok) return targetsPage(request, reply.code(400), id, form.values, form.errors);
    await service.saveTarget(indicatorActor(request), id, { period: form.data.period, target: form.data.number });
    return reply.redirect(`${paths.indicators.targets(id)}?done=saved`, 303);
  });

  app.post(paths.indicators.removeTarget(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.frequencyOf(actorFrom(request), id);
    const form = validateForm(removePeriodForm, request.body);
    if (!form.ok) return targetsPage(request, reply.code(400), id, {}, form.errors);
    await service.removeTarget(indicatorActor(request), id, form.data);
    return reply.redirect(`${paths.indicators.targets(id)}?done=removed`, 303);
  });

  // Values entered by hand ----------------------------------------------------------------------

  const valuesPage = async (request: FastifyRequest, reply: FastifyReply, id: number, values: Body = {}, errors?: FormErrors) => {
    const { row, values: stored } = await service.values(actorFrom(request), id);
    return reply.view('indicators/views/values.njk', {
      pageTitle: 'Values',
      row,
      values: valueRows(stored),
      periodHint: `Enter ${periodFormats[row.frequency].hint}. A period that already has a value gets the new one.`,
      posted: { period: fieldText(values['period']), value: fieldText(values['value']), evidence: fieldText(values['evidence']) },
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Value saved', removed: 'Value removed' }),
    });
  };

  app.get(paths.indicators.values(':id'), managers, async (request, reply) => valuesPage(request, reply, recordIdFrom(request.params)));

  app.post(paths.indicators.values(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    const { row } = await service.values(actorFrom(request), id);
    const form = validateForm(periodValueForm(row.frequency, 'value'), request.body);
    if (!form.ok) return valuesPage(request, reply.code(400), id, form.values, form.errors);
    await service.saveValue(indicatorActor(request), id, { period: form.data.period, value: form.data.number, evidence: form.data.evidence });
    return reply.redirect(`${paths.indicators.values(id)}?done=saved`, 303);
  });

  app.post(paths.indicators.removeValue(':id'), managers, async (request, reply) => {
    const id = recordIdFrom(request.params);
    await service.values(actorFrom(request), id);
    const form = validateForm(removePeriodForm, request.body);
    if (!form.ok) return valuesPage(request, reply.code(400), id, {}, form.errors);
    await service.removeValue(indicatorActor(request), id, form.data);
    return reply.redirect(`${paths.indicators.values(id)}?done=removed`, 303);
  });

  // Harm weights --------------------------------------------------------------------------------

  const weightsPage = async (request: FastifyRequest, reply: FastifyReply, posted?: Body, errors?: FormErrors) => {
    const own = await service.harmWeights(actorFrom(request));
    return reply.view('indicators/views/harm-weights.njk', {
      pageTitle: 'Harm weights',
      rows: harmWeightRows(own, defaultHarmWeight, posted),
      canManage: can(requireAuth(request), 'indicators.manage'),
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Harm weights saved', reset: 'Every weight is back to its default', unchanged: 'No weight was changed' }),
    });
  };

  app.get(paths.harmWeights.edit(), { config: { access: 'indicators.read' } }, async (request, reply) => weightsPage(request, reply));

  app.post(paths.harmWeights.edit(), managers, async (request, reply) => {
    const form = validateForm(harmWeightsForm, request.body);
    if (!form.ok) return weightsPage(request, reply.code(400), form.values, form.errors);
    const changed = await service.saveHarmWeights(indicatorActor(request), form.data);
    return reply.redirect(`${paths.harmWeights.edit()}?done=${changed > 0 ? 'saved' : 'unchanged'}`, 303);
  });

  app.post(paths.harmWeights.reset(), managers, async (request, reply) => {
    await service.resetHarmWeights(indicatorActor(request));
    return reply.redirect(`${paths.harmWeights.edit()}?done=reset`, 303);
  });
}
