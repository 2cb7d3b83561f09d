import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { structureDiagramSvg, wrapName, type DiagramBody } from './structure-diagram.ts';

/** A small XML well-formedness check: every tag closes in order, attributes are quoted, entities are known. */
function assertWellFormed(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g;
  let last = 0;
  let roots = 0;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const between = xml.slice(last, m.index);
    assert.ok(!/[<>]/.test(between), `stray markup near: ${between.slice(0, 60)}`);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos);)/.test(between), `bad entity near: ${between.slice(0, 60)}`);
    last = tag.lastIndex;
    const [, closing, name, , selfClosing] = m;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else if (!selfClosing) {
      if (stack.length === 0) roots++;
      stack.push(name!);
    } else if (stack.length === 0) roots++;
  }
  assert.equal(xml.slice(last).trim(), '', 'nothing after the root element');
  assert.deepEqual(stack, [], 'every element is closed');
  assert.equal(roots, 1, 'one root element');
}

const bodies: DiagramBody[] = [
  { id: 1, name: 'Safer Maidstone Partnership Executive Group', shortName: 'SMPEG', kind: 'executive_group', reportsToBodyId: null },
  { id: 2, name: 'Communities, Housing and Environment Committee', shortName: null, kind: 'scrutiny_committee', reportsToBodyId: null },
  { id: 3, name: 'Safer Maidstone Partnership', shortName: 'SMP', kind: 'partnership', reportsToBodyId: 1 },
  { id: 4, name: 'Domestic Abuse Forum', shortName: 'DAF', kind: 'sub_group', reportsToBodyId: 3 },
  { id: 5, name: 'Serious & Organised Crime Panel <SOCP>', shortName: 'SOCP', kind: 'sub_group', reportsToBodyId: 3 },
  { id: 6, name: 'Vulnerable Investigation Team professionals meeting', shortName: null, kind: 'working_group', reportsToBodyId: 4 },
  { id: 7, name: "MBC Safeguarding Board 'linked'", shortName: null, kind: 'linked_board', reportsToBodyId: 3 },
];

describe('the governance structure diagram', () => {
  const svg = structureDiagramSvg(bodies, { idPrefix: 'gov', title: 'Safer Maidstone governance' });

  test('is an accessible image with a title and a description naming every link', () => {
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" role="img" aria-labelledby="gov-title gov-desc"/);
    assert.match(svg, /<title id="gov-title">Safer Maidstone governance<\/title>/);
    assert.match(
      svg,
      /<desc id="gov-desc">[^<]*Safer Maidstone Partnership \(partnership\) reports to Safer Maidstone Partnership Executive Group\./,
    );
    assert.ok(!/@import|url\(|<link|font-face/.test(svg), 'no external fonts or resources');
  });

  test('shows every body name, escaped, in the boxes or the description', () => {
    for (const b of bodies) {
      const escaped = b.name.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;');
      assert.ok(svg.includes(escaped), `${b.name} is in the diagram`);
    }
    assert.ok(!svg.includes('<SOCP>'));
    assert.ok(svg.includes('Serious &amp; Organised'));
  });

  test('draws a line for each reports-to link and a box per body, in tiers from top to bottom', () => {
    assert.equal((svg.match(/<line /g) ?? []).length, 5);
    assert.equal((svg.match(/<rect [^>]*rx="4"/g) ?? []).length, bodies.length);
    const y = (firstWord: string) =>
      Number(new RegExp(`<rect x="[\\d.]+" y="([\\d.]+)"[^>]*/><text[^>]*><tspan[^>]*>${firstWord}`).exec(svg)?.[1]);
    assert.ok(y('Safer') < y('Domestic'));
    assert.ok(y('Domestic') < y('Vulnerable'));
    assert.ok(y('Domestic') > y('Communities,'));
  });

  test('is well-formed XML, even with awkward names and no bodies at all', () => {
    assertWellFormed(svg);
    assertWellFormed(structureDiagramSvg([]));
    assertWellFormed(
      structureDiagramSvg([{ id: 1, name: '"quoted" & <tagged> \u0001 name', shortName: null, kind: 'unknown', reportsToBodyId: 99 }]),
    );
  });

  test('wraps long names onto at most three lines', () => {
    assert.deepEqual(wrapName('Safer Maidstone Partnership Executive Group'), ['Safer Maidstone Partnership', 'Executive Group']);
    const lines = wrapName('A very long name that goes on and on and on past the third line of the box for sure');
    assert.equal(lines.length, 3);
    assert.ok(lines[2]!.endsWith('…'));
  });
});
