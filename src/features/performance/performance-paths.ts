import { id, type Id } from '../../platform/paths.ts';

/** The addresses of the overview, the priority dashboards and the quarterly performance report. */
export const performancePaths = {
  overview: () => '/performance',
  priority: (priorityId: Id) => `/performance/priorities/${id(priorityId)}`,
  commentary: (priorityId: Id) => `/performance/priorities/${id(priorityId)}/commentary`,
  report: () => '/performance/report',
  reportFile: (format: 'html' | 'docx' | 'pdf') => `/performance/report.${format}`,
} as const;
