import assert from 'node:assert/strict';

/** Asserts that `fn` gives each case's expected value for its input: a table of `[input, expected]`. */
export function assertEachCase<I, O>(fn: (input: I) => O, cases: readonly (readonly [I, O])[]): void {
  for (const [input, expected] of cases) assert.deepEqual(fn(input), expected, `for ${JSON.stringify(input)}`);
}
