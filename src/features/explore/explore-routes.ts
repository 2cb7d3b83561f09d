import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, notFound } from '../../platform/errors.ts';
import { actorFrom } from '../../platform/http/actor.ts';
import { explorePaths } from './explore-paths.ts';
import type { Services } from '../../platform/feature.ts';
import { countsCsv, lsoaGeoJson, outcomesCsv, stopSearchCsv } from './explore-downloads.ts';
import { areaParam, defaultRange, parseExploreQuery, type ExploreQuery } from './explore-schemas.ts';
import type { ExploreContext } from './explore-service.ts';
import type { Actor } from '../audit/events.ts';
import { formModel, resultsModel } from './explore-view-models.ts';

const TEMPLATE = 'explore/views/explore.njk';
const PAGE_TITLE = 'Explore crime data';

/** Why there is nothing to explore yet, or null when there is. */
function unavailable(context: ExploreContext): string | null {
  if (context.districtCodes.length === 0) {
    return (
      "Your partnership's area has not been set yet, so there is no data to explore. Ask whoever runs Safer for your partnership " +
      'to set its local authority districts.'
    );
  }
  if (context.areas.lsoas.length === 0) {
    return "The geography of your partnership's area (its LSOAs, wards and populations) has not been imported yet.";
  }
  if (context.months.length === 0) return 'No police.uk crime data has been imported yet.';
  return null;
}

/** A download of the page's choices: its file name's start and ending, and what is in it. */
interface Download {
  url: string;
  name: string;
  extension: 'csv' | 'geojson';
  make: (actor: Actor, query: ExploreQuery) => Promise<string>;
}

/**
 * Crime and anti-social behaviour counts for the partnership's area: any signed-in role. The area is
 * always one of the partnership's own; the service answers 404 for any other.
 */
export default async function exploreRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { services } = opts;
  const access = { access: 'explore.read' } as const;

  app.get(explorePaths.page(), { config: access }, async (request, reply) => {
    const actor = actorFrom(request);
    const context = await services.explore.context(actor);
    const message = unavailable(context);
    if (message) return reply.view(TEMPLATE, { pageTitle: PAGE_TITLE, unavailable: message });

    const parsed = parseExploreQuery(request.query, context);
    const form = {
      pageTitle: PAGE_TITLE,
      ...formModel(context.areas, context.months, context.types, parsed.values, defaultRange(context.months)),
    };
    if (!parsed.ok) return reply.code(400).view(TEMPLATE, { ...form, errors: parsed.errors });
    const page = await services.explore.page(actor, parsed.query);
    return reply.view(TEMPLATE, { ...form, results: resultsModel(page, context.types) });
  });

  /** A download's choices, checked as the page checks them; a bad query string is a 400 naming the problem. */
  async function downloadQuery(request: FastifyRequest): Promise<ExploreQuery> {
    const context = await services.explore.context(actorFrom(request));
    if (unavailable(context)) throw notFound();
    const parsed = parseExploreQuery(request.query, context);
    if (!parsed.ok) throw new AppError('BAD_REQUEST', parsed.errors.summary.map((e) => e.text).join('. '));
    return parsed.query;
  }

  const downloads: readonly Download[] = [
    {
      url: explorePaths.csv(),
      name: 'crime',
      extension: 'csv',
      make: async (actor, query) => countsCsv(await services.explore.download(actor, query, { boundaries: false })),
    },
    {
      url: explorePaths.outcomesCsv(),
      name: 'outcomes',
      extension: 'csv',
      make: async (actor, query) => outcomesCsv(await services.explore.outcomesDownload(actor, query)),
    },
    {
      url: explorePaths.stopSearchCsv(),
      name: 'stop-and-search',
      extension: 'csv',
      make: async (actor, query) => stopSearchCsv(await services.explore.stopSearchDownload(actor, query)),
    },
    {
      url: explorePaths.geojson(),
      name: 'crime',
      extension: 'geojson',
      make: async (actor, query) => {
        const summary = await services.explore.download(actor, query, { boundaries: true });
        return lsoaGeoJson(summary, summary.boundaries);
      },
    },
  ];
  const contentTypes = { csv: 'text/csv; charset=utf-8', geojson: 'application/geo+json; charset=utf-8' };

  for (const download of downloads) {
    app.get(download.url, { config: access }, async (request, reply) => {
      const query = await downloadQuery(request);
      const fileName = `${download.name}-${areaParam(query.area)}-${query.from}-to-${query.to}.${download.extension}`;
      return reply
        .type(contentTypes[download.extension])
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(await download.make(actorFrom(request), query));
    });
  }
}
