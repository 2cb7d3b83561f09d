import assert from 'node:assert/strict';

/** Fails, naming the first missing one, unless `text` contains every one of `words`. */
export function assertIncludesAll(text: string, words: readonly string[], message = (w: string) => w): void {
  for (const w of words) assert.ok(text.includes(w), message(w));
}
