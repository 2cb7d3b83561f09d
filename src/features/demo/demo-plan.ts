import type { Trx } from '../../platform/db/database.ts';
import type { ExternalPrioritySource } from '../../platform/db/schema.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

export type DemoPriorityKey = 'soc' | 'domestic_abuse' | 'young_people' | 'substance_misuse' | 'mental_health';
export type DemoThemeKey = 'prevent' | 'reoffending' | 'asb';

export interface DemoPlanIds {
  planId: number;
  priorityIds: Record<DemoPriorityKey, number>;
  themeIds: Record<DemoThemeKey, number>;
}

export const DEMO_PLAN_TITLE = 'Maidstone Community Safety Partnership Plan';

/** The demo plan, modelled on Maidstone's 2019-22 plan; the words are Safer's own. */
const sections = [
  {
    heading: 'Welcome',
    body:
      'This plan sets out how the Safer Maidstone Partnership will help make Maidstone a borough where people feel safe and are ' +
      'safe.\n\nThe partnership brings together the organisations with a legal duty to work on community safety and others who can ' +
      "help, so that together we make a real difference. It is the borough's Community Safety Partnership (CSP), set up under the Crime " +
      'and Disorder Act 1998.\n\nThe plan tells you:\n- what we want to do\n- why we chose these areas\n- what we plan to achieve',
  },
  {
    heading: 'Foreword',
    body:
      'Our approach is based on evidence, led by clear objectives and focused on outcomes, with proper regard for victims and ' +
      'witnesses.\n\nWe will put more weight on preventing harm. Some crimes, such as domestic abuse, are under-reported, so part of ' +
      'our aim is for people to feel confident to come forward. The plan is reviewed every year through the strategic assessment.',
  },
  {
    heading: 'How we chose our priorities',
    body:
      'The SMP produces a strategic assessment each year, drawing on police, council, health and other partner data and on the ' +
      "professional knowledge of the sub-groups.\n\nThe 2017 residents' survey had 2,350 responses. Most people feel safe at home (93%) " +
      'and in their local area during the day (94%), but fewer (60%) feel safe there after dark. A clean and safe environment was what ' +
      'mattered most to 66% of respondents. People were worried about burglary (46%), fraud or identity theft (56%), ' +
      'being attacked (29%) and being pestered or insulted in the street (38%).\n\n' +
      'The partnership met in January 2019 to agree five priorities for 2019-22, with the Prevent duty, ' +
      'reducing reoffending and anti-social behaviour (ASB) as cross-cutting themes.',
  },
];

