import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeSpc, latestUsedPoint } from './spc.ts';
import type { SpcInputPoint, SpcOptions, SpcResult, SpecialCauseRule } from './spc-types.ts';

/*
 * Expected values: worked by hand (sums, means and limits written out beside each vector), and
 * checked against an independent calculation: a separate Python script written from
 * NHSRplotthedots' R formulation (its padded-window versions of the rules, exact rational
 * arithmetic), not from spc.ts. That script also agreed with spc.ts on 3,000 random series with
 * rebasing, exclusions, missing values and screening. The script is not part of the repository.
 */

/** Monthly periods from January 2018: 2018-01, 2018-02, ... */
function month(i: number): string {
  const year = 2018 + Math.floor(i / 12);
  return `${year}-${String((i % 12) + 1).padStart(2, '0')}`;
}

function series(values: readonly (number | null)[], excluded: readonly number[] = []): SpcInputPoint[] {
  return values.map((value, i) => ({
    period: month(i),
    value,
    ...(excluded.includes(i + 1) ? { excluded: true, exclusionReason: 'Incomplete police.uk data' } : {}),
  }));
}

/** The 1-based positions of the points flagged by a rule. */
function flagged(result: SpcResult, rule?: SpecialCauseRule): number[] {
  return result.points.flatMap((p, i) => ((rule ? p.rules.includes(rule) : p.rules.length > 0) ? [i + 1] : []));
}

const near = (actual: number, expected: number, message?: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-6, `${message ?? 'value'}: ${actual} is not ${expected}`);

const run = (values: readonly (number | null)[], options: Partial<SpcOptions> = {}, excluded: readonly number[] = []) =>
  computeSpc(series(values, excluded), { direction: 'lower', ...options });

describe('the mean, moving ranges and process limits', () => {
  // 10,12,11,13,10,12,11,13,10,12,11,30: sum 155, mean 155/12 = 12.916667.
  // Moving ranges 2,1,2,3,2,1,2,3,2,1,19: sum 38 over 11, mean moving range 3.454545.
  // Limits 12.916667 +/- 2.66 x 3.454545 = 12.916667 +/- 9.189091: 22.105758 and 3.727576.
  const values = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30];
  const result = run(values);

  test('are computed from every point of a series with no rebase', () => {
    assert.equal(result.segments.length, 1);
    const [segment] = result.segments;
    assert.equal(segment!.from, '2018-01');
    assert.equal(segment!.to, '2018-12');
    assert.equal(segment!.pointsUsed, 12);
    near(segment!.mean, 12.916667, 'mean');
    near(segment!.meanMovingRange, 3.454545, 'mean moving range');
    near(segment!.upperLimit, 22.105758, 'upper limit');
    near(segment!.lowerLimit, 3.727576, 'lower limit');
    assert.equal(segment!.movingRangesScreenedOut, 0, 'moving ranges are not screened unless asked');
    assert.deepEqual(
      result.points.map((p) => p.movingRange),
      [null, 2, 1, 2, 3, 2, 1, 2, 3, 2, 1, 19],
    );
    for (const p of result.points) {
      near(p.mean, 12.916667);
      near(p.upperLimit, 22.105758);
      near(p.lowerLimit, 3.727576);
    }
  });

  test('with screening, leave out moving ranges above 3.267 times the mean moving range', () => {
    // 3.267 x 3.454545 = 11.285; the 19 goes. Mean moving range 19/10 = 1.9;
    // limits 12.916667 +/- 5.054: 17.970667 and 7.862667. The 30 is still outside them.
    const screened = run(values, { screenMovingRanges: true });
    const [segment] = screened.segments;
    assert.equal(segment!.movingRangesScreenedOut, 1);
    near(segment!.meanMovingRange, 1.9);
    near(segment!.upperLimit, 17.970667);
    near(segment!.lowerLimit, 7.862667);
    assert.equal(screened.points[11]!.movingRange, 19, 'the point still shows its moving range');
    assert.deepEqual(flagged(screened), [12]);
  });
});

