import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as sass from 'sass';

/**
 * Safer's stylesheet is GOV.UK Frontend compiled with Safer's settings (src/platform/assets/safer.scss).
 * Compiling takes seconds, so it is built ahead and committed as src/platform/assets/safer.css, which
 * the server sends as a file: `npm run build:css` writes it, and stylesheet.test.ts fails when it is
 * not what safer.scss compiles to.
 */
export const ASSETS_DIR = path.resolve(import.meta.dirname, 'assets');
export const STYLESHEET_SOURCE = path.join(ASSETS_DIR, 'safer.scss');
export const BUILT_STYLESHEET = path.join(ASSETS_DIR, 'safer.css');

const HEADER = '/* Built from safer.scss by "npm run build:css": do not edit by hand. */\n';

/** The text of safer.css as `npm run build:css` writes it. */
export async function compileStylesheet(): Promise<string> {
  const result = await sass.compileAsync(STYLESHEET_SOURCE, {
    style: 'compressed',
    importers: [new sass.NodePackageImporter()],
    quietDeps: true,
  });
  // Sass starts compressed output that has non-ASCII characters with a byte order mark. After the
  // header it would be the first selector's first character, and the browser would drop that rule
  // (GOV.UK Frontend's :root breakpoints, which its scripts read). The file is sent as UTF-8 anyway.
  return `${HEADER}${result.css.replace(/^\uFEFF/, '')}\n`;
}

/** The committed safer.css, or null when it is missing. */
export async function builtStylesheet(): Promise<string | null> {
  return readFile(BUILT_STYLESHEET, 'utf8').catch(() => null);
}
