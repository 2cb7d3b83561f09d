import path from 'node:path';
import type { GeographyFileResult } from './geography-import.ts';
import type { GeographyKind } from './geography-kinds.ts';
import type { WardLookupResult } from './geography-wards.ts';

/** Lines for people, as the command line prints them after a geography import. */

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

type Count = 'rows' | 'accepted' | 'rejected' | 'inserted' | 'updated' | 'unchanged' | 'ignored';

function counts(r: Pick<GeographyFileResult, Count | 'ignoredReason' | 'unit'>): string {
  const parts = [
    `${plural(r.rows, r.unit === 'line' ? 'row' : 'feature')}, ${r.accepted} accepted, ${r.rejected} rejected`,
    `${r.inserted} added, ${r.updated} updated, ${r.unchanged} unchanged`,
  ];
  if (r.ignored > 0) parts.push(`${r.ignored} ${r.ignoredReason ?? 'ignored'}`);
  return parts.join('; ');
}

/** One line per file, then up to `showRejections` rejected rows with where and why. */
export function formatFileResults(results: readonly GeographyFileResult[], showRejections: number): string[] {
  const out = results.map((r) => `  ${r.kind.padEnd(18)} ${r.file}: ${counts(r)} (${r.seconds.toFixed(1)}s)`);
  return [...out, ...formatRejections(results, showRejections)];
}

/** One line per kind of file (boundary files come one per district), then rejected rows. */
export function formatBundleResults(results: readonly GeographyFileResult[], showRejections: number): string[] {
  const kinds = new Map<GeographyKind, GeographyFileResult[]>();
  for (const r of results) kinds.set(r.kind, [...(kinds.get(r.kind) ?? []), r]);
  const out: string[] = [];
  for (const [kind, files] of kinds) {
    const sum = (k: Count) => files.reduce((n, f) => n + f[k], 0);
    const what = files.length === 1 ? path.basename(files[0]!.file) : `${files.length} files`;
    const line = counts({
      unit: files[0]!.unit,
      rows: sum('rows'),
      accepted: sum('accepted'),
      rejected: sum('rejected'),
      inserted: sum('inserted'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      ignored: sum('ignored'),
      ignoredReason: files.find((f) => f.ignoredReason)?.ignoredReason ?? null,
    });
    out.push(`  ${kind.padEnd(18)} ${what}: ${line}`);
  }
  return [...out, ...formatRejections(results, showRejections)];
}

/** Up to `showRejections` rejected rows with where and why, then where all of them are stored. */
function formatRejections(results: readonly GeographyFileResult[], showRejections: number): string[] {
  const all = results.flatMap((r) => r.rejections.map((j) => ({ ...j, file: r.file, unit: r.unit })));
  const out = all.slice(0, showRejections).map((j) => `  rejected ${j.file} ${j.unit} ${j.line}: ${j.reason}`);
  if (all.length > showRejections) out.push(`  ... and ${all.length - showRejections} more rejected rows`);
  const stored = results.filter((r) => r.rejected > 0).map((r) => String(r.importId));
  if (stored.length > 0) {
    const which =
      stored.length === 1 ? `geography import ${stored[0]}` : `geography imports ${stored.slice(0, -1).join(', ')} and ${stored.at(-1)}`;
    out.push(`  every rejected row is stored with ${which}: see Import data, Geography imports`);
  }
  return out;
}

export function formatWardLookup(w: WardLookupResult): string {
  const missing = [
    w.withoutBoundary > 0 ? `${w.withoutBoundary} without a boundary` : '',
    w.withoutWards > 0 ? `${w.withoutWards} in districts with no wards loaded` : '',
  ].filter((s) => s !== '');
  return (
    `  ward lookup        ${plural(w.lsoas, 'LSOA')}: ${w.contained} within a ward, ${w.nearest} given the nearest ward` +
    `${missing.length > 0 ? `, ${missing.join(', ')}` : ''}; ${w.changed} changed (${w.seconds.toFixed(1)}s)`
  );
}