describe('special-cause rules, each on its own', () => {
  test('a point outside the process limits (and only that point)', () => {
    // The vector above: 30 > 22.105758. No run (at most 3 in a row below 12.916667), no trend,
    // and nothing else beyond two-thirds of the way to a limit (12.916667 +/- 6.126061).
    const result = run([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30]);
    assert.deepEqual(flagged(result), [12]);
    assert.deepEqual(result.points[11]!.rules, ['outside-limits']);
    assert.equal(result.points[11]!.specialCause, 'concern', 'a high point is a concern when lower is better');
  });

  test('a point below the lower limit', () => {
    // 30,28,29,27,30,28,29,27,30,28,29,10: mean 325/12 = 27.083333; moving ranges
    // 2,1,2,3,2,1,2,3,2,1,19 (mean 3.454545); lower limit 27.083333 - 9.189091 = 17.894242.
    const result = run([30, 28, 29, 27, 30, 28, 29, 27, 30, 28, 29, 10]);
    near(result.segments[0]!.lowerLimit, 17.894242);
    assert.deepEqual(flagged(result), [12]);
    assert.equal(result.points[11]!.specialCause, 'improvement', 'a low point is an improvement when lower is better');
  });

  test('a run of 7 on one side of the mean flags all 7; a run of 6 flags nothing', () => {
    // 4,8,4,8,4,7,7,7,7,7,7,7,4,8,4: sum 93, mean 6.2. Moving ranges 4,4,4,4,3,0,0,0,0,0,0,3,4,4:
    // sum 30 over 14 = 2.142857; limits 6.2 +/- 5.7 = 11.9 and 0.5; two-thirds lines 10.0 and 2.4.
    // Points 6 to 12 (the sevens) are above the mean.
    const seven = run([4, 8, 4, 8, 4, 7, 7, 7, 7, 7, 7, 7, 4, 8, 4]);
    near(seven.segments[0]!.mean, 6.2);
    near(seven.segments[0]!.upperLimit, 11.9);
    near(seven.segments[0]!.lowerLimit, 0.5);
    assert.deepEqual(flagged(seven), [6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(flagged(seven, 'run-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
    assert.ok(seven.points.slice(5, 12).every((p) => p.specialCause === 'concern'));

    // Six sevens then 4,8,4,8: mean 94/15 = 6.266667; the run above the mean is 6 long.
    const six = run([4, 8, 4, 8, 4, 7, 7, 7, 7, 7, 7, 4, 8, 4, 8]);
    assert.deepEqual(flagged(six), []);
  });

  test('a point exactly on the mean is on neither side and breaks a run', () => {
    // 2,6,2,6,2,5,5,5,4,5,5,5,2,4,2: sum 60, mean exactly 4. The 4 at point 9 splits the fives
    // into runs of 3 and 3, so nothing is flagged. With a 5 there (mean 61/15 = 4.066667) the
    // seven fives are a run.
    const broken = run([2, 6, 2, 6, 2, 5, 5, 5, 4, 5, 5, 5, 2, 4, 2]);
    assert.equal(broken.segments[0]!.mean, 4);
    assert.deepEqual(flagged(broken), []);
    const unbroken = run([2, 6, 2, 6, 2, 5, 5, 5, 5, 5, 5, 5, 2, 4, 2]);
    assert.deepEqual(flagged(unbroken, 'run-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
  });

  test('a value equal to the mean in decimals is on the mean despite floating-point rounding', () => {
    // Seven 12.1s, seven 10.1s and one 11.1: the mean is exactly 11.1 in decimal arithmetic, but
    // summing in binary floating point gives 11.099999999999996, which would put the 11.1 above the
    // mean and make points 4 to 10 a run of 7. On the mean, it splits them into runs of 3 and 3.
    const values = [10.1, 12.1, 10.1, 12.1, 12.1, 12.1, 11.1, 12.1, 12.1, 12.1, 10.1, 10.1, 10.1, 10.1, 10.1];
    const result = run(values);
    assert.ok(Math.abs(result.segments[0]!.mean - 11.1) < 1e-12);
    assert.deepEqual(flagged(result), []);
  });

  test('7 points each higher than the one before flag all 7, judged by the way the trend runs', () => {
    // 10,12,10,12,10,8,9,10,11,12,13,14,10,12: sum 153, mean 10.928571. Moving ranges
    // 2,2,2,2,2,1,1,1,1,1,1,4,2: sum 22 over 13 = 1.692308; limits 15.430110 and 6.427033.
    // Points 6 to 12 (8 up to 14) rise. 8, 9 and 10 are below the mean, 11 to 14 above: as in
    // NHSRplotthedots 0.2, every point of a rising trend is high, so all 7 are an improvement when
    // higher is better (before, the three below the mean were a concern).
    const result = run([10, 12, 10, 12, 10, 8, 9, 10, 11, 12, 13, 14, 10, 12], { direction: 'higher' });
    near(result.segments[0]!.mean, 10.928571);
    near(result.segments[0]!.upperLimit, 15.43011);
    near(result.segments[0]!.lowerLimit, 6.427033);
    assert.deepEqual(flagged(result), [6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(flagged(result, 'trend-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
    assert.ok(result.points.slice(5, 12).every((p) => p.specialCause === 'improvement' && p.signal === 'high'));
  });

  test('a trend outranks a shift and two in three; a point outside the limits outranks a trend', () => {
    // 20,20,20,20,20,1,2,3,4,5,6,7: sum 128, mean 10.666667. Moving ranges 0,0,0,0,19,1,1,1,1,1,1:
    // 25 over 11 = 2.272727; limits 10.666667 +/- 6.045455: 16.712121 and 4.621212. The 20s are
    // above the upper limit (high); 1 to 4 below the lower (low); 1 to 7 are a shift below the mean
    // and a rising trend: the trend labels 5, 6 and 7 high, so the latest point is an improvement.
    const result = run([20, 20, 20, 20, 20, 1, 2, 3, 4, 5, 6, 7], { direction: 'higher' });
    near(result.segments[0]!.lowerLimit, 4.621212);
    assert.deepEqual(flagged(result, 'run-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(flagged(result, 'trend-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(
      result.points.map((p) => p.signal),
      ['high', 'high', 'high', 'high', 'high', 'low', 'low', 'low', 'low', 'high', 'high', 'high'],
    );
    assert.deepEqual(
      result.points.slice(5).map((p) => p.specialCause),
      ['concern', 'concern', 'concern', 'concern', 'improvement', 'improvement', 'improvement'],
    );
    assert.equal(result.variation, 'special-cause-improvement');
    assert.equal(run([20, 20, 20, 20, 20, 1, 2, 3, 4, 5, 6, 7], { direction: 'lower' }).variation, 'special-cause-concern');
  });

  test('a trend also outranks two in three near a limit', () => {
    // 10,13 five times, 4 up to 10, then 13,10: sum 187, mean 9.842105. Moving ranges nine 3s, 9,
    // six 1s, 3, 3: 48 over 18 = 2.666667. Lower limit 2.748772, two-thirds line 5.113216: the 4 and
    // the 5 are near the lower limit, below the mean, but they start a rise (4 to 13): high.
    const result = run([10, 13, 10, 13, 10, 13, 10, 13, 10, 13, 4, 5, 6, 7, 8, 9, 10, 13, 10], { direction: 'lower' });
    near(result.segments[0]!.lowerLimit, 2.748772);
    assert.deepEqual(flagged(result, 'two-of-three-near-limit'), [11, 12]);
    assert.deepEqual(flagged(result, 'trend-of-seven'), [11, 12, 13, 14, 15, 16, 17, 18]);
    assert.ok(result.points.slice(10, 18).every((p) => p.signal === 'high' && p.specialCause === 'concern'));
  });

  test('a point that ends a rise and starts a fall takes the fall; level ends of two trends are low', () => {
    // 0,20 three times (limits about 8.7 +/- 24.4), 5 up to 11 and down to 5, then 20,0,20,0: the
    // 11 is in both trends and, as in NHSRplotthedots, takes the next one's direction. With the 11
    // repeated the two 11s are level: NHSRplotthedots calls a point whose next step is level
    // "decreasing", so both are low.
    const rise = [5, 6, 7, 8, 9, 10, 11];
    const fall = [10, 9, 8, 7, 6, 5];
    const signals = (values: number[]) => run(values, { direction: 'higher' }).points.map((p) => p.signal);
    const noise = [0, 20, 0, 20, 0, 20];
    const peak = signals([...noise, ...rise, ...fall, 20, 0, 20, 0]);
    assert.deepEqual(peak.slice(6, 19), [...rise.slice(1).map(() => 'high'), 'low', ...fall.map(() => 'low')]);
    assert.ok(peak.slice(0, 6).every((s) => s === null));
    const plateau = signals([...noise, ...rise, 11, ...fall, 20, 0, 20, 0]);
    assert.deepEqual(plateau.slice(6, 20), [...rise.slice(1).map(() => 'high'), 'low', 'low', ...fall.map(() => 'low')]);
  });

  test('7 points each lower than the one before', () => {
    // 12,10,12,10,12,14,13,12,11,10,9,8,12,10: mean 155/14 = 11.071429; points 6 to 12 fall.
    const result = run([12, 10, 12, 10, 12, 14, 13, 12, 11, 10, 9, 8, 12, 10]);
    assert.deepEqual(flagged(result, 'trend-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
    assert.deepEqual(flagged(result), [6, 7, 8, 9, 10, 11, 12]);
  });

  test('two equal values in a row end a trend', () => {
    // 8,9,10,10,11,12,13: rises of 6 points at most either side of the tie.
    const result = run([10, 12, 10, 12, 10, 8, 9, 10, 10, 11, 12, 13, 10, 12]);
    assert.deepEqual(flagged(result), []);
  });

  test('a trend point exactly on the mean is judged by the way the trend runs', () => {
    // 10,12,10,12,10,8,9,10,11,12,13,14,10,13: sum 154, mean exactly 11. Point 9 (11) is on the
    // mean, in a rise: an improvement when higher is better, a concern when lower is.
    const values = [10, 12, 10, 12, 10, 8, 9, 10, 11, 12, 13, 14, 10, 13];
    assert.equal(run(values).segments[0]!.mean, 11);
    assert.equal(run(values, { direction: 'higher' }).points[8]!.specialCause, 'improvement');
    assert.equal(run(values, { direction: 'lower' }).points[8]!.specialCause, 'concern');
  });

  test('two of three points beyond two-thirds of the way to a limit flags those two, not the third', () => {
    // 10,13 five times, then 19,18,19, then 10,13: sum 194, mean 12.933333. Moving ranges nine 3s,
    // 6,1,1,9,3: sum 47 over 14 = 3.357143. Upper limit 12.933333 + 8.93 = 21.863333; two-thirds of
    // the way: 12.933333 + 5.953333 = 18.886667. 19 and 19 are beyond it, 18 is not; all three are
    // above the mean.
    const result = run([10, 13, 10, 13, 10, 13, 10, 13, 10, 13, 19, 18, 19, 10, 13]);
    near(result.segments[0]!.meanMovingRange, 3.357143);
    near(result.segments[0]!.upperLimit, 21.863333);
    assert.deepEqual(flagged(result), [11, 13]);
    assert.deepEqual(result.points[10]!.rules, ['two-of-three-near-limit']);
    assert.deepEqual(result.points[11]!.rules, []);
  });

  test('two of three needs all three points on the same side of the mean', () => {
    // 19,10,19: mean 186/15 = 12.4, mean moving range 4.5, two-thirds line 12.4 + 7.98 = 20.38:
    // neither 19 is near the limit now, and the 10 between them is below the mean.
    const result = run([10, 13, 10, 13, 10, 13, 10, 13, 10, 13, 19, 10, 19, 10, 13]);
    assert.deepEqual(flagged(result), []);
  });

  test('a point outside the limits does not count as near the limit', () => {
    // 10,12 eight times, then 17,13,20, then 10,12: sum 248, mean 11.809524; moving ranges fifteen
    // 2s then 5,4,7,10,2: sum 58 over 20 = 2.9. Upper limit 11.809524 + 7.714 = 19.523524;
    // two-thirds line 16.952190. 17 is near, 13 is not, 20 is outside: only the 20 is flagged.
    const result = run([10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 10, 12, 17, 13, 20, 10, 12]);
    near(result.segments[0]!.upperLimit, 19.523524);
    assert.deepEqual(flagged(result), [19]);
    assert.deepEqual(result.points[18]!.rules, ['outside-limits']);
  });

  test('the run length can be changed', () => {
    // The six sevens above become a run when runs of 6 count.
    const result = run([4, 8, 4, 8, 4, 7, 7, 7, 7, 7, 7, 4, 8, 4, 8], { runLength: 6 });
    assert.deepEqual(flagged(result, 'run-of-seven'), [6, 7, 8, 9, 10, 11]);
  });
});

describe('rebasing', () => {
  // Twelve months around 20, then twelve around 10.
  // First: 20,22,21,23,19,21,20,22,21,19,20,22: sum 250, mean 20.833333; moving ranges
  // 2,1,2,4,2,1,2,1,2,1,2: sum 20 over 11 = 1.818182; limits 20.833333 +/- 4.836364.
  // Second: 10,12,11,9,10,11,12,10,9,11,10,11: sum 126, mean 10.5; moving ranges
  // 2,1,2,1,1,1,2,1,2,1,1: sum 15 over 11 = 1.363636; limits 10.5 +/- 3.627273.
  const values = [20, 22, 21, 23, 19, 21, 20, 22, 21, 19, 20, 22, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 11];

  test('recalculates the mean and limits from the rebase period on, with no moving range across it', () => {
    const result = run(values, { rebasePeriods: ['2019-01'] });
    assert.equal(result.segments.length, 2);
    const [first, second] = result.segments;
    assert.deepEqual([first!.from, first!.to, second!.from, second!.to], ['2018-01', '2018-12', '2019-01', '2019-12']);
    near(first!.mean, 20.833333);
    near(first!.meanMovingRange, 1.818182);
    near(first!.upperLimit, 25.669697);
    near(first!.lowerLimit, 15.99697);
    near(second!.mean, 10.5);
    near(second!.meanMovingRange, 1.363636);
    near(second!.upperLimit, 14.127273);
    near(second!.lowerLimit, 6.872727);
    assert.equal(result.points[12]!.movingRange, null, 'the first point after a rebase has no moving range');
    assert.equal(result.points[12]!.segment, 1);
    near(result.points[12]!.mean, 10.5);
    near(result.points[11]!.mean, 20.833333);
    assert.deepEqual(flagged(result), [], 'each segment is common cause on its own');
    assert.equal(result.variation, 'common-cause');
  });

  test('without the rebase the same series is one long shift', () => {
    // Mean 376/24 = 15.666667; the moving range at point 13 is |10 - 22| = 12; 12 above then 12 below.
    const result = run(values);
    near(result.segments[0]!.mean, 15.666667);
    assert.equal(result.points[12]!.movingRange, 12);
    assert.deepEqual(
      flagged(result, 'run-of-seven'),
      values.map((_, i) => i + 1),
    );
    assert.equal(result.variation, 'special-cause-improvement', 'the latest point is below the mean and lower is better');
  });

  test('a rebase period missing from the series starts at the next period; one at the start is ignored', () => {
    const points = series(values).filter((p) => p.period !== '2019-01');
    const result = computeSpc(points, { direction: 'lower', rebasePeriods: ['2019-01', '2018-01'] });
    assert.deepEqual(
      result.segments.map((s) => s.from),
      ['2018-01', '2019-02'],
    );
    assert.equal(result.segments[1]!.pointsUsed, 11);
    assert.equal(result.segments[1]!.enoughData, false, 'eleven points are not enough');
    assert.equal(result.enoughData, false);
  });
});

describe('excluded points and missing values', () => {
  // 30,32,31,33,30,32,[5 excluded],31,33,30,[no value],32,31,33: twelve used points, sum 378,
  // mean 31.5. Moving ranges bridge the gaps: 2,1,2,3,2, then 32 to 31 = 1, 2, 3, then 30 to 32 = 2,
  // 1, 2: sum 21 over 11 = 1.909091. Limits 31.5 +/- 5.078182 = 36.578182 and 26.421818.
  const values = [30, 32, 31, 33, 30, 32, 5, 31, 33, 30, null, 32, 31, 33];
  const result = run(values, {}, [7]);

  test('are left out of the mean and limits, and the moving range bridges them', () => {
    const [segment] = result.segments;
    assert.equal(segment!.pointsUsed, 12);
    near(segment!.mean, 31.5);
    near(segment!.meanMovingRange, 1.909091);
    near(segment!.upperLimit, 36.578182);
    near(segment!.lowerLimit, 26.421818);
    assert.deepEqual(
      result.points.map((p) => p.movingRange),
      [null, 2, 1, 2, 3, 2, null, 1, 2, 3, null, 2, 1, 2],
    );
  });

  test('are marked, and take no part in the rules', () => {
    const excluded = result.points[6]!;
    assert.equal(excluded.excluded, true);
    assert.equal(excluded.exclusionReason, 'Incomplete police.uk data');
    assert.equal(excluded.value, 5, 'the value is kept for the chart and table');
    assert.deepEqual(excluded.rules, [], 'far below the lower limit, but not a special cause');
    assert.equal(excluded.specialCause, null);
    near(excluded.mean, 31.5);
    const missing = result.points[10]!;
    assert.equal(missing.value, null);
    assert.equal(missing.excluded, false);
    assert.deepEqual(missing.rules, []);
    assert.deepEqual(flagged(result), []);
    assert.equal(result.enoughData, true);
  });

  test('a run continues across an excluded point', () => {
    // 4,8,4,8,4 then seven 7s with an excluded 0 after the third, then 4,8,4: the used series is
    // the run-of-seven vector above, so the sevens are a run and the excluded point is not in it.
    const withGap = run([4, 8, 4, 8, 4, 7, 7, 7, 0, 7, 7, 7, 7, 4, 8, 4], {}, [9]);
    assert.deepEqual(flagged(withGap), [6, 7, 8, 10, 11, 12, 13]);
    assert.equal(withGap.points[9]!.movingRange, 0, 'from the 7 before the excluded point');
  });

  test('an excluded latest point: the variation comes from the latest used point', () => {
    const latestExcluded = run([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30, 2], {}, [13]);
    assert.equal(latestUsedPoint(latestExcluded)!.period, '2018-12');
    assert.equal(latestExcluded.variation, 'special-cause-concern');
  });

  test('exclusions can leave too few points: no rules and no icons', () => {
    const short = run(values, { target: 40 }, [1, 7]);
    assert.equal(short.segments[0]!.pointsUsed, 11);
    assert.equal(short.enoughData, false);
    assert.equal(short.segments[0]!.enoughData, false);
    assert.equal(short.variation, null);
    assert.equal(short.assurance, null);
  });
});

describe('minimum points', () => {
  test('11 used points are not enough: no rules even for a point far outside, no icons', () => {
    const result = run([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 80], { target: 100 });
    assert.equal(result.enoughData, false);
    assert.equal(result.minimumPoints, 12);
    assert.deepEqual(flagged(result), []);
    assert.ok(result.points.every((p) => p.specialCause === null));
    assert.equal(result.variation, null);
    assert.equal(result.assurance, null);
    near(result.segments[0]!.mean, 194 / 11, 'the mean is still given');
  });

  test('12 are enough', () => {
    const result = run([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30]);
    assert.equal(result.enoughData, true);
    assert.deepEqual(flagged(result), [12]);
  });

  test('a segment with no used point has no mean or limits', () => {
    const result = run([10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 12, null, null], { rebasePeriods: ['2019-01'] });
    assert.equal(result.segments[1]!.pointsUsed, 0);
    assert.ok(Number.isNaN(result.segments[1]!.mean));
    assert.equal(result.enoughData, false);
  });
});

describe('direction, variation and assurance', () => {
  // 10,12,11,13,10,12,11,13,10,12,11,12: sum 137, mean 11.416667; moving ranges
  // 2,1,2,3,2,1,2,3,2,1,1: sum 20 over 11 = 1.818182; limits 16.253030 and 6.580303.
  const steady = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 12];

  test('common cause when the latest point is not special', () => {
    const result = run(steady);
    near(result.segments[0]!.upperLimit, 16.25303);
    near(result.segments[0]!.lowerLimit, 6.580303);
    assert.equal(result.variation, 'common-cause');
    assert.equal(result.assurance, null, 'no target, no assurance');
  });

  test('a high special cause is a concern when lower is better, an improvement when higher or more reporting is better', () => {
    const high = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30];
    assert.equal(run(high, { direction: 'lower' }).variation, 'special-cause-concern');
    assert.equal(run(high, { direction: 'higher' }).variation, 'special-cause-improvement');
    assert.equal(run(high, { direction: 'more-reporting' }).variation, 'special-cause-improvement');
    const neither = run(high, { direction: 'neither' });
    assert.equal(neither.variation, 'special-cause-neither');
    assert.equal(neither.points[11]!.specialCause, 'neither');
    assert.equal(neither.direction, 'neither');
  });

  test('assurance: a target above the upper limit always passes when lower is better and always fails when higher is', () => {
    assert.equal(run(steady, { direction: 'lower', target: 20 }).assurance, 'consistently-passes');
    assert.equal(run(steady, { direction: 'higher', target: 20 }).assurance, 'consistently-fails');
    assert.equal(run(steady, { direction: 'more-reporting', target: 20 }).assurance, 'consistently-fails');
  });

  test('assurance: a target below the lower limit always fails when lower is better and always passes when higher is', () => {
    assert.equal(run(steady, { direction: 'lower', target: 5 }).assurance, 'consistently-fails');
    assert.equal(run(steady, { direction: 'higher', target: 5 }).assurance, 'consistently-passes');
  });

  test('assurance: a target within the limits is hit and miss; none for direction "neither"', () => {
    assert.equal(run(steady, { direction: 'lower', target: 12 }).assurance, 'hit-and-miss');
    assert.equal(run(steady, { direction: 'higher', target: 16 }).assurance, 'hit-and-miss');
    assert.equal(run(steady, { direction: 'neither', target: 20 }).assurance, null);
  });

  test('a target per period: each point shows its own, and assurance reads the latest used point', () => {
    const result = run(steady, { target: { '2018-01': 5, '2018-12': 20 } });
    assert.equal(result.points[0]!.target, 5);
    assert.equal(result.points[1]!.target, null);
    assert.equal(result.points[11]!.target, 20);
    assert.equal(result.assurance, 'consistently-passes');
    assert.equal(run(steady, { target: { '2018-01': 5 } }).assurance, null, 'no target for the latest point');
  });

  test('assurance uses the latest segment after a rebase', () => {
    const values = [20, 22, 21, 23, 19, 21, 20, 22, 21, 19, 20, 22, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 11];
    // Latest limits 14.127273 and 6.872727: a target of 15 is now always met.
    assert.equal(run(values, { target: 15, rebasePeriods: ['2019-01'] }).assurance, 'consistently-passes');
    assert.equal(run(values, { target: 15 }).assurance, 'hit-and-miss');
  });
});

describe('large values and overflow', () => {
  const shapes: Record<string, number[]> = {
    'a run broken by a point on the mean': [2, 6, 2, 6, 2, 5, 5, 5, 4, 5, 5, 5, 2, 4, 2],
    'an unbroken run': [2, 6, 2, 6, 2, 5, 5, 5, 5, 5, 5, 5, 2, 4, 2],
    'a trend': [10, 12, 10, 12, 10, 8, 9, 10, 11, 12, 13, 14, 10, 12],
    'two in three': [10, 13, 10, 13, 10, 13, 10, 13, 10, 13, 19, 18, 19, 10, 13],
    'a point outside': [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30],
  };
  for (const [name, shape] of Object.entries(shapes)) {
    test(`${name}: the same flags at 5,000 and at 5,000,000,000`, () => {
      const small = run(shape.map((v) => v + 5000));
      const large = run(shape.map((v) => v + 5_000_000_000));
      assert.deepEqual(
        large.points.map((p) => [p.rules, p.specialCause]),
        small.points.map((p) => [p.rules, p.specialCause]),
      );
      near(large.segments[0]!.upperLimit - 5_000_000_000, small.segments[0]!.upperLimit - 5000);
    });
  }

  test('a difference of one at 5,000,000,000 is not level with the mean', () => {
    // A tolerance of a billionth of the values (5 here) would put every point on the mean.
    const result = run([2, 6, 2, 6, 2, 5, 5, 5, 5, 5, 5, 5, 2, 4, 2].map((v) => v + 5_000_000_000));
    assert.deepEqual(flagged(result, 'run-of-seven'), [6, 7, 8, 9, 10, 11, 12]);
  });

  test('values whose mean or limits overflow are an error, not a result', () => {
    const huge = [1e308, -1e308, 1e308, -1e308, 1e308, -1e308, 1e308, -1e308, 1e308, -1e308, 1e308, -1e308];
    assert.throws(() => run(huge), /the values from 2018-01 to 2018-12 are too large to compute the mean and process limits/);
    const limits = [1.7e308, 1e308, 1.7e308, 1e308, 1.7e308, 1e308, 1.7e308, 1e308, 1.7e308, 1e308, 1.7e308, 1e308];
    assert.throws(() => run(limits), /too large/);
    const fine = run([1e300, 2e300, 1e300, 2e300, 1e300, 2e300, 1e300, 2e300, 1e300, 2e300, 1e300, 2e300]);
    near(fine.segments[0]!.mean / 1e300, 1.5);
  });
});

describe('bad input', () => {
  test('periods out of time order are refused', () => {
    const points = series([1, 2, 3]);
    assert.throws(
      () => computeSpc([points[0]!, points[2]!, points[1]!], { direction: 'lower' }),
      /the period 2018-02 comes after 2018-03; give the points in time order/,
    );
  });

  test('a repeated period, a value that is not finite, or a bad setting is refused', () => {
    const points = series([1, 2, 3]);
    assert.throws(() => computeSpc([...points, points[0]!], { direction: 'lower' }), /the period 2018-01 appears more than once/);
    assert.throws(() => computeSpc([{ period: '2018-01', value: Number.NaN }], { direction: 'lower' }), /2018-01 is not a finite number/);
    assert.throws(() => computeSpc(points, { direction: 'lower', target: Number.POSITIVE_INFINITY }), /target/);
    assert.throws(() => computeSpc(points, { direction: 'lower', minimumPoints: 1 }), /minimumPoints/);
  });
});
