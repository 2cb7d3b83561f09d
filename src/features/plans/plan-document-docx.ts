import { docxFile } from '../../platform/documents/docx.ts';
import type { PlanDocument } from './plan-document.ts';
import { planDocumentFile } from './plan-document-file.ts';

/** The published plan as a Word document (.docx). */
export const documentDocx = (doc: PlanDocument): Promise<Buffer> => docxFile(planDocumentFile(doc));
