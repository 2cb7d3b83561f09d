/** HTML with the five entities the templates escape turned back into characters. */
export const decode = (text: string): string =>
  text.replaceAll('&#39;', "'").replaceAll('&quot;', '"').replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The text of some HTML without its tags, spaces collapsed, for reading as a user would. */
export const textOf = (html: string): string =>
  decode(
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  );
