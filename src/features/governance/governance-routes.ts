import type { FastifyInstance } from 'fastify';
import { exportLinks, exportRoutes } from '../../platform/exports.ts';
import type { Services } from '../../platform/feature.ts';
import { actorFrom, requireAuth } from '../../platform/http/actor.ts';
import { noticeFrom } from '../../platform/http/notices.ts';
import { attendanceExport } from './attendance.ts';
import { governancePaths } from './governance-paths.ts';
import { attendanceOptionsFrom } from './governance-schemas.ts';
import { attendanceReportView, bodiesExport, bodyGroups, structureRows } from './governance-view-models.ts';
import { diagramBodies, structureDiagramSvg } from './structure-diagram.ts';

const read = { config: { access: 'governance.read' } } as const;

/** Governance's overview pages: the bodies by kind, the structure diagram and the attendance report, with their downloads. */
export default async function governanceRoutes(app: FastifyInstance, opts: { services: Services }): Promise<void> {
  const { governance } = opts.services;

  app.get(governancePaths.overview(), read, async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/overview.njk', {
      pageTitle: 'Governance',
      groups: bodyGroups(bodies),
      exports: exportLinks(governancePaths.bodiesExport, 'the governance bodies'),
      flash: noticeFrom(request, { deleted: 'The body has been deleted' }),
    });
  });
  exportRoutes(app, 'governance.read', governancePaths.bodiesExport, async (request) =>
    bodiesExport(await governance.listBodies(actorFrom(request))),
  );

  app.get(governancePaths.structure(), read, async (request, reply) => {
    const bodies = await governance.listBodies(actorFrom(request));
    return reply.view('governance/views/structure.njk', {
      pageTitle: 'Governance structure',
      svg: structureDiagramSvg(diagramBodies(bodies), { title: `${requireAuth(request).partnershipName} governance structure` }),
      rows: structureRows(bodies),
      hasBodies: bodies.length > 0,
    });
  });

  app.get(governancePaths.attendance(), read, async (request, reply) => {
    const options = attendanceOptionsFrom(request.query);
    const report = await governance.attendanceReport(actorFrom(request), options.year, options.scope);
    return reply.view('governance/views/attendance.njk', attendanceReportView(report, options));
  });
  exportRoutes(app, 'governance.read', governancePaths.attendanceExport, async (request) => {
    const options = attendanceOptionsFrom(request.query);
    const report = await governance.attendanceReport(actorFrom(request), options.year, options.scope);
    return attendanceExport(report.rows, options.year, options.scope);
  });
}
