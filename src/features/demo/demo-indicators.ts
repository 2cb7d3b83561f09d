import type { Trx } from '../../platform/db/database.ts';
import { INDICATOR_DEFAULTS, insertIndicator, saveTarget, saveValue, type IndicatorValues } from '../indicators/indicator-repository.ts';
import { findDatasetByName, partnershipLsoas, wardNames } from '../indicators/indicator-source-repository.ts';
import type { DemoPlanIds, DemoPriorityKey, DemoThemeKey } from './demo-plan.ts';
import { DEMO_VISITS_DATASET } from './demo-service-usage.ts';

/**
 * The demo's indicators: for each of the five priorities at least one computed from the imported
 * Kent police.uk months for Maidstone, a survey indicator from the demo survey results, the
 * one-stop-shop visits (when that dataset is loaded) and one entered by hand with two years of
 * invented monthly figures. A mix of public and restricted.
 */

type DemoIndicator = Partial<IndicatorValues> & {
  name: string;
  priority?: DemoPriorityKey;
  theme?: DemoThemeKey;
  owner: 'analyst' | 'coordinator';
  targets?: [period: string, target: number][];
};

const demoIndicators: DemoIndicator[] = [
  {
    name: 'Harm-weighted crime index',
    definition:
      'Every crime recorded in Maidstone, each counted by the harm weight of its type (see Harm weights), so that the index moves with ' +
      'the harm done rather than with the number of minor offences.',
    unit: 'harm-weighted crimes',
    priority: 'soc',
    owner: 'analyst',
    measure: 'harm',
    visibility: 'public',
  },
  {
    name: 'Violence and sexual offences per 1,000 residents',
    definition:
      'Violence and sexual offences recorded by Kent Police in Maidstone, per 1,000 residents (mid-2019 population estimates). Domestic ' +
      'abuse makes up a large share of violence against the person.',
    unit: 'per 1,000 residents',
    priority: 'domestic_abuse',
    owner: 'analyst',
    crime_types: ['Violence and sexual offences'],
    measure: 'rate',
    visibility: 'public',
    targets: [
      ['2019-01', 3.5],
      ['2019-02', 3.5],
    ],
  },
  {
    name: 'Domestic abuse incidents reported to the police',
    definition:
      'Demo figures: invented for this demonstration, not real Kent Police data. Domestic abuse incidents and crimes reported to the ' +
      'police in Maidstone each month. The partnership wants victims to come forward, so a rise is good news.',
    unit: 'incidents',
    priority: 'domestic_abuse',
    owner: 'coordinator',
    source: 'manual',
    measure: 'value',
    direction: 'more-reporting',
    visibility: 'restricted',
  },
  {
    name: 'Anti-social behaviour incidents',
    definition: 'Anti-social behaviour incidents recorded by Kent Police in Maidstone each month.',
    unit: 'incidents',
    priority: 'young_people',
    owner: 'analyst',
    crime_types: ['Anti-social behaviour'],
    visibility: 'public',
    targets: [
      ['2018-10', 230],
      ['2018-11', 230],
      ['2018-12', 230],
      ['2019-01', 230],
      ['2019-02', 230],
    ],
  },
  {
    name: 'Robbery and possession of weapons',
    definition:
      'Robberies and possession of weapons offences recorded in Maidstone each quarter: a marker of serious youth violence and ' +
      'knife crime.',
    unit: 'crimes',
    priority: 'young_people',
    owner: 'analyst',
    frequency: 'quarterly',
    crime_types: ['Possession of weapons', 'Robbery'],
    visibility: 'restricted',
    targets: [['2019-Q1', 45]],
  },
  {
    name: 'Burglary and vehicle crime',
    definition: 'Burglaries and vehicle crimes recorded in Maidstone each month: acquisitive crime, much of it linked to drug dependency.',
    unit: 'crimes',
    priority: 'substance_misuse',
    owner: 'analyst',
    crime_types: ['Burglary', 'Vehicle crime'],
    visibility: 'public',
  },
  {
    name: 'Drug offences recorded',
    definition:
      'Drug offences recorded by Kent Police in Maidstone each month. Almost all come to light through police activity, so a rise is ' +
      'read as more enforcement, not more drug use.',
    unit: 'crimes',
    priority: 'substance_misuse',
    owner: 'analyst',
    crime_types: ['Drugs'],
    direction: 'higher',
    visibility: 'restricted',
  },
  {
    name: 'Public order offences',
    definition:
      'Public order offences recorded in Maidstone each month. Many cases at the Community Safety and Vulnerability Group involve ' +
      'public order incidents where mental health is a factor.',
    unit: 'crimes',
    priority: 'mental_health',
    owner: 'analyst',
    crime_types: ['Public order'],
    visibility: 'public',
  },
  {
    name: 'Residents who feel safe in their local area after dark',
    definition: "The percentage of respondents to the Maidstone residents' survey who feel safe in their local area after dark.",
    unit: '%',
    theme: 'asb',
    owner: 'coordinator',
    source: 'survey',
    frequency: 'annual',
    direction: 'higher',
    measure: 'percent',
    survey_question: 'Feel safe in their local area after dark',
    visibility: 'public',
  },
];

