import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../../platform/feature.ts';
import { validateForm, type FormErrors } from '../../platform/forms.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { defaultHarmWeight, HARM_WEIGHT_SOURCE } from '../statistics/harm-weights.ts';
import { harmWeightPaths } from './indicator-paths.ts';
import { harmWeightsForm } from './indicator-schemas.ts';
import { harmWeightRows } from './indicator-view-models.ts';

const notices = { saved: 'Harm weights saved', reset: 'Every weight is back to its default', unchanged: 'No weight was changed' };

/** The partnership's harm weights: every crime type's weight with its default and why, changed or reset by those who manage indicators. */
export default async function harmWeightRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const service = opts.services.indicators;

  const weightsPage = async (request: FastifyRequest, reply: FastifyReply, posted?: Record<string, unknown>, errors?: FormErrors) => {
    const own = await service.harmWeights(actorFrom(request));
    return reply.view('indicators/views/harm-weights.njk', {
      pageTitle: 'Harm weights',
      rows: harmWeightRows(own, defaultHarmWeight, posted),
      defaultsSource: HARM_WEIGHT_SOURCE,
      errors,
      flash: errors ? undefined : noticeFrom(request, notices),
    });
  };

  app.get(harmWeightPaths.edit(), { config: { access: 'indicators.read' } }, async (request, reply) => weightsPage(request, reply));

  app.post(harmWeightPaths.edit(), { config: { access: 'indicators.manage' } }, async (request, reply) => {
    const form = validateForm(harmWeightsForm, request.body);
    if (!form.ok) return weightsPage(request, reply.code(400), form.values, form.errors);
    const changed = await service.saveHarmWeights(actorFrom(request), form.data);
    return reply.redirect(`${harmWeightPaths.edit()}?done=${changed > 0 ? 'saved' : 'unchanged'}`, 303);
  });

  app.post(harmWeightPaths.reset(), { config: { access: 'indicators.manage' } }, async (request, reply) => {
    await service.resetHarmWeights(actorFrom(request));
    return reply.redirect(`${harmWeightPaths.edit()}?done=reset`, 303);
  });
}
