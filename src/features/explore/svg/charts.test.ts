import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  asGeometry,
  choroplethSvg,
  classOf,
  CLASS_COLOURS,
  fitProjection,
  geometryPath,
  mapClasses,
  NO_DATA_COLOUR,
  type Geometry,
  type MapArea,
} from './choropleth.ts';
import { escapeXml, svgId } from './svg-text.ts';
import { niceStep, trendChartSvg, type TrendPoint } from './trend-chart.ts';

/** Checks that every tag is closed in order and no text holds a raw < or &: enough to know the SVG parses. */
function assertWellFormed(svg: string): void {
  const stack: string[] = [];
  const tokens = svg.split(/(<[^>]*>)/).filter((t) => t !== '');
  for (const token of tokens) {
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
}

/** The accessible name and description: role="img", labelled by a <title> and described by a <desc>. */
function assertAccessible(svg: string, id: string, title: string): void {
  assert.match(svg, new RegExp(`^<svg xmlns="http://www.w3.org/2000/svg" id="${id}"`));
  assert.match(svg, new RegExp(`role="img" aria-labelledby="${id}-title ${id}-desc"`));
  assert.ok(svg.includes(`<title id="${id}-title">${title}</title>`), 'the title is the first child');
  assert.match(svg, new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
  assert.match(svg, /viewBox="0 0 \d+ \d+" width="100%"/);
}

const square = (lon: number, lat: number, size = 0.01): Geometry => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + size, lat],
      [lon + size, lat + size],
      [lon, lat + size],
      [lon, lat],
    ],
  ],
});

describe('the trend chart', () => {
  const points: TrendPoint[] = [
    { label: 'Oct', sublabel: '2018', value: 1756, tooltip: 'October 2018: 1,756' },
    {
      label: 'Nov',
      sublabel: '2018',
      value: 1127,
      flag: 'Possibly incomplete: low counts of <Violence> & "sexual" offences',
      tooltip: 'November 2018: 1,127',
    },
    { label: 'Dec', sublabel: '2018', value: null, tooltip: 'December 2018: no data' },
  ];
  const svg = trendChartSvg({
    id: 'trend',
    title: 'Crimes & <incidents> by month',
    description: 'Bar chart "by month"',
    seriesLabel: 'Crimes & incidents',
    points,
  });

  test('is an accessible, well-formed SVG image with everything escaped', () => {
    assertAccessible(svg, 'trend', 'Crimes &amp; &lt;incidents&gt; by month');
    assertWellFormed(svg);
    assert.ok(svg.includes('<desc id="trend-desc">Bar chart &quot;by month&quot;</desc>'));
    assert.ok(svg.includes('low counts of &lt;Violence&gt; &amp; &quot;sexual&quot; offences'));
    assert.ok(!svg.includes('<Violence>'));
    assert.doesNotMatch(svg, /style=|<style|<script/, 'no inline styles or scripts: the CSP allows neither');
  });

  test('draws a bar per month, hatches and marks the flagged ones, and says when there is no data', () => {
    assert.equal(svg.match(/<rect [^>]*><title>/g)?.length, 2, 'a bar for each month with data');
    assert.equal(svg.match(/data-flagged="true"/g)?.length, 1);
    assert.match(svg, /fill="url\(#trend-hatch\)"[^>]*data-flagged="true"><title>November 2018: 1,127\. Possibly incomplete/);
    assert.equal(svg.match(/class="safer-chart__flag"/g)?.length, 2, 'one on the bar, one in the legend');
    assert.match(svg, />No data<title>December 2018: no data<\/title><\/text>/);
    assert.match(svg, />Possibly incomplete data<\/text>/);
    assert.match(svg, />2,000<\/text>/, 'the value axis goes up to a round number above the largest bar');
    assert.match(svg, />Oct<tspan x="[^"]+" dy="16">2018<\/tspan><\/text>/);
  });

  test('has no flag legend when nothing is flagged, and copes with no months or all zeros', () => {
    const plain = trendChartSvg({
      id: 't2',
      title: 'T',
      description: 'D',
      seriesLabel: 'S',
      points: [{ label: 'Jan', value: 0, tooltip: 'x' }],
    });
    assertWellFormed(plain);
    assert.doesNotMatch(plain, /Possibly incomplete|data-flagged/);
    const empty = trendChartSvg({ id: 't3', title: 'T', description: 'D', seriesLabel: 'S', points: [] });
    assertWellFormed(empty);
    assert.doesNotMatch(empty, /NaN|Infinity/);
    assert.doesNotMatch(plain, /NaN|Infinity/);
  });

  test('thins the month labels to about 12', () => {
    const many = Array.from({ length: 36 }, (_, i) => ({ label: `M${i}`, value: i, tooltip: `m${i}` }));
    const svg36 = trendChartSvg({ id: 't4', title: 'T', description: 'D', seriesLabel: 'S', points: many });
    assert.equal(svg36.match(/>M\d+</g)?.length, 12);
  });

  test('steps are round numbers', () => {
    assert.equal(niceStep(1756), 500);
    assert.equal(niceStep(100), 25);
    assert.equal(niceStep(7), 2);
    assert.equal(niceStep(3), 1);
    assert.equal(niceStep(0), 1);
  });
});

