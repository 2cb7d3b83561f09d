import { pdfFile } from '../../platform/documents/pdf.ts';
import type { PlanDocument } from './plan-document.ts';
import { planDocumentFile } from './plan-document-file.ts';

/** The published plan as a PDF. compress: false keeps the text streams readable (used by tests). */
export const documentPdf = (doc: PlanDocument, options: { compress?: boolean } = {}): Promise<Buffer> =>
  pdfFile(planDocumentFile(doc), options);
