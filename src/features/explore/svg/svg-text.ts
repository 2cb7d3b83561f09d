/** Shared pieces of the server-drawn charts. */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Every piece of text or attribute value put into an SVG goes through this. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/** A number for an SVG coordinate: one decimal place, no trailing ".0". */
export function coordinate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return Object.is(rounded, -0) ? '0' : String(rounded);
}

/** An id safe to use in SVG ids and url(#...) references. */
export function svgId(value: string): string {
  const id = value.replace(/[^A-Za-z0-9_-]/g, '-');
  return /^[A-Za-z]/.test(id) ? id : `svg-${id}`;
}

/** A whole number the GOV.UK way, with thousands separators: 1,756. */
export const formatCount = (value: number): string => value.toLocaleString('en-GB');

/** The typeface of every server-drawn chart and icon: the reader's system font. */
export const SVG_FONT_FAMILY = 'system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif';

/** The opening of an accessible SVG image: role="img", named by its title and described by its desc. */
export function svgOpen(id: string, width: number, height: number, title: string, description: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" id="${id}" class="safer-chart" viewBox="0 0 ${width} ${height}" width="100%" ` +
    `role="img" aria-labelledby="${id}-title ${id}-desc" focusable="false" font-family="${SVG_FONT_FAMILY}">` +
    `<title id="${id}-title">${escapeXml(title)}</title><desc id="${id}-desc">${escapeXml(description)}</desc>`
  );
}