const priorities: { key: DemoPriorityKey; title: string; why: string; objective: string; focus: string; firstYear: string }[] = [
  {
    key: 'soc',
    title: 'Protecting our communities against serious and organised crime (including modern slavery)',
    why:
      'Serious and organised crime does great harm to communities and costs the country billions of pounds a year. Organised crime ' +
      'groups (OCG) exploit vulnerable people through drug supply by county lines, rogue trading, illegal work and sexual ' +
      'exploitation.\n\nOur Serious Organised Crime Panel (SOCP) brings partners together to disrupt these groups, using the powers ' +
      'councils and other agencies hold as well as those of the police.',
    objective: 'Protect our communities from the illegal practices of serious organised crime groups.',
    focus:
      'The SOCP follows the national 4P approach:\n- Pursue: prosecute and disrupt criminal activity\n- Prevent: deter people, ' +
      'including past offenders, from getting involved\n- Protect: help communities protect themselves\n- Prepare: lessen the impact of ' +
      'serious organised crime when it happens',
    firstYear:
      '- Hold more days of action through the year, aimed at rogue trading and illegal working\n- Help partners understand why ' +
      'intelligence reports matter and how to share information properly\n- Use Integrated Offender Management (IOM) so the right ' +
      'people get managed by several agencies together',
  },
  {
    key: 'domestic_abuse',
    title: 'Reducing the harm caused by domestic abuse (including stalking)',
    why:
      'Domestic abuse is controlling, coercive, threatening, violent or abusive behaviour between partners, former partners or ' +
      'family members. It can be psychological, physical, sexual, financial or emotional.\n\nIt is still under-reported. Reports have ' +
      'risen as awareness has grown, which we welcome, because it shows more victims have the confidence to come forward. Services such ' +
      'as MARAC, the independent domestic violence advisers (IDVA) and the sanctuary scheme help victims reduce the harm in their lives.',
    objective: 'Everyone living in the borough can live safely, free from the fear and harm of domestic abuse.',
    focus:
      'Support victims through local services such as MARAC, sanctuary and IDVA support and the One Stop Shop. Find new ways to raise ' +
      'awareness so people seek advice and report abuse. Support children who witness abuse at home and promote healthy relationships ' +
      'among young people.',
    firstYear:
      '- Raise awareness of the Domestic Violence Disclosure Scheme and of stalking through targeted training, for example for ' +
      'hairdressers and barbers\n- Review how the One Stop Shop is used, whether rural sessions are needed, and whether everyone can ' +
      'reach it independently',
  },
  {
    key: 'young_people',
    title: 'Keeping children and young people safe',
    why:
      'Some children and young people live with abuse, violence, drugs or alcohol at home, and issues across all our priorities can ' +
      'affect them more deeply and for longer. We must protect them from people who would exploit them through drug supply or child ' +
      'sexual exploitation (CSE), and tackle knife crime, serious youth violence and gang culture.',
    objective: 'Protect young people from those who put them at risk.',
    focus:
      'The Community Youth Safety Group brings schools, youth workers and other partners together to spot the young people most at risk ' +
      'and those who pose a risk to others. It will raise awareness of the threat from gangs and county lines, and keep outreach work ' +
      'led by intelligence.',
    firstYear:
      "- Review places where ASB is common and agree what can be done there\n- Run a youth safety survey to understand young people's " +
      'fears, including about carrying knives\n- Hold an awareness event for senior staff from secondary schools',
  },
  {
    key: 'substance_misuse',
    title: 'Reducing the impact of substance misuse on our community',
    why:
      'Misuse of drugs, alcohol and other substances harms the people involved, their families and the wider community through ' +
      'crime, disorder and ASB. Because it runs through every other priority, it stays a priority in its own right rather than only a ' +
      'cross-cutting theme.',
    objective: 'Encourage people to seek support to overcome addiction, especially those in high-risk groups.',
    focus:
      'Make drugs hard to find in the borough, work with Trading Standards on illicit tobacco, remind young people of the dangers, ' +
      'build on the Housing First approach for people sleeping rough, and reach drinkers who resist treatment.',
    firstYear:
      '- Review the Public Spaces Protection Order (PSPO) on drinking to check it is still needed and proportionate\n- Start a project ' +
      'to help treatment-resistant drinkers who place heavy demands on public services',
  },
  {
    key: 'mental_health',
    title: 'Safeguarding people whose mental health makes them vulnerable',
    why:
      'Poor mental health can make people targets for abuse and exploitation, can leave them isolated, and can sometimes lead to ' +
      'behaviour that affects neighbours and the wider community. Many cases at the weekly Community Safety and Vulnerability Group ' +
      '(CSVG) involve the mental health of the victim or the perpetrator.',
    objective:
      "Reduce the impact on the community where someone's poor mental health leads to them being the cause or the victim of ASB or crime.",
    focus:
      'The CSVG will keep meeting weekly to support the most vulnerable people. A steering group will oversee its work and spot trends ' +
      'that need more support.',
    firstYear:
      '- Give the CSVG strategic oversight to identify gaps in services\n- Produce a leaflet on self-neglect and how to refer people ' +
      'for support',
  },
];

const themes: { key: DemoThemeKey; title: string; description: string }[] = [
  {
    key: 'prevent',
    title: 'The Prevent duty',
    description:
      'Partners have a legal duty to help stop people being drawn into terrorism. Prevent runs through the work of every sub-group.',
  },
  {
    key: 'reoffending',
    title: 'Reducing reoffending',
    description:
      'Working with probation and IOM partners so that people who have offended get the support and supervision that stop them ' +
      'offending again.',
  },
  {
    key: 'asb',
    title: 'Anti-social behaviour',
    description:
      'Every partner shares the general duty to reduce ASB, using the tools and powers of the Anti-social Behaviour, Crime and Policing ' +
      'Act 2014.',
  },
];

const external: { key: string; source: ExternalPrioritySource; title: string }[] = [
  { key: 'ca_da', source: 'county_agreement', title: 'Domestic abuse' },
  { key: 'ca_soc', source: 'county_agreement', title: 'Serious and organised crime' },
  { key: 'ca_vuln', source: 'county_agreement', title: 'Safeguarding vulnerable people' },
  { key: 'ca_sm', source: 'county_agreement', title: 'Substance misuse' },
  { key: 'ca_asb', source: 'county_agreement', title: 'Anti-social behaviour' },
  { key: 'ca_road', source: 'county_agreement', title: 'Road safety' },
  { key: 'pcc_vuln', source: 'pcc_plan', title: 'Put victims first and protect vulnerable people' },
  { key: 'pcc_harm', source: 'pcc_plan', title: 'Fight crime and anti-social behaviour' },
  { key: 'pcc_soc', source: 'pcc_plan', title: 'Tackle violent and organised crime' },
  { key: 'pcc_prevent', source: 'pcc_plan', title: 'Prevent crime and reoffending' },
];

