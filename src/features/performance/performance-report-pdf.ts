import { pdfFile } from '../../platform/documents/pdf.ts';
import type { PerformanceReport } from './performance-report.ts';
import { reportFile } from './performance-report-file.ts';

/** The quarterly performance report as a PDF, each chart drawn from its SVG. compress: false keeps the text readable for tests. */
export const reportPdf = (report: PerformanceReport, options: { compress?: boolean } = {}): Promise<Buffer> =>
  pdfFile(reportFile(report), options);
