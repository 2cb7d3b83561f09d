import { CRIME_TYPES, type CrimeType } from '../crime-data/police-uk-format.ts';

/**
 * The harm-weighted crime index: each crime counts by a weight for its police.uk type instead of
 * once. The default weights come from the ONS Crime Severity Score (CSS), whose weight for an
 * offence is the average sentence handed down for it, in days of custody (fines and community
 * sentences converted to days). police.uk's types are coarse groups of the Home Office offence
 * codes the CSS weights, so each default is an average over the offences in the group, weighted by
 * their approximate share of police recorded crime in England and Wales, rounded to two
 * significant figures. They are approximations: a partnership can edit its own (the harm_weights
 * table) and docs/statistics.md shows how each was reached.
 */

export const HARM_WEIGHT_SOURCE =
  'Office for National Statistics, Crime Severity Score (experimental statistics): offence weights are average sentence lengths in days, ' +
  'averaged over the offences in each police.uk crime type by their approximate share of recorded crime in England and Wales.';

export interface HarmWeightDefault {
  crimeType: CrimeType;
  weight: number;
  reasoning: string;
}

export const DEFAULT_HARM_WEIGHTS: readonly HarmWeightDefault[] = [
  {
    crimeType: 'Anti-social behaviour',
    weight: 0,
    reasoning:
      'Not a crime, so it has no sentence and no CSS weight. It is left out of the index (weight 0) and shown as a count beside it; ' +
      'a partnership that wants it in can give it a small weight, such as 10, close to the CSS weight for causing public fear, alarm or ' +
      'distress.',
  },
  { crimeType: 'Bicycle theft', weight: 10, reasoning: 'The CSS weight for theft of a pedal cycle (about 10).' },
  {
    crimeType: 'Burglary',
    weight: 350,
    reasoning:
      'About seven in ten burglaries are residential (CSS weight about 440), most of the rest business and community (about 120); ' +
      'aggravated burglary (about 1,500 to 2,100) is rare.',
  },
  {
    crimeType: 'Criminal damage and arson',
    weight: 20,
    reasoning:
      'Mostly criminal damage to dwellings, other buildings and vehicles (about 7; racially or religiously aggravated about 19); ' +
      'arson, about one in twenty-five, weighs far more (about 190, or about 840 when life is endangered).',
  },
  {
    crimeType: 'Drugs',
    weight: 100,
    reasoning:
      'Mostly possession (cannabis about 3, other drugs about 5 to 11), but about one in five is trafficking (about 500), which ' +
      'dominates the average.',
  },
  {
    crimeType: 'Other crime',
    weight: 150,
    reasoning:
      'A mixed group of miscellaneous crimes against society (perverting the course of justice, obscene publications, bail and other ' +
      'offences) ' +
      'whose CSS weights mostly lie between about 10 and 450; about 150 is a rough typical value.',
  },
  { crimeType: 'Other theft', weight: 33, reasoning: 'The CSS weight for other theft offences (about 33).' },
  {
    crimeType: 'Possession of weapons',
    weight: 150,
    reasoning:
      'Mostly possession of a knife, bladed article or other offensive weapon (about 55 to 75); firearms offences, fewer, weigh about ' +
      '330 to 1,400.',
  },
  {
    crimeType: 'Public order',
    weight: 50,
    reasoning:
      'Mostly causing public fear, alarm or distress (about 10; racially or religiously aggravated about 24); ' +
      'the rarer affray and violent disorder weigh about 365 and 1,900.',
  },
  {
    crimeType: 'Robbery',
    weight: 750,
    reasoning: 'The CSS weight for robbery of personal property (about 750); business robbery is similar and rarer.',
  },
  { crimeType: 'Shoplifting', weight: 13, reasoning: 'The CSS weight for shoplifting (about 13).' },
  { crimeType: 'Theft from the person', weight: 86, reasoning: 'The CSS weight for theft from the person (about 86).' },
  {
    crimeType: 'Vehicle crime',
    weight: 25,
    reasoning:
      'Mostly theft from a vehicle (about 7 to 8) and vehicle interference (about 12); theft or unauthorised taking of a vehicle ' +
      '(about 48) ' +
      'and aggravated vehicle taking (about 720) pull the average up.',
  },
  {
    crimeType: 'Violence and sexual offences',
    weight: 200,
    reasoning:
      'Mostly common assault, harassment and malicious communications (about 15 to 50) and assault causing actual bodily harm (about ' +
      '110 to 180); ' +
      'the fewer grievous bodily harm offences (about 700 to 1,900), rapes (about 1,900 to 3,900) and homicides (about 8,000) carry ' +
      'most of the weight.',
  },
  {
    crimeType: 'Public disorder and weapons',
    weight: 60,
    reasoning:
      'The category police.uk used before May 2013 for public order and possession of weapons together: their defaults averaged by ' +
      'volume (about nine to one).',
  },
];

