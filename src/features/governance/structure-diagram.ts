import { bodyKinds, type BodyKind } from '../../platform/db/schema.ts';
import { bodyKindNames, bodyKindTier, isBodyKind } from './body-kinds.ts';

export interface DiagramBody {
  id: number;
  name: string;
  shortName: string | null;
  kind: string;
  reportsToBodyId: number | null;
}

/** Bodies as the database keeps them, as the diagram takes them. */
export const diagramBodies = (
  rows: readonly { id: number; name: string; short_name: string | null; kind: string; reports_to_body_id: number | null }[],
): DiagramBody[] =>
  rows.map((b) => ({ id: b.id, name: b.name, shortName: b.short_name, kind: b.kind, reportsToBodyId: b.reports_to_body_id }));

export interface DiagramOptions {
  /** Prefix for the ids inside the SVG, so two diagrams on one page do not clash. */
  idPrefix?: string;
  title?: string;
}

const BOX_WIDTH = 190;
const BOX_HEIGHT = 70;
const GAP_X = 24;
const GAP_Y = 56;
const MARGIN = 20;
const LEGEND_HEIGHT = 40;
const LINE_CHARS = 28;
const MAX_LINES = 3;

/** Fills with enough contrast for black text (over 7:1), and a distinct border colour per kind. */
const kindStyle: Record<BodyKind, { fill: string; stroke: string }> = {
  executive_group: { fill: '#d2e2f1', stroke: '#1d70b8' },
  scrutiny_committee: { fill: '#e5dbef', stroke: '#4c2c92' },
  partnership: { fill: '#cce2d8', stroke: '#00703c' },
  sub_group: { fill: '#fff7bf', stroke: '#594d00' },
  working_group: { fill: '#f3f2f1', stroke: '#505a5f' },
  linked_board: { fill: '#fcd6c3', stroke: '#942514' },
};

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function escapeXml(value: string): string {
  // Control characters XML 1.0 does not allow at all are dropped rather than escaped.
  const allowed = [...value].filter((c) => {
    const code = c.charCodeAt(0);
    return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
  });
  return allowed.join('').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** Breaks a name into at most MAX_LINES lines of about LINE_CHARS characters, ending with … if cut. */
export function wrapName(name: string, width = LINE_CHARS, maxLines = MAX_LINES): string[] {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    const piece = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= width) current = `${current} ${piece}`;
    else {
      lines.push(current);
      current = piece;
    }
  }
  if (current) lines.push(current);
  if (lines.length <= maxLines) return lines;
  const kept = lines.slice(0, maxLines);
  const last = kept[maxLines - 1]!;
  kept[maxLines - 1] = `${last.length >= width ? last.slice(0, width - 1) : last}…`;
  return kept;
}

const tierOf = (kind: string): number => (isBodyKind(kind) ? bodyKindTier[kind] : 3);

interface Placed {
  body: DiagramBody;
  x: number;
  y: number;
  tier: number;
}

/** A sentence per body saying what it is and whom it reports to: the diagram's text alternative. */
export function structureDescription(bodies: readonly DiagramBody[]): string {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return bodies
    .map((b) => {
      const kind = isBodyKind(b.kind) ? bodyKindNames[b.kind].one.toLowerCase() : 'body';
      const parent = b.reportsToBodyId === null ? undefined : byId.get(b.reportsToBodyId);
      return parent ? `${b.name} (${kind}) reports to ${parent.name}.` : `${b.name} (${kind}).`;
    })
    .join(' ');
}

/** The diagram's text alternative as table rows: each body, its kind and the body it reports to, in the order of the tiers. */
export function structureLinks(bodies: readonly DiagramBody[]): { body: DiagramBody; kind: string; parent: DiagramBody | undefined }[] {
  const byId = new Map(bodies.map((b) => [b.id, b]));
  const kindOrder = (k: string) => (isBodyKind(k) ? bodyKinds.indexOf(k) : bodyKinds.length);
  return [...bodies]
    .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind))
    .map((body) => ({
      body,
      kind: isBodyKind(body.kind) ? bodyKindNames[body.kind].one : body.kind,
      parent: body.reportsToBodyId === null || body.reportsToBodyId === body.id ? undefined : byId.get(body.reportsToBodyId),
    }));
}

/** The governance structure as an accessible SVG; see structureDiagram(). */
export function structureDiagramSvg(bodies: readonly DiagramBody[], options: DiagramOptions = {}): string {
  return structureDiagram(bodies, options).svg;
}

/**
 * The governance structure as an accessible SVG, with its size in pixels: boxes coloured by kind in
 * four tiers (executive and scrutiny, partnership, sub-groups, working groups and linked boards),
 * with a line for each reports-to link. Pure: the same bodies always give the same markup. The web
 * pages show the SVG; the Word and PDF plans draw the same SVG (see platform/documents/drawings.ts).
 */