const alignments: Record<DemoPriorityKey, string[]> = {
  soc: ['ca_soc', 'pcc_soc', 'pcc_harm'],
  domestic_abuse: ['ca_da', 'ca_vuln', 'pcc_vuln'],
  young_people: ['ca_vuln', 'ca_soc', 'pcc_vuln', 'pcc_soc'],
  substance_misuse: ['ca_sm', 'ca_asb', 'pcc_harm', 'pcc_prevent'],
  mental_health: ['ca_vuln', 'pcc_vuln'],
};

const demoGlossary: { term: string; meaning: string; isAcronym: boolean }[] = [
  { term: 'ASB', meaning: 'Anti-social behaviour', isAcronym: true },
  { term: 'CCG', meaning: 'Clinical commissioning group', isAcronym: true },
  { term: 'CDAP', meaning: 'Community domestic abuse programme', isAcronym: true },
  { term: 'CDRP', meaning: 'Crime and disorder reduction partnership', isAcronym: true },
  { term: 'CGL', meaning: 'Change Grow Live, the drug and alcohol service in west Kent', isAcronym: true },
  {
    term: 'County lines',
    meaning: 'Moving and selling illegal drugs from one city or town to another, often by exploiting children and vulnerable adults',
    isAcronym: false,
  },
  { term: 'CSE', meaning: 'Child sexual exploitation', isAcronym: true },
  { term: 'CSP', meaning: 'Community safety partnership', isAcronym: true },
  { term: 'CSU', meaning: 'Community safety unit', isAcronym: true },
  { term: 'CSVG', meaning: 'Community Safety and Vulnerability Group', isAcronym: true },
  { term: 'DA', meaning: 'Domestic abuse', isAcronym: true },
  { term: 'IDVA', meaning: 'Independent domestic violence adviser', isAcronym: true },
  { term: 'IOM', meaning: 'Integrated offender management', isAcronym: true },
  { term: 'KCC', meaning: 'Kent County Council', isAcronym: true },
  { term: 'KSSCRC', meaning: 'Kent, Surrey and Sussex Community Rehabilitation Company', isAcronym: true },
  { term: 'MARAC', meaning: 'Multi-agency risk assessment conference', isAcronym: true },
  { term: 'MBC', meaning: 'Maidstone Borough Council', isAcronym: true },
  {
    term: 'Modern slavery',
    meaning: 'Recruiting, moving or holding people to exploit them, using force, threats or coercion; includes human trafficking',
    isAcronym: false,
  },
  { term: 'NPS', meaning: 'National Probation Service, or new psychoactive substances, depending on the context', isAcronym: true },
  { term: 'OCG', meaning: 'Organised crime group', isAcronym: true },
  { term: 'One Stop Shop', meaning: 'A drop-in service for victims of domestic abuse', isAcronym: false },
  { term: 'PCC', meaning: 'Police and crime commissioner', isAcronym: true },
  { term: 'PSPO', meaning: 'Public Spaces Protection Order', isAcronym: true },
  { term: 'SMP', meaning: 'Safer Maidstone Partnership', isAcronym: true },
  { term: 'SMPEG', meaning: 'Safer Maidstone Partnership Executive Group', isAcronym: true },
  { term: 'SOC', meaning: 'Serious and organised crime', isAcronym: true },
  { term: 'SOCP', meaning: 'Serious Organised Crime Panel', isAcronym: true },
];

const SURVEY = "Maidstone residents' survey";
const demoSurvey: { question: string; percent: number }[] = [
  { question: 'Feel very or fairly safe in their home', percent: 93 },
  { question: 'Feel safe in their local area during the day', percent: 94 },
  { question: 'Feel safe in their local area after dark', percent: 60 },
  { question: 'Said a clean and safe environment mattered most of the council priorities', percent: 66 },
  { question: 'Worried about someone breaking into their home', percent: 46 },
  { question: 'Worried about being a victim of fraud or identity theft', percent: 56 },
  { question: 'Worried about being attacked or assaulted', percent: 29 },
  { question: 'Worried about being pestered or insulted in the street', percent: 38 },
];

