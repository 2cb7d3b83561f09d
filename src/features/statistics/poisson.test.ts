import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { inverseRegularizedBeta, inverseRegularizedGammaP, logGamma, regularizedBeta, regularizedGammaP } from './distributions.ts';
import {
  binomialTestPValue,
  clopperPearsonInterval,
  countChange,
  describeCountChange,
  percentageInterval,
  poissonCountInterval,
  poissonRateInterval,
  wilsonInterval,
} from './poisson.ts';

/*
 * Expected values: published examples from R's documentation (?binom.test, ?poisson.test), and
 * values computed independently with scipy 1.17 in a one-off Python session (not in the
 * repository): scipy.stats.binomtest(k, n, p).pvalue and .proportion_ci(0.95, 'exact' or
 * 'wilson'), and scipy.stats.chi2.ppf for the Poisson limits (chi2.ppf(0.025, 2x) / 2 and
 * chi2.ppf(0.975, 2x + 2) / 2). The rate-ratio limits were converted from the binomial limits as
 * p / (1 - p) x t1 / t2 in the same session.
 */

/** Equal to about `digits` significant figures. */
function close(actual: number, expected: number, digits = 9, message = ''): void {
  if (!Number.isFinite(expected)) {
    assert.equal(actual, expected, message);
    return;
  }
  const tolerance = 10 ** -digits * Math.max(Math.abs(expected), 1e-300);
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message} ${actual} is not ${expected} to ${digits} figures`);
}

describe('the distribution functions', () => {
  test('log-gamma matches known values', () => {
    assert.ok(Math.abs(logGamma(1)) < 1e-14 && Math.abs(logGamma(2)) < 1e-14);
    close(logGamma(0.5), Math.log(Math.sqrt(Math.PI)), 13);
    close(logGamma(10), Math.log(362880), 13);
    close(logGamma(171), 706.5730622457875, 12); // ln(170!): scipy.special.gammaln(171)
    close(logGamma(0.1), 2.252712651734206, 12); // scipy.special.gammaln(0.1)
  });

  test('the incomplete beta and gamma functions and their inverses agree with known values', () => {
    close(regularizedBeta(0.5, 2, 2), 0.5, 13);
    close(regularizedBeta(0.2, 1, 1), 0.2, 13);
    close(regularizedBeta(0.3, 2, 5), 1 - 0.7 ** 6 - 6 * 0.3 * 0.7 ** 5, 12); // P(X >= 2), X ~ Bin(6, 0.3)
    close(regularizedGammaP(1, 2), 1 - Math.exp(-2), 13);
    close(regularizedGammaP(3, 2), 1 - Math.exp(-2) * (1 + 2 + 2), 12); // P(Poisson(2) >= 3)
    close(regularizedGammaP(50, 60), 0.9155933189063082, 12); // scipy.special.gammainc(50, 60)
    close(inverseRegularizedBeta(regularizedBeta(0.37, 3.5, 9), 3.5, 9), 0.37, 12);
    close(inverseRegularizedGammaP(regularizedGammaP(12, 9.5), 12), 9.5, 12);
    assert.equal(inverseRegularizedBeta(0, 2, 3), 0);
    assert.equal(inverseRegularizedBeta(1, 2, 3), 1);
  });
});

describe('the binomial test and Clopper-Pearson interval', () => {
  test("R's binom.test example: 682 of 925 against 0.75", () => {
    // ?binom.test: p-value = 0.3825, 95 percent confidence interval 0.7076683 0.7654066.
    close(binomialTestPValue(682, 925, 0.75), 0.3824915595748517, 9);
    const interval = clopperPearsonInterval(682, 925);
    close(interval.lower, 0.707668264079039, 9);
    close(interval.upper, 0.7654065582414781, 9);
  });

  test('the ends: none or all successes', () => {
    assert.deepEqual(clopperPearsonInterval(0, 0), { lower: 0, upper: 1 });
    assert.equal(clopperPearsonInterval(0, 10).lower, 0);
    close(clopperPearsonInterval(0, 10).upper, 1 - 0.025 ** (1 / 10), 12); // (1 - upper)^10 = 0.025
    assert.equal(clopperPearsonInterval(10, 10).upper, 1);
    close(binomialTestPValue(5, 5, 0.5), 0.0625, 12); // 2 x 0.5^5
    assert.equal(binomialTestPValue(3, 6, 0.5), 1);
  });
});

describe('year-on-year change of a count', () => {
  test("R's poisson.test example of two rates (11 in 800 against 21 in 3011 person-years)", () => {
    // ?poisson.test: rate ratio 1.971488, 95% CI 0.8584264 4.2772659, p-value = 0.07967. Here the
    // "previous" period is the second group so that the ratio is 11/800 over 21/3011.
    const change = countChange(21, 11, { previous: 1083 + 1050 + 878, current: 800 });
    close(change.ratio!, 1.9714880952380953, 12);
    close(change.ratioInterval.lower, 0.858426403391619, 8);
    close(change.ratioInterval.upper, 4.277265943654079, 8);
    close(change.pValue, 0.0796686330333295, 8);
    assert.equal(change.significant, false);
  });

  test('400 to 500: up 25%, a real rise', () => {
    const change = countChange(400, 500);
    assert.equal(change.change, 100);
    assert.equal(change.percentChange, 25);
    assert.equal(change.ratio, 1.25);
    close(change.ratioInterval.lower, 1.093797647275332, 9);
    close(change.ratioInterval.upper, 1.4292328606721647, 9);
    close(change.percentChangeInterval.lower, 9.3797647275332, 8);
    close(change.pValue, 0.0009564441369189373, 8);
    assert.equal(change.significant, true);
    assert.equal(change.confidenceLevel, 0.95);
    assert.equal(
      describeCountChange(change),
      'Up 25% (from 400 to 500). The true change is likely to be between 9.4% higher and 43% higher: this is unlikely to be chance (p = ' +
        '0.00096).',
    );
  });

  test('120 to 90: down 25%, just significant', () => {
    const change = countChange(120, 90);
    close(change.ratioInterval.lower, 0.5641970959847338, 9);
    close(change.ratioInterval.upper, 0.9939946139265294, 9);
    close(change.pValue, 0.045114087864840696, 8);
    assert.equal(
      describeCountChange(change),
      'Down 25% (from 120 to 90). The true change is likely to be between 44% lower and 0.6% lower: this is unlikely to be chance (p ' +
        '= 0.045).',
    );
  });

  test('7 to 7, and small counts that look dramatic but could be chance', () => {
    const same = countChange(7, 7);
    assert.equal(same.pValue, 1);
    close(same.ratioInterval.lower, 0.29930968181058, 9);
    close(same.ratioInterval.upper, 3.3410212257445657, 9);
    assert.match(describeCountChange(same), /^No change \(7 in both periods\)\. .*this could be chance \(p = 1\)\.$/);
    const gone = countChange(5, 0);
    assert.equal(gone.ratio, 0);
    assert.equal(gone.ratioInterval.lower, 0);
    close(gone.ratioInterval.upper, 1.091279105182546, 9);
    close(gone.pValue, 0.0625, 12);
    assert.equal(gone.significant, false, 'from 5 to none is not enough to rule out chance');
  });

  test('from none: no ratio, and an interval with no upper bound', () => {
    const fromNone = countChange(0, 5);
    assert.equal(fromNone.ratio, null);
    assert.equal(fromNone.percentChange, null);
    close(fromNone.ratioInterval.lower, 0.91635585731546, 9);
    assert.equal(fromNone.ratioInterval.upper, Number.POSITIVE_INFINITY);
    assert.equal(describeCountChange(fromNone), 'Up from 0 to 5: no percentage change can be given from none.');
    assert.equal(countChange(0, 0).pValue, 1);
    assert.equal(describeCountChange(countChange(0, 0)), 'No change (none in either period).');
  });

  test('large counts: 20,000 to 21,000 and 1,463 to 1,200', () => {
    const up = countChange(20000, 21000);
    close(up.ratioInterval.lower, 1.0298133315762241, 8);
    close(up.ratioInterval.upper, 1.0705848117244416, 8);
    close(up.pValue, 8.058578026793151e-7, 6);
    const down = countChange(1463, 1200);
    close(down.ratioInterval.lower, 0.7593165046745172, 9);
    close(down.ratioInterval.upper, 0.8859044730443228, 9);
    close(down.pValue, 3.753538463118103e-7, 7);
    assert.match(describeCountChange(down), /p < 0\.0001/);
  });

  test('unequal exposures: 30 in 365 days against 45 in 366', () => {
    const change = countChange(30, 45, { previous: 365, current: 366 });
    close(change.ratio!, 45 / 366 / (30 / 365), 12);
    close(change.ratioInterval.lower, 0.9219221643273497, 8);
    close(change.ratioInterval.upper, 2.459235879558589, 8);
    close(change.pValue, 0.10536666912500607, 8);
  });

  test('refuses counts that are not whole numbers', () => {
    assert.throws(() => countChange(1.5, 2), /previous must be a whole number/);
    assert.throws(() => countChange(1, -2), /current must be a whole number/);
    assert.throws(() => countChange(1, 2, { previous: 0, current: 1 }), /previous exposure must be a number above 0/);
  });
});

describe('rates with exact Poisson intervals', () => {
  test("R's poisson.test example: 137 events in 24.19893 person-years", () => {
    // ?poisson.test: event rate 5.661407, 95% CI 4.753125 6.692709.
    const rate = poissonRateInterval(137, 24.19893, 1);
    close(rate.rate, 5.661407343217241, 12);
    close(rate.lower, 4.75312480484875, 9);
    close(rate.upper, 6.692709334176073, 9);
  });

  test('count intervals against chi-squared quantiles', () => {
    const cases: [number, number, number][] = [
      [0, 0, 3.6888794541139354],
      [1, 0.025317807984289876, 5.571643390938898],
      [5, 1.6234863901184207, 11.66833207932267],
      [137, 115.02053443379857, 161.9564046880734],
      [1000, 938.9730184076952, 1063.952136016302],
      [25000, 24691.05072163751, 25311.849776705112],
    ];
    for (const [count, lower, upper] of cases) {
      const interval = poissonCountInterval(count);
      close(interval.lower, lower, 9, `lower for ${count}`);
      close(interval.upper, upper, 9, `upper for ${count}`);
    }
  });

  test('per 1,000 residents by default', () => {
    // 137 crimes among 171,826 residents: 0.797318 per 1,000, from 115.020534 / 171.826 to 161.956405 / 171.826.
    const rate = poissonRateInterval(137, 171826);
    close(rate.rate, 137000 / 171826, 12);
    close(rate.lower, 115.02053443379857 / 171.826, 9);
    close(rate.upper, 161.9564046880734 / 171.826, 9);
    assert.throws(() => poissonRateInterval(1, 0), /population must be a number above 0/);
  });
});

describe('percentages with Wilson intervals', () => {
  test('against scipy', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2552885198782742, 0.36620957698280004],
      [0, 10, 0, 0.27753279986288926],
      [10, 10, 0.7224672001371109, 1],
      [1, 2, 0.09453120573423074, 0.9054687942657693],
      [450, 1000, 0.41941538407429674, 0.48096729177425873],
    ];
    for (const [k, n, lower, upper] of cases) {
      const interval = wilsonInterval(k / n, n);
      close(interval.lower, lower, 12, `lower for ${k}/${n}`);
      close(interval.upper, upper, 12, `upper for ${k}/${n}`);
    }
  });

  test('as percentages', () => {
    const result = percentageInterval(450, 1000);
    assert.equal(result.percentage, 45);
    close(result.lower, 41.94153840742967, 12);
    close(result.upper, 48.09672917742587, 12);
    assert.deepEqual(wilsonInterval(0.5, 0), { lower: 0, upper: 1 });
    assert.throws(() => percentageInterval(3, 2), /within a total/);
  });
});