const byType = new Map<string, HarmWeightDefault>(DEFAULT_HARM_WEIGHTS.map((d) => [d.crimeType, d]));

/** The default weight of a police.uk crime type, with the reasoning for it. */
export function defaultHarmWeight(crimeType: string): { weight: number; reasoning: string } {
  const found = byType.get(crimeType);
  if (!found) throw new RangeError(`No default harm weight for "${crimeType}": not a police.uk crime type (${CRIME_TYPES.join(', ')})`);
  return { weight: found.weight, reasoning: found.reasoning };
}

/** Every crime type's default weight, with a partnership's own weights in place of any it has set. */
export function harmWeightsWith(overrides: Readonly<Record<string, number>> = {}): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const d of DEFAULT_HARM_WEIGHTS) weights[d.crimeType] = d.weight;
  for (const [crimeType, weight] of Object.entries(overrides)) {
    if (!byType.has(crimeType)) throw new RangeError(`A harm weight for "${crimeType}": not a police.uk crime type`);
    if (!(Number.isFinite(weight) && weight >= 0))
      throw new RangeError(`The harm weight for ${crimeType} must be 0 or more, not ${weight}`);
    weights[crimeType] = weight;
  }
  return weights;
}

interface HarmIndex {
  /** Sum of count x weight over the crime types. */
  harm: number;
  /** Sum of the counts (including types weighted 0, such as anti-social behaviour). */
  count: number;
  /** harm / population, the Crime Severity Score's form: null without a population. */
  perResident: number | null;
  byType: { crimeType: string; count: number; weight: number; harm: number }[];
}

/**
 * The harm index of counts per crime type under a weights map (harmWeightsWith() gives a full one).
 * A type with a count but no weight is an error, never silently left out.
 */
export function harmIndex(
  counts: Readonly<Record<string, number>>,
  weights: Readonly<Record<string, number>>,
  population?: number,
): HarmIndex {
  const missing = Object.keys(counts).filter((t) => !Object.hasOwn(weights, t));
  if (missing.length > 0) throw new RangeError(`No harm weight for ${missing.join(', ')}`);
  const rows = Object.entries(counts).map(([crimeType, count]) => {
    if (!(Number.isFinite(count) && count >= 0)) throw new RangeError(`The count for ${crimeType} must be 0 or more, not ${count}`);
    const weight = weights[crimeType]!;
    return { crimeType, count, weight, harm: count * weight };
  });
  const harm = rows.reduce((sum, r) => sum + r.harm, 0);
  if (population !== undefined && !(Number.isFinite(population) && population > 0))
    throw new RangeError(`population must be above 0, not ${population}`);
  return {
    harm,
    count: rows.reduce((sum, r) => sum + r.count, 0),
    perResident: population === undefined ? null : harm / population,
    byType: rows.sort((a, b) => b.harm - a.harm || a.crimeType.localeCompare(b.crimeType)),
  };
}
