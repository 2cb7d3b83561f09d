/**
 * Builds src/platform/assets/safer.css from safer.scss (npm run build:css). Run it after changing
 * safer.scss or upgrading govuk-frontend, and commit the result: the server sends the built file,
 * and src/platform/stylesheet.test.ts fails while it is out of date.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { BUILT_STYLESHEET, compileStylesheet } from '../src/platform/stylesheet.ts';

const css = await compileStylesheet();
await writeFile(BUILT_STYLESHEET, css);
console.log(`Wrote ${path.relative(process.cwd(), BUILT_STYLESHEET)} (${css.length.toLocaleString('en-GB')} bytes)`);
