import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CRIME_TYPES } from '../crime-data/police-uk-format.ts';
import { DEFAULT_HARM_WEIGHTS, defaultHarmWeight, harmIndex, harmWeightsWith } from './harm-weights.ts';

describe('default harm weights', () => {
  test('cover every police.uk crime type once, each with a weight of 0 or more and its reasoning', () => {
    assert.deepEqual(DEFAULT_HARM_WEIGHTS.map((d) => d.crimeType).sort(), [...CRIME_TYPES].sort());
    for (const d of DEFAULT_HARM_WEIGHTS) {
      assert.ok(d.weight >= 0, d.crimeType);
      assert.ok(d.reasoning.length > 20, `${d.crimeType} says why`);
    }
  });

  test('rank the serious types above the volume ones, and leave anti-social behaviour out', () => {
    const w = (t: string) => defaultHarmWeight(t).weight;
    assert.equal(w('Anti-social behaviour'), 0);
    assert.ok(w('Robbery') > w('Burglary') && w('Burglary') > w('Violence and sexual offences'));
    assert.ok(w('Violence and sexual offences') > w('Theft from the person') && w('Theft from the person') > w('Shoplifting'));
    assert.match(defaultHarmWeight('Anti-social behaviour').reasoning, /Not a crime/);
    assert.throws(() => defaultHarmWeight('Burglarly'), /No default harm weight for "Burglarly"/);
  });
});

describe('the harm index', () => {
  test('sums count times weight, with a partnership’s own weights in place of the defaults', () => {
    const weights = harmWeightsWith({ Shoplifting: 20 });
    assert.equal(weights['Shoplifting'], 20);
    assert.equal(weights['Robbery'], 750);
    // 10 robberies x 750 + 100 shopliftings x 20 + 300 ASB incidents x 0 = 7,500 + 2,000 = 9,500.
    const index = harmIndex({ Robbery: 10, Shoplifting: 100, 'Anti-social behaviour': 300 }, weights, 1000);
    assert.equal(index.harm, 9500);
    assert.equal(index.count, 410);
    assert.equal(index.perResident, 9.5);
    assert.deepEqual(index.byType, [
      { crimeType: 'Robbery', count: 10, weight: 750, harm: 7500 },
      { crimeType: 'Shoplifting', count: 100, weight: 20, harm: 2000 },
      { crimeType: 'Anti-social behaviour', count: 300, weight: 0, harm: 0 },
    ]);
    assert.equal(harmIndex({}, weights).harm, 0);
    assert.equal(harmIndex({ Drugs: 1 }, weights).perResident, null);
  });

  test('refuses a type with no weight, an unknown type or a negative weight', () => {
    assert.throws(() => harmIndex({ Drugs: 3 }, { Robbery: 750 }), /No harm weight for Drugs/);
    assert.throws(() => harmWeightsWith({ Fraud: 5 }), /"Fraud": not a police.uk crime type/);
    assert.throws(() => harmWeightsWith({ Drugs: -1 }), /must be 0 or more/);
    assert.throws(() => harmIndex({ Drugs: -1 }, harmWeightsWith()), /must be 0 or more/);
  });
});
