import { coordinate, escapeXml, SVG_FONT_FAMILY, svgId } from '../explore/svg/svg-text.ts';
import { latestUsedPoint } from './spc.ts';
import type { SpcResult } from './spc-types.ts';
import { ASSURANCE_TAGS, VARIATION_TAGS } from './spc-view-models.ts';

/**
 * The Making Data Count variation and assurance icons as small accessible SVG images: a ring in
 * the colour of the finding with a letter inside, so the meaning never rests on colour alone:
 * H or L for a special cause high or low (blue improvement, orange concern, purple neither), a
 * row of dots for common cause (grey); P for a target consistently met (blue), F for one
 * consistently missed (orange), ? for hit and miss (grey). Each is named by its <title>, and pages
 * show the same words in a GOV.UK tag beside it (VARIATION_TAGS, ASSURANCE_TAGS).
 */

const SIZE = 44;
const COLOURS = { grey: '#505a5f', blue: '#005eb8', orange: '#c35a00', purple: '#4c2c92' } as const;
type Colour = keyof typeof COLOURS;

function icon(id: string, name: string, colour: Colour, inner: string): string {
  const safe = svgId(id);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="${safe}" class="safer-spc-icon" ` +
    `viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" ` +
    `role="img" aria-labelledby="${safe}-title" focusable="false" font-family="${SVG_FONT_FAMILY}">` +
    `<title id="${safe}-title">${escapeXml(name)}</title>` +
    `<circle cx="22" cy="22" r="19" fill="#ffffff" stroke="${COLOURS[colour]}" stroke-width="4"/>${inner}</svg>`
  );
}

const letter = (text: string, colour: Colour) =>
  `<text x="22" y="23" text-anchor="middle" dominant-baseline="middle" font-size="20" font-weight="bold" fill="${COLOURS[colour]}">` +
  `${escapeXml(text)}</text>`;

/** The variation icon of an analysis, or null when it has none (not enough data). */
export function variationIconSvg(result: SpcResult, id: string): string | null {
  const variation = result.variation;
  const latest = latestUsedPoint(result);
  if (!variation || !latest) return null;
  const name = `Variation: ${VARIATION_TAGS[variation].text}`;
  if (variation === 'common-cause') {
    const dots = [10, 16, 22, 28, 34]
      .map((cx, i) => `<circle cx="${cx}" cy="${coordinate(22 + (i % 2 === 0 ? -2 : 2))}" r="2.2" fill="${COLOURS.grey}"/>`)
      .join('');
    return icon(id, name, 'grey', dots);
  }
  // High or low: the way the latest point's special cause points (a rising trend is high).
  const high = latest.signal === 'high';
  const colour: Colour = variation === 'special-cause-improvement' ? 'blue' : variation === 'special-cause-concern' ? 'orange' : 'purple';
  return icon(id, `${name} (${high ? 'high' : 'low'})`, colour, letter(high ? 'H' : 'L', colour));
}

/** The assurance icon of an analysis, or null when it has none (no target, or not enough data). */
export function assuranceIconSvg(result: SpcResult, id: string): string | null {
  const assurance = result.assurance;
  if (!assurance) return null;
  const name = `Assurance: ${ASSURANCE_TAGS[assurance].text}`;
  if (assurance === 'consistently-passes') return icon(id, name, 'blue', letter('P', 'blue'));
  if (assurance === 'consistently-fails') return icon(id, name, 'orange', letter('F', 'orange'));
  return icon(id, name, 'grey', letter('?', 'grey'));
}
