import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/feature.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { recordIdFrom } from '../../platform/http/params.ts';
import { fieldTexts } from '../../platform/view-models.ts';
import { indicatorPaths } from './indicator-paths.ts';
import { periodValueForm, removePeriodForm } from './indicator-schemas.ts';
import { targetRows, valueRows } from './indicator-view-models.ts';
import { periodFormats } from './periods.ts';

const managers = { config: { access: 'indicators.manage' } } as const;

type Posted = Record<string, unknown>;
type Page = (request: FastifyRequest, reply: FastifyReply, id: number, values?: Posted, errors?: FormErrors) => Promise<FastifyReply>;

/** An indicator's targets, and the values entered by hand for a manual indicator: each set per period, and removed. */
export default async function indicatorDataRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.indicators;

  const targetsPage: Page = async (request, reply, id, values = {}, errors) => {
    const { row, targets } = await service.targets(actorFrom(request), id);
    return reply.view('indicators/views/targets.njk', {
      pageTitle: 'Targets',
      row,
      targets: targetRows(targets, row.measure),
      periodHint: `Enter ${periodFormats[row.frequency].hint}. A period that already has a target gets the new one.`,
      values: fieldTexts(values, ['period', 'target']),
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Target saved', removed: 'Target removed' }),
    });
  };

  const valuesPage: Page = async (request, reply, id, values = {}, errors) => {
    const { row, values: stored } = await service.values(actorFrom(request), id);
    return reply.view('indicators/views/values.njk', {
      pageTitle: 'Values',
      row,
      values: valueRows(stored),
      periodHint: `Enter ${periodFormats[row.frequency].hint}. A period that already has a value gets the new one.`,
      posted: fieldTexts(values, ['period', 'value', 'evidence']),
      errors,
      flash: errors ? undefined : noticeFrom(request, { saved: 'Value saved', removed: 'Value removed' }),
    });
  };

  const kinds = [
    {
      field: 'target' as const,
      page: targetsPage,
      url: indicatorPaths.targets,
      removeUrl: indicatorPaths.removeTarget,
      /** The indicator's frequency; a 404 for another partnership's indicator. */
      frequencyOf: (request: FastifyRequest, id: number) => service.frequencyOf(actorFrom(request), id),
      save: (request: FastifyRequest, id: number, data: { period: string; number: number }) =>
        service.saveTarget(actorFrom(request), id, { period: data.period, target: data.number }),
      remove: (request: FastifyRequest, id: number, period: string) => service.removeTarget(actorFrom(request), id, period),
    },
    {
      field: 'value' as const,
      page: valuesPage,
      url: indicatorPaths.values,
      removeUrl: indicatorPaths.removeValue,
      /** The indicator's frequency; a 404 for another partnership's indicator, or one whose values are not entered by hand. */
      frequencyOf: async (request: FastifyRequest, id: number) => (await service.values(actorFrom(request), id)).row.frequency,
      save: (request: FastifyRequest, id: number, data: { period: string; number: number; evidence: string }) =>
        service.saveValue(actorFrom(request), id, { period: data.period, value: data.number, evidence: data.evidence }),
      remove: (request: FastifyRequest, id: number, period: string) => service.removeValue(actorFrom(request), id, period),
    },
  ];

  for (const kind of kinds) {
    app.get(kind.url(':id'), managers, async (request, reply) => kind.page(request, reply, recordIdFrom(request.params)));

    app.post(kind.url(':id'), managers, async (request, reply) => {
      const id = recordIdFrom(request.params);
      const form = validateForm(periodValueForm(await kind.frequencyOf(request, id), kind.field), request.body);
      if (!form.ok) return kind.page(request, reply.code(400), id, form.values, form.errors);
      await kind.save(request, id, form.data);
      return reply.redirect(`${kind.url(id)}?done=saved`, 303);
    });

    app.post(kind.removeUrl(':id'), managers, async (request, reply) => {
      const id = recordIdFrom(request.params);
      await kind.frequencyOf(request, id);
      const form = validateForm(removePeriodForm, request.body);
      if (!form.ok) return kind.page(request, reply.code(400), id, {}, form.errors);
      await kind.remove(request, id, form.data);
      return reply.redirect(`${kind.url(id)}?done=removed`, 303);
    });
  }
}
