import { createRequire } from 'node:module';
import path from 'node:path';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { fontDirectory, fontFiles } from './drawings.ts';

const require = createRequire(import.meta.url);

/** The parts of pdfmake's server build used here (its own types describe the browser build). */
export interface PdfMake {
  setFonts(fonts: Record<string, { normal: string; bold: string; italics: string; bolditalics: string }>): void;
  setUrlAccessPolicy(policy: (url: string) => boolean): void;
  setLocalAccessPolicy(policy: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
}

let pdfmake: PdfMake | undefined;

/**
 * pdfmake with the Roboto fonts from its own package (drawings.ts), read from their files so the
 * SVG renderer can open them too: nothing from the system.
 */
export function pdfPrinter(): PdfMake {
  if (pdfmake) return pdfmake;
  const instance = require('pdfmake') as PdfMake;
  instance.setFonts({ Roboto: fontFiles });
  // Documents refer to no address and to no file but those fonts: refuse everything else.
  instance.setUrlAccessPolicy(() => false);
  instance.setLocalAccessPolicy((file) => path.dirname(path.resolve(file)) === fontDirectory);
  pdfmake = instance;
  return instance;
}

/** A4 portrait less 56pt margins each side, in points. */
export const A4_CONTENT_WIDTH = 595.28 - 112;