/** Invented monthly figures for the hand-entered indicator, March 2017 to February 2019: rising reports, summer and Christmas peaks. */
const demoDomesticAbuse: [string, number][] = [
  ['2017-03', 181],
  ['2017-04', 176],
  ['2017-05', 190],
  ['2017-06', 198],
  ['2017-07', 205],
  ['2017-08', 201],
  ['2017-09', 187],
  ['2017-10', 189],
  ['2017-11', 184],
  ['2017-12', 203],
  ['2018-01', 186],
  ['2018-02', 179],
  ['2018-03', 195],
  ['2018-04', 192],
  ['2018-05', 204],
  ['2018-06', 214],
  ['2018-07', 226],
  ['2018-08', 219],
  ['2018-09', 203],
  ['2018-10', 207],
  ['2018-11', 199],
  ['2018-12', 221],
  ['2019-01', 204],
  ['2019-02', 198],
];

/**
 * Loads the demo indicators, once: a partnership that has any indicator is left alone (returns 0).
 * trx is any transaction allowed to write the partnership's rows (loadDemo's system transaction).
 */
export async function loadDemoIndicators(
  trx: Trx,
  partnershipId: number,
  plan: Pick<DemoPlanIds, 'priorityIds' | 'themeIds'>,
  users: { analyst: number; coordinator: number },
): Promise<number> {
  const existing = await trx.selectFrom('indicators').select('id').where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (existing) return 0;
  const list = [...demoIndicators];

  // Anti-social behaviour in the town centre, when the geography names its ward.
  const lsoas = await partnershipLsoas(trx, partnershipId);
  const wards = await wardNames(trx, [...new Set(lsoas.flatMap((l) => (l.ward_code ? [l.ward_code] : [])))]);
  const highStreet = wards.find((w) => w.name === 'High Street');
  if (highStreet) {
    list.push({
      name: 'Anti-social behaviour in the town centre (High Street ward)',
      definition: 'Anti-social behaviour incidents in High Street ward, which holds the town centre and its night-time economy.',
      unit: 'incidents',
      priority: 'mental_health',
      owner: 'analyst',
      crime_types: ['Anti-social behaviour'],
      area_kind: 'wards',
      area_codes: [highStreet.code],
      visibility: 'restricted',
    });
  }
  const datasetId = await findDatasetByName(trx, partnershipId, DEMO_VISITS_DATASET);
  if (datasetId !== null) {
    list.push({
      name: 'One-stop shop visits',
      definition:
        "Visits to the domestic abuse one-stop shop each month, from the service's own records (synthetic for the demo). More visits " +
        'mean more victims getting help.',
      unit: 'visits',
      priority: 'domestic_abuse',
      owner: 'coordinator',
      source: 'service-usage',
      dataset_id: datasetId,
      direction: 'more-reporting',
      visibility: 'restricted',
    });
  }

  for (const [position, d] of list.entries()) {
    const { priority, theme, owner, targets, ...values } = d;
    const id = await insertIndicator(trx, partnershipId, {
      ...INDICATOR_DEFAULTS,
      ...values,
      priority_id: priority ? plan.priorityIds[priority] || null : null,
      theme_id: theme ? plan.themeIds[theme] || null : null,
      owner_user_id: users[owner],
      position,
    });
    for (const [period, target] of targets ?? []) await saveTarget(trx, partnershipId, id, period, target);
    if (d.source === 'manual') {
      for (const [period, value] of demoDomesticAbuse) {
        await saveValue(trx, partnershipId, id, {
          period,
          value,
          evidence: 'Demo figure, invented for the demonstration',
          enteredBy: users.coordinator,
        });
      }
    }
  }
  return list.length;
}
