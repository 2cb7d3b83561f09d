import { createRequire } from 'node:module';
import path from 'node:path';
import { Resvg } from '@resvg/resvg-js';

const require = createRequire(import.meta.url);

/**
 * The fonts of the Word and PDF plans: the Roboto files pdfmake ships in its package, so the
 * documents look the same on every machine and need no font installed on the system.
 */
export const fontDirectory = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');

export const fontFiles = {
  normal: path.join(fontDirectory, 'Roboto-Regular.ttf'),
  bold: path.join(fontDirectory, 'Roboto-Medium.ttf'),
  italics: path.join(fontDirectory, 'Roboto-Italic.ttf'),
  bolditalics: path.join(fontDirectory, 'Roboto-MediumItalic.ttf'),
};

/** Points (PDF) or Word's pixels per pixel of the SVG: a 13px label prints at about 10pt. */
export const POINTS_PER_PIXEL = 0.75;

/** A drawing scaled down, never up, to fit a width; in the units of maxWidth. */
export function fitWidth(size: { width: number; height: number }, maxWidth: number, unitsPerPixel = 1): { width: number; height: number } {
  const width = size.width * unitsPerPixel;
  const scale = width > maxWidth ? maxWidth / width : 1;
  return { width: Math.round(width * scale), height: Math.round(size.height * unitsPerPixel * scale) };
}

/**
 * The SVG drawn as a PNG, for Word processors that cannot show SVG: resvg (a Rust renderer in a
 * prebuilt npm package) with the bundled Roboto only, never the system's fonts. zoom 2 keeps the
 * text sharp when printed.
 */
export function diagramPng(svg: string, zoom = 2): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: '#ffffff',
    font: { loadSystemFonts: false, fontFiles: [fontFiles.normal, fontFiles.bold], defaultFontFamily: 'Roboto', sansSerifFamily: 'Roboto' },
  });
  return resvg.render().asPng();
}
