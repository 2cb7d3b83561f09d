import { docxFile } from '../../platform/documents/docx.ts';
import type { PerformanceReport } from './performance-report.ts';
import { reportFile } from './performance-report-file.ts';

/** The quarterly performance report as a Word document (.docx). */
export const reportDocx = (report: PerformanceReport): Promise<Buffer> => docxFile(reportFile(report));
