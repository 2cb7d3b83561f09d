import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeSpc } from './spc.ts';
import { axisStep, periodAxisLabel, spcChartDescription, spcChartSvg, type SpcChartOptions } from './spc-chart.ts';
import { assuranceIconSvg, variationIconSvg } from './spc-icons.ts';
import type { SpcInputPoint } from './spc-types.ts';
import { formatSpcValue, SPC_TABLE_HEAD, spcTableCells, spcTableRows, VARIATION_TAGS } from './spc-view-models.ts';

/** Every tag closed in order, no raw < or & in text or attributes: enough to know the SVG parses. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  for (const token of svg.split(/(<[^>]*>)/).filter((t) => t !== '')) {
    if (!token.startsWith('<')) {
      assert.doesNotMatch(token, /[<>]|&(?!(amp|lt|gt|quot|#39);)/, `unescaped text: ${token}`);
      continue;
    }
    assert.doesNotMatch(token.slice(1, -1), /<|&(?!(amp|lt|gt|quot|#39);)/, `unescaped attribute: ${token}`);
    const close = /^<\/([a-zA-Z]+)>$/.exec(token);
    const open = /^<([a-zA-Z]+)[\s>/]/.exec(token);
    if (close) assert.equal(stack.pop(), close[1], `unbalanced </${close[1]}>`);
    else if (open && !token.endsWith('/>')) stack.push(open[1]!);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.doesNotMatch(svg, /style=|<style|<script|NaN|Infinity|undefined/);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const periodLabel = (period: string) => `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
const month = (i: number) => `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

// The outside-limits vector of spc.test.ts (mean 12.916667, limits 3.727576 to 22.105758), with two
// more months: an excluded one (a partial month of 2) and one with no value.
const values = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 30, 2, null];
const points: SpcInputPoint[] = values.map((value, i) => ({
  period: month(i),
  value,
  ...(i === 12 ? { excluded: true, exclusionReason: 'Incomplete police.uk data: few <violence> & "sexual" offences' } : {}),
}));
const result = computeSpc(points, { direction: 'lower', target: 15 });
const options: SpcChartOptions = { id: 'spc-1', title: 'Crimes & <incidents>', valueLabel: 'Crimes', periodLabel };
const svg = spcChartSvg(result, options);

describe('the SPC chart', () => {
  test('is an accessible, well-formed SVG image named by its title and described by its desc', () => {
    assertWellFormed(svg);
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" id="spc-1"/);
    assert.match(svg, /role="img" aria-labelledby="spc-1-title spc-1-desc"/);
    assert.ok(svg.includes('<title id="spc-1-title">Crimes &amp; &lt;incidents&gt;</title>'));
    assert.ok(svg.includes('few &lt;violence&gt; &amp; &quot;sexual&quot; offences'));
  });

  test('describes the limits, the special causes, the icons and the excluded month in words', () => {
    const desc = /<desc id="spc-1-desc">([^<]*)<\/desc>/.exec(svg)![1]!;
    assert.equal(
      desc,
      'Statistical process control chart of crimes, January 2018 to February 2019. Mean 12.9, process limits 3.7 to 22.1. ' +
        'Special cause variation in 1 period: December 2018 (concern: outside the process limits). ' +
        'Latest, December 2018: special cause – concern. Target hit and miss. ' +
        'Left out of the limits: January 2019 (Incomplete police.uk data: few &lt;violence&gt; &amp; &quot;sexual&quot; offences). ' +
        'The table after the chart gives the same numbers.',
    );
    assert.equal(spcChartDescription(result, options).startsWith('Statistical process control chart of crimes'), true);
  });

  test('draws the mean, dashed process limits, a dotted target and a marker per point with a value', () => {
    assert.equal(svg.match(/<line [^>]*stroke-dasharray="6 4"\/>/g)?.length, 2 + 1, 'two limit lines, and the legend sample');
    assert.match(
      svg,
      /<path class="safer-chart__target" d="M[^"]+" fill="none" stroke="#d4351c" stroke-width="2" stroke-dasharray="2 3"\/>/,
    );
    assert.equal(svg.match(/data-mark="common"/g)?.length, 11);
    assert.equal(svg.match(/data-mark="concern"/g)?.length, 1);
    assert.equal(svg.match(/data-mark="excluded"/g)?.length, 1);
    assert.equal(svg.match(/data-mark=/g)?.length, 13, 'no marker for the month with no value');
    assert.match(
      svg,
      /<path [^>]*fill="#c35a00" data-mark="concern"><title>December 2018: 30, concern: outside the process limits<\/title><\/path>/,
    );
    assert.match(
      svg,
      new RegExp(
        /<circle [^>]*fill="#ffffff" stroke="#0b0c0c" stroke-width="2" data-mark="excluded">/.source +
          /<title>January 2019: 2, left out of the limits: Incomplete/.source,
      ),
    );
  });

  test('joins the used points with one line that skips the excluded month', () => {
    const line = /<path class="safer-chart__values" d="([^"]+)"/.exec(svg)![1]!;
    assert.equal(line.match(/M/g)?.length, 1, 'one unbroken stretch');
    assert.equal(line.match(/[ML]/g)?.length, 12, 'the twelve used points, not the excluded one');
  });

  test('has a legend that names every kind of mark used, so colour is never the only clue', () => {
    const legend = /<g class="safer-chart__legend"[^>]*>(.*?)<\/g>/.exec(svg)![1]!;
    const texts = [...legend.matchAll(/<text [^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(texts, [
      'Crimes',
      'Mean',
      'Process limits',
      'Target',
      'Special cause – concern',
      'Left out of the limits (incomplete data)',
    ]);
  });

  test('marks a rebase with a dashed vertical line and draws each segment its own limits', () => {
    const rebased = computeSpc(
      [20, 22, 21, 23, 19, 21, 20, 22, 21, 19, 20, 22, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 11].map((value, i) => ({
        period: month(i),
        value,
      })),
      { direction: 'lower', rebasePeriods: ['2019-01'] },
    );
    const chart = spcChartSvg(rebased, { ...options, id: 'spc-2' });
    assertWellFormed(chart);
    const limits = /<g class="safer-chart__limits">(.*?)<\/g>/.exec(chart)![1]!;
    assert.equal(limits.match(/stroke-dasharray="4 3"/g)?.length, 1, 'one rebase line');
    assert.equal(limits.match(/stroke-dasharray="6 4"/g)?.length, 4, 'upper and lower limits for each segment');
    assert.match(chart, />Limits recalculated<\/text>/);
    assert.match(chart, /Limits recalculated from January 2019\./);
    assert.match(chart, /From January 2019 to December 2019: mean 10\.5, process limits 6\.9 to 14\.1\./);
  });

  test('with too few points: no limits, and the description says why', () => {
    const short = computeSpc(points.slice(0, 8), { direction: 'lower' });
    const chart = spcChartSvg(short, { ...options, id: 'spc-3' });
    assertWellFormed(chart);
    assert.doesNotMatch(chart, /stroke-dasharray="6 4"|>Mean</);
    assert.match(chart, /Not enough data for process limits \(8 of 12 periods needed\)/);
  });

  test('copes with an empty series and with improvement and neither marks', () => {
    const empty = spcChartSvg(computeSpc([], { direction: 'lower' }), { ...options, id: 'e' });
    assertWellFormed(empty);
    assert.match(empty, /No crimes to chart yet\./);
    const low = computeSpc(
      [30, 28, 29, 27, 30, 28, 29, 27, 30, 28, 29, 10].map((value, i) => ({ period: month(i), value })),
      { direction: 'lower' },
    );
    assert.match(spcChartSvg(low, options), /data-mark="improvement"[^]*>Special cause – improvement<\/text>/);
    const neither = computeSpc(
      low.points.map((p) => ({ period: p.period, value: p.value })),
      { direction: 'neither' },
    );
    assert.match(spcChartSvg(neither, options), /data-mark="neither"/);
  });

  test('axis steps and period labels', () => {
    assert.equal(axisStep(18.4), 5);
    assert.equal(axisStep(0.9), 0.2);
    assert.equal(axisStep(0), 1);
    assert.deepEqual(periodAxisLabel('2019-02'), { label: 'Feb', sublabel: '2019' });
    assert.deepEqual(periodAxisLabel('2019-Q3'), { label: 'Q3', sublabel: '2019' });
    assert.deepEqual(periodAxisLabel('2019'), { label: '2019' });
    const rates = computeSpc(
      [0.41, 0.52, 0.47, 0.5, 0.44, 0.49, 0.51, 0.46, 0.48, 0.45, 0.5, 0.47].map((value, i) => ({ period: month(i), value })),
      { direction: 'lower' },
    );
    assert.match(spcChartSvg(rates, options), />0\.35<\/text>[^]*>0\.4<\/text>[^]*>0\.45<\/text>/, 'decimal gridlines for small values');
  });
});

describe('the table beneath the chart', () => {
  const rows = spcTableRows(result, { periodLabel });

  test('gives each period its value, mean, limits, target, special cause in words and why it was left out', () => {
    assert.deepEqual(rows[0], {
      period: '2018-01',
      periodText: 'January 2018',
      value: '10',
      mean: '12.9',
      lowerLimit: '3.7',
      upperLimit: '22.1',
      target: '15',
      specialCause: 'Common cause',
      excludedReason: '',
    });
    assert.equal(rows[11]!.specialCause, 'Concern: outside the process limits');
    assert.equal(rows[12]!.value, '2');
    assert.equal(rows[12]!.specialCause, '');
    assert.equal(rows[12]!.excludedReason, 'Incomplete police.uk data: few <violence> & "sexual" offences');
    assert.equal(rows[13]!.value, 'No data');
  });

  test('names every rule a point takes part in, and says when there is not enough data', () => {
    // The long shift of spc.test.ts without its rebase: 22 in February 2018 is above the upper limit of 21.1 and in the run.
    const shift = [20, 22, 21, 23, 19, 21, 20, 22, 21, 19, 20, 22, 10, 12, 11, 9, 10, 11, 12, 10, 9, 11, 10, 11];
    const both = computeSpc(
      shift.map((value, i) => ({ period: month(i), value })),
      { direction: 'higher' },
    );
    const words = spcTableRows(both, { periodLabel })[1]!.specialCause;
    assert.equal(words, 'Improvement: outside the process limits; in a run of 7 or more on one side of the mean');
    const short = spcTableRows(computeSpc(points.slice(0, 5), { direction: 'lower' }), { periodLabel });
    assert.equal(short[0]!.mean, 'Not enough data');
    assert.equal(short[0]!.upperLimit, '');
    assert.equal(short[0]!.specialCause, 'Not judged (not enough data)');
  });

  test('as GOV.UK table cells, numbers right-aligned, with a custom number format', () => {
    const cells = spcTableCells(spcTableRows(result, { periodLabel, formatValue: (v) => v.toFixed(2) }));
    assert.equal(SPC_TABLE_HEAD.length, cells[0]!.length);
    assert.deepEqual(cells[0]!.slice(0, 3), [
      { text: 'January 2018' },
      { text: '10.00', format: 'numeric' },
      { text: '12.92', format: 'numeric' },
    ]);
    assert.deepEqual(
      SPC_TABLE_HEAD.map((h) => h.text),
      ['Period', 'Value', 'Mean', 'Lower process limit', 'Upper process limit', 'Target', 'Special cause', 'Left out because'],
    );
  });

  test('numbers: whole above 100, one decimal place to 100, three figures below 1', () => {
    assert.equal(formatSpcValue(1463.4), '1,463');
    assert.equal(formatSpcValue(12.916667), '12.9');
    assert.equal(formatSpcValue(0.797318), '0.797');
    assert.equal(formatSpcValue(-0.00001), '-0.00001');
    assert.equal(formatSpcValue(0), '0');
  });
});

describe('values and limits precise enough to check the flags', () => {
  // 1,000 and 1,010 twelve times each, then 1,034.4: mean 1,006.176, upper limit 1,034.372. The
  // 1,034.4 is outside, but both read 1,034 to the usual places (and 1,034.4 to one more).
  const values = [...Array.from({ length: 24 }, (_, i) => (i % 2 === 0 ? 1000 : 1010)), 1034.4];
  const result = computeSpc(
    values.map((value, i) => ({ period: month(i), value })),
    { direction: 'lower' },
  );

  test('the table, description and tooltip show the point and the limit with the places that tell them apart', () => {
    assert.deepEqual(result.points[24]!.rules, ['outside-limits']);
    const row = spcTableRows(result, { periodLabel })[24]!;
    assert.deepEqual([row.value, row.upperLimit, row.mean], ['1,034.40', '1,034.37', '1,006.18']);
    assert.match(spcChartDescription(result, options), /process limits 977\.98 to 1,034\.37\./);
    assert.match(spcChartSvg(result, options), /<title>January 2020: 1,034\.40, concern: outside the process limits<\/title>/);
  });

  test('a unit written by the formatter is kept', () => {
    const row = spcTableRows(result, { periodLabel, formatValue: (v) => `${v.toFixed(0)}%` })[24]!;
    assert.deepEqual([row.value, row.upperLimit], ['1,034.40%', '1,034.37%']);
  });

  test('the usual places when they are enough', () => {
    const plain = computeSpc(points, { direction: 'lower' });
    assert.equal(spcTableRows(plain, { periodLabel }).at(-1)!.upperLimit, formatSpcValue(plain.points.at(-1)!.upperLimit));
  });
});

describe('the variation and assurance icons', () => {
  test('say what they show in their title, with a letter so colour is not the only clue', () => {
    const variation = variationIconSvg(result, 'variation-1')!;
    assertWellFormed(variation);
    assert.match(variation, /role="img" aria-labelledby="variation-1-title"/);
    assert.match(variation, /<title id="variation-1-title">Variation: Special cause – concern \(high\)<\/title>/);
    assert.match(variation, /stroke="#c35a00"[^]*>H<\/text>/);
    const assurance = assuranceIconSvg(result, 'assurance-1')!;
    assertWellFormed(assurance);
    assert.match(assurance, /<title id="assurance-1-title">Assurance: Target hit and miss<\/title>/);
    assert.match(assurance, />\?<\/text>/);
  });

  test('improvement low, common cause, pass and fail', () => {
    const steady = [10, 12, 11, 13, 10, 12, 11, 13, 10, 12, 11, 12].map((value, i) => ({ period: month(i), value }));
    const common = computeSpc(steady, { direction: 'lower', target: 20 });
    assert.match(variationIconSvg(common, 'v')!, /Variation: Common cause – no significant change<\/title>/);
    assert.match(assuranceIconSvg(common, 'a')!, /Assurance: Target consistently met<\/title>[^]*>P<\/text>/);
    assert.match(
      assuranceIconSvg(computeSpc(steady, { direction: 'higher', target: 20 }), 'a')!,
      /Target consistently missed<\/title>[^]*>F<\/text>/,
    );
    const low = computeSpc(
      [30, 28, 29, 27, 30, 28, 29, 27, 30, 28, 29, 10].map((value, i) => ({ period: month(i), value })),
      { direction: 'lower' },
    );
    assert.match(variationIconSvg(low, 'v')!, /Special cause – improvement \(low\)<\/title>[^]*stroke="#005eb8"[^]*>L<\/text>/);
    assert.equal(VARIATION_TAGS[low.variation!].classes, 'govuk-tag--blue');
  });

  test('a rising trend below the mean is high (H), whichever the direction', () => {
    const rising = [20, 20, 20, 20, 20, 1, 2, 3, 4, 5, 6, 7].map((value, i) => ({ period: month(i), value }));
    assert.match(
      variationIconSvg(computeSpc(rising, { direction: 'higher' }), 'v')!,
      /Special cause – improvement \(high\)<\/title>[^]*stroke="#005eb8"[^]*>H<\/text>/,
    );
    assert.match(
      variationIconSvg(computeSpc(rising, { direction: 'neither' }), 'v')!,
      /\(high\)<\/title>[^]*stroke="#4c2c92"[^]*>H<\/text>/,
    );
  });

  test('are left out when there is nothing to show', () => {
    const short = computeSpc(points.slice(0, 5), { direction: 'lower', target: 5 });
    assert.equal(variationIconSvg(short, 'v'), null);
    assert.equal(assuranceIconSvg(short, 'a'), null);
    assert.equal(assuranceIconSvg(computeSpc(points, { direction: 'lower' }), 'a'), null, 'no target');
  });
});