export function structureDiagram(
  bodies: readonly DiagramBody[],
  options: DiagramOptions = {},
): { svg: string; width: number; height: number } {
  const prefix = options.idPrefix ?? 'structure';
  const title = options.title ?? 'Governance structure';
  const tiers: DiagramBody[][] = [[], [], [], []];
  const kindOrder = (k: string) => (isBodyKind(k) ? bodyKinds.indexOf(k) : bodyKinds.length);
  for (const body of bodies) tiers[tierOf(body.kind)]!.push(body);
  for (const tier of tiers) tier.sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind));
  const usedTiers = tiers.filter((t) => t.length > 0);
  const widest = Math.max(1, ...usedTiers.map((t) => t.length));
  const width = MARGIN * 2 + widest * BOX_WIDTH + (widest - 1) * GAP_X;
  const height = MARGIN * 2 + LEGEND_HEIGHT + Math.max(1, usedTiers.length) * BOX_HEIGHT + Math.max(0, usedTiers.length - 1) * GAP_Y;

  const placed = new Map<number, Placed>();
  usedTiers.forEach((tier, row) => {
    const rowWidth = tier.length * BOX_WIDTH + (tier.length - 1) * GAP_X;
    const startX = (width - rowWidth) / 2;
    tier.forEach((body, i) => {
      placed.set(body.id, { body, x: startX + i * (BOX_WIDTH + GAP_X), y: MARGIN + LEGEND_HEIGHT + row * (BOX_HEIGHT + GAP_Y), tier: row });
    });
  });

  const lines: string[] = [];
  for (const child of placed.values()) {
    const parentId = child.body.reportsToBodyId;
    const parent = parentId === null ? undefined : placed.get(parentId);
    if (!parent || parent === child) continue;
    let x1: number, y1: number, x2: number, y2: number;
    if (parent.tier < child.tier) {
      [x1, y1, x2, y2] = [child.x + BOX_WIDTH / 2, child.y, parent.x + BOX_WIDTH / 2, parent.y + BOX_HEIGHT];
    } else if (parent.tier > child.tier) {
      [x1, y1, x2, y2] = [child.x + BOX_WIDTH / 2, child.y + BOX_HEIGHT, parent.x + BOX_WIDTH / 2, parent.y];
    } else {
      const leftToRight = child.x < parent.x;
      [x1, y1, x2, y2] = [
        leftToRight ? child.x + BOX_WIDTH : child.x,
        child.y + BOX_HEIGHT / 2,
        leftToRight ? parent.x : parent.x + BOX_WIDTH,
        parent.y + BOX_HEIGHT / 2,
      ];
    }
    lines.push(`<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="#0b0c0c" stroke-width="2"/>`);
  }

  const boxes = [...placed.values()].map(({ body, x, y }) => {
    const style = isBodyKind(body.kind) ? kindStyle[body.kind] : kindStyle.working_group;
    const text = wrapName(body.name);
    const lineHeight = 16;
    const firstY = y + BOX_HEIGHT / 2 - ((text.length - 1) * lineHeight) / 2 + 5;
    const tspans = text
      .map((line, i) => `<tspan x="${x + BOX_WIDTH / 2}" y="${firstY + i * lineHeight}">${escapeXml(line)}</tspan>`)
      .join('');
    return (
      `<g><rect x="${x}" y="${y}" width="${BOX_WIDTH}" height="${BOX_HEIGHT}" rx="4" ` +
      `fill="${style.fill}" stroke="${style.stroke}" stroke-width="3"/>` +
      `<text text-anchor="middle" font-size="13" fill="#0b0c0c">${tspans}</text></g>`
    );
  });

  const presentKinds = bodyKinds.filter((k) => bodies.some((b) => b.kind === k));
  let legendX = MARGIN;
  const legend = presentKinds.map((k) => {
    const label = bodyKindNames[k].one;
    const item =
      `<rect x="${legendX}" y="${MARGIN}" width="16" height="16" ` +
      `fill="${kindStyle[k].fill}" stroke="${kindStyle[k].stroke}" stroke-width="2"/>` +
      `<text x="${legendX + 22}" y="${MARGIN + 13}" font-size="13" fill="#0b0c0c">${escapeXml(label)}</text>`;
    legendX += 30 + label.length * 8;
    return item;
  });

  const description = bodies.length === 0 ? 'No governance bodies have been added yet.' : structureDescription(bodies);
  const fullWidth = Math.max(width, legendX + MARGIN);
  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="${prefix}-title ${prefix}-desc" ` +
      `viewBox="0 0 ${fullWidth} ${height}" width="${fullWidth}" height="${height}" font-family="Arial, Helvetica, sans-serif">`,
    `<title id="${prefix}-title">${escapeXml(title)}</title>`,
    `<desc id="${prefix}-desc">${escapeXml(description)}</desc>`,
    `<g aria-hidden="true">`,
    ...legend,
    ...lines,
    ...boxes,
    `</g>`,
    `</svg>`,
  ].join('');
  return { svg, width: fullWidth, height };
}