function byKey<K extends string>(keys: readonly K[], ids: readonly number[]): Record<K, number> {
  return Object.fromEntries(keys.map((k, i) => [k, ids[i]!])) as Record<K, number>;
}

/**
 * Loads the demo plan for a partnership, once: if the plan is already there, returns its ids.
 * trx is any transaction allowed to write the partnership's rows (loadDemo's system transaction).
 */
export async function loadDemoPlan(trx: Trx, partnershipId: number): Promise<DemoPlanIds> {
  const existing = await trx
    .selectFrom('plans')
    .select('id')
    .where('partnership_id', '=', partnershipId)
    .where('title', '=', DEMO_PLAN_TITLE)
    .executeTakeFirst();
  if (existing) {
    const ps = await trx
      .selectFrom('priorities')
      .select(['id', 'title'])
      .where('partnership_id', '=', partnershipId)
      .where('plan_id', '=', existing.id)
      .execute();
    const ts = await trx
      .selectFrom('themes')
      .select(['id', 'title'])
      .where('partnership_id', '=', partnershipId)
      .where('plan_id', '=', existing.id)
      .execute();
    const idOf = (rows: { id: number; title: string }[], title: string) => rows.find((r) => r.title === title)?.id ?? 0;
    return {
      planId: existing.id,
      priorityIds: byKey(
        priorities.map((p) => p.key),
        priorities.map((p) => idOf(ps, p.title)),
      ),
      themeIds: byKey(
        themes.map((t) => t.key),
        themes.map((t) => idOf(ts, t.title)),
      ),
    };
  }
  const planId = await insertReturningId(trx, 'plans', {
    partnership_id: partnershipId,
    title: DEMO_PLAN_TITLE,
    starts_year: 2019,
    ends_year: 2022,
    vision: 'Where people feel safe and are safe',
    status: 'adopted',
    adopted_on: '2019-04-01',
  });
  await trx
    .insertInto('plan_sections')
    .values(sections.map((s, i) => ({ partnership_id: partnershipId, plan_id: planId, heading: s.heading, body: s.body, position: i + 1 })))
    .execute();
  const priorityIds: number[] = [];
  for (const [i, p] of priorities.entries()) {
    priorityIds.push(
      await insertReturningId(trx, 'priorities', {
        partnership_id: partnershipId,
        plan_id: planId,
        title: p.title,
        why_it_matters: p.why,
        objective: p.objective,
        focus: p.focus,
        first_year: p.firstYear,
        position: i + 1,
      }),
    );
  }
  const themeIds: number[] = [];
  for (const [i, t] of themes.entries()) {
    themeIds.push(
      await insertReturningId(trx, 'themes', {
        partnership_id: partnershipId,
        plan_id: planId,
        title: t.title,
        description: t.description,
        position: i + 1,
      }),
    );
  }
  const externalIds = new Map<string, number>();
  for (const [i, e] of external.entries()) {
    externalIds.set(
      e.key,
      await insertReturningId(trx, 'external_priorities', {
        partnership_id: partnershipId,
        source: e.source,
        title: e.title,
        position: i + 1,
      }),
    );
  }
  const ids = {
    planId,
    priorityIds: byKey(
      priorities.map((p) => p.key),
      priorityIds,
    ),
    themeIds: byKey(
      themes.map((t) => t.key),
      themeIds,
    ),
  };
  await trx
    .insertInto('priority_alignments')
    .values(
      (Object.entries(alignments) as [DemoPriorityKey, string[]][]).flatMap(([key, externals]) =>
        externals.map((e) => ({
          partnership_id: partnershipId,
          priority_id: ids.priorityIds[key],
          external_priority_id: externalIds.get(e)!,
        })),
      ),
    )
    .execute();
  const haveTerms = await trx.selectFrom('glossary_terms').select('id').where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!haveTerms) {
    await trx
      .insertInto('glossary_terms')
      .values(demoGlossary.map((g) => ({ partnership_id: partnershipId, term: g.term, meaning: g.meaning, is_acronym: g.isAcronym })))
      .execute();
  }
  const haveSurvey = await trx.selectFrom('survey_results').select('id').where('partnership_id', '=', partnershipId).executeTakeFirst();
  if (!haveSurvey) {
    await trx
      .insertInto('survey_results')
      .values(
        demoSurvey.map((s) => ({
          partnership_id: partnershipId,
          survey: SURVEY,
          survey_year: 2017,
          question: s.question,
          percent: s.percent,
          respondents: 2350,
        })),
      )
      .execute();
  }
  return ids;
}