describe('the choropleth map', () => {
  const areas: MapArea[] = [
    { code: 'E01000001', name: 'Low <one> & "quoted"', geometry: square(0.5, 51.2), value: 1, summary: '1 crime or incident' },
    { code: 'E01000002', name: 'Two', geometry: square(0.51, 51.2), value: 2, summary: '2 crimes' },
    {
      code: 'E01000003',
      name: 'Three',
      geometry: {
        type: 'MultiPolygon',
        coordinates: [square(0.52, 51.2).coordinates as number[][][], square(0.54, 51.2).coordinates as number[][][]],
      },
      value: 3,
      summary: '3',
    },
    { code: 'E01000004', name: 'Four', geometry: square(0.5, 51.21), value: 4, summary: '4' },
    { code: 'E01000005', name: 'Five', geometry: square(0.51, 51.21), value: 5, summary: '5' },
    { code: 'E01000006', name: 'No population', geometry: square(0.52, 51.21), value: null, summary: 'rate not available' },
    { code: 'E01000007', name: 'No boundary', geometry: null, value: null, summary: '2' },
  ];
  const svg = choroplethSvg({
    id: 'map',
    title: 'Crimes <per> 1,000',
    description: 'A map',
    legendTitle: 'Per 1,000 & more',
    areas,
    formatValue: (v) => v.toFixed(1),
  });

  test('is an accessible, well-formed SVG image with every name escaped', () => {
    assertAccessible(svg, 'map', 'Crimes &lt;per&gt; 1,000');
    assertWellFormed(svg);
    assert.ok(svg.includes('<title>Low &lt;one&gt; &amp; &quot;quoted&quot;: 1 crime or incident</title>'));
    assert.doesNotMatch(svg, /style=|<style|<script/);
  });

  test('draws a path with a title for each area with a boundary, shaded by class, and a legend', () => {
    const paths = [...svg.matchAll(/<path d="([^"]+)" fill="([^"]+)" data-code="([^"]+)"><title>([^<]+)<\/title><\/path>/g)];
    assert.deepEqual(
      paths.map((p) => p[3]),
      ['E01000001', 'E01000002', 'E01000003', 'E01000004', 'E01000005', 'E01000006'],
    );
    assert.deepEqual(
      paths.map((p) => p[2]),
      [...CLASS_COLOURS, NO_DATA_COLOUR],
    );
    assert.equal(paths[2]![1]!.match(/M/g)?.length, 2, 'a multipolygon is one path of two rings');
    assert.match(paths[0]![1]!, /^M[\d.]+ [\d.]+(L[\d.]+ [\d.]+){3}Z$/, 'the closing point repeats the first and is dropped');
    assert.match(svg, />Per 1,000 &amp; more<\/text>/);
    assert.match(svg, />1\.0<\/text>/);
    assert.match(svg, />No data<\/text>/);
  });

  test('the projection scales longitude by the cosine of the latitude and fits the width', () => {
    const atSixty = fitProjection([square(0, 59.5, 1)], 720, 10_000);
    const [x0, y0] = atSixty.project([0, 60.5]);
    const [x1, y1] = atSixty.project([1, 59.5]);
    assert.ok(Math.abs(x1 - x0 - 704) < 1e-6, 'fills the width less the padding');
    assert.ok(
      Math.abs((x1 - x0) / (y1 - y0) - Math.cos((60 * Math.PI) / 180)) < 1e-9,
      'a degree of longitude is cos(60°) of a degree of latitude',
    );
    assert.ok(y0 < y1, 'north is up');
    const tall = fitProjection([square(0, 50, 1)], 720, 300);
    assert.ok(tall.height <= 300 + 1);
    assert.equal(geometryPath(square(0, 50, 1e-9), tall).length, 0, 'a ring that rounds to a point is not drawn');
  });

  test('five quantile classes, fewer when values repeat, never empty', () => {
    const classes = mapClasses([10, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.deepEqual(
      classes.map((c) => [c.min, c.max]),
      [
        [1, 2],
        [3, 4],
        [5, 6],
        [7, 8],
        [9, 10],
      ],
    );
    assert.deepEqual(
      mapClasses([5, 5, 5, 5, 5, 5]).map((c) => [c.min, c.max, c.colour]),
      [[5, 5, CLASS_COLOURS[2]]],
    );
    const tied = mapClasses([0, 0, 0, 0, 0, 0, 0, 1, 2, 3]);
    assert.deepEqual(
      tied.map((c) => [c.min, c.max]),
      [
        [0, 0],
        [1, 1],
        [2, 3],
      ],
    );
    assert.equal(tied[0]!.colour, CLASS_COLOURS[0]);
    assert.equal(tied.at(-1)!.colour, CLASS_COLOURS[4]);
    assert.deepEqual(mapClasses([]), []);
    assert.equal(classOf(classes, 4.5)?.max, 6);
    assert.equal(classOf(classes, null), null);
  });

  test('reads boundaries stored as a geometry, a Feature or JSON text, and refuses anything else', () => {
    const g = square(0.5, 51.2);
    assert.deepEqual(asGeometry(g), g);
    assert.deepEqual(asGeometry({ type: 'Feature', properties: {}, geometry: g }), g);
    assert.deepEqual(asGeometry(JSON.stringify(g)), g);
    assert.equal(asGeometry(null), null);
    assert.equal(asGeometry('not json'), null);
    assert.equal(asGeometry({ type: 'Point', coordinates: [0, 51] }), null);
    assert.equal(
      asGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 51],
            [1, 'x'],
            [0, 52],
          ],
        ],
      }),
      null,
    );
    assert.equal(
      asGeometry({
        type: 'Polygon',
        coordinates: [
          [
            [0, 510],
            [1, 51],
            [0, 52],
          ],
        ],
      }),
      null,
    );
    assert.equal(asGeometry({ type: 'MultiPolygon', coordinates: [] }), null);
  });

  test('draws nothing for areas without boundaries', () => {
    const none = choroplethSvg({ id: 'm2', title: 'T', description: 'D', legendTitle: 'L', areas: [areas[6]!], formatValue: String });
    assertWellFormed(none);
    assert.doesNotMatch(none, /<path/);
  });
});

describe('SVG text', () => {
  test('escapes markup and makes safe ids', () => {
    assert.equal(escapeXml(`<a href="x">Tom & Jerry's</a>`), '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    assert.equal(svgId('trend chart"><script>'), 'trend-chart---script-');
    assert.equal(svgId('1st'), 'svg-1st');
  });
});
