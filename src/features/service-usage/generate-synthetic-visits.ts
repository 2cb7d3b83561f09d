/**
 * Writes open-data/synthetic/one-stop-shop-visits.csv from the repository's open data:
 *   node --import tsx src/features/service-usage/generate-synthetic-visits.ts
 * The file is committed; synthetic-visits.test.ts checks it is what this makes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEMO_OPEN_DATA_DIR } from '../demo/demo-open-data.ts';
import { generateVisitsCsv, readHomeAreas, SYNTHETIC_VISITS_FILE } from './synthetic-visits.ts';

const file = path.join(DEMO_OPEN_DATA_DIR, SYNTHETIC_VISITS_FILE);
mkdirSync(path.dirname(file), { recursive: true });
const text = generateVisitsCsv(readHomeAreas(DEMO_OPEN_DATA_DIR));
writeFileSync(file, text);
console.log(`Wrote ${path.relative(process.cwd(), file)}: ${text.split('\r\n').length - 2} rows below the header.`);
