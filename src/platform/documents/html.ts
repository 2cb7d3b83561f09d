import { escapeHtml } from '../view-models.ts';

/**
 * A standalone, printable HTML page (the HTML form of a document): its title, its style sheet (with
 * the page's CSP nonce when it is served) and the blocks of its <main>, one after another.
 */
export function htmlPage(page: { title: string; style: string; styleNonce?: string | undefined; main: readonly string[] }): string {
  const nonce = page.styleNonce ? ` nonce="${escapeHtml(page.styleNonce)}"` : '';
  const head = `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<style${nonce}>${page.style}</style>
</head>
<body>
<main>`;
  return [head, ...page.main, '</main>\n</body>\n</html>\n'].join('\n');
}
