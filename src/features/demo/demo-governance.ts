import type { Trx } from '../../platform/db/database.ts';
import type { BodyKind, MemberRole } from '../../platform/db/schema.ts';
import type { DemoPlanIds, DemoPriorityKey, DemoThemeKey } from './demo-plan.ts';
import { insertReturningId } from '../../platform/db/rows.ts';

/**
 * The demo partnership's governance, after the structure in the Maidstone plan 2019-22 (appendices
 * 2 and 3): bodies, who reports to whom, which priorities each delivers, members (invented people),
 * meetings in 2019 with attendance, and a fund with two applications.
 */

type DemoBodyKey = 'smpeg' | 'che' | 'smp' | 'socp' | 'da_forum' | 'cysg' | 'csvg' | 'kecwpg' | 'vit' | 'lcpg' | 'wkarmp' | 'safeguarding';

interface DemoBody {
  key: DemoBodyKey;
  name: string;
  shortName: string | null;
  kind: BodyKind;
  reportsTo: DemoBodyKey | null;
  purpose: string;
  priorities: DemoPriorityKey[];
  themes: DemoThemeKey[];
}

const demoBodies: DemoBody[] = [
  {
    key: 'smpeg',
    name: 'Safer Maidstone Partnership Executive Group',
    shortName: 'SMPEG',
    kind: 'executive_group',
    reportsTo: null,
    purpose:
      'Gives the partnership strategic leadership, sees that its statutory duties are met, and agrees funds and funding applications ' +
      'for community safety in the borough.',
    priorities: [],
    themes: [],
  },
  {
    key: 'che',
    name: 'Communities, Housing and Environment Committee',
    shortName: 'CHE',
    kind: 'scrutiny_committee',
    reportsTo: null,
    purpose:
      'Acts as the council’s crime and disorder committee at set meetings each year, reviewing and making recommendations on the ' +
      'responsible authorities’ work.',
    priorities: [],
    themes: [],
  },
  {
    key: 'smp',
    name: 'Safer Maidstone Partnership',
    shortName: 'SMP',
    kind: 'partnership',
    reportsTo: 'smpeg',
    purpose: 'Delivers the plan’s priorities on behalf of the executive group and responds to new community safety issues.',
    priorities: [],
    themes: ['prevent', 'reoffending', 'asb'],
  },
  {
    key: 'socp',
    name: 'Serious and Organised Crime Panel',
    shortName: 'SOCP',
    kind: 'sub_group',
    reportsTo: 'smp',
    purpose: 'Tackles the threat, risk and harm of serious organised crime, including modern slavery and drug supply, through joint work.',
    priorities: ['soc', 'substance_misuse'],
    themes: [],
  },
  {
    key: 'da_forum',
    name: 'Domestic Abuse Forum',
    shortName: 'DAF',
    kind: 'sub_group',
    reportsTo: 'smp',
    purpose: 'Reduces the harm caused by domestic abuse and raises awareness of the help available.',
    priorities: ['domestic_abuse'],
    themes: [],
  },
  {
    key: 'cysg',
    name: 'Community Youth Safety Group',
    shortName: 'CYSG',
    kind: 'sub_group',
    reportsTo: 'smp',
    purpose: 'Keeps children and young people safe, including from substance misuse, gangs and exploitation.',
    priorities: ['young_people', 'substance_misuse'],
    themes: [],
  },
  {
    key: 'csvg',
    name: 'Community Safety and Vulnerability Group',
    shortName: 'CSVG',
    kind: 'sub_group',
    reportsTo: 'smp',
    purpose: 'Meets weekly to help the most vulnerable people and to share what partners are seeing on the ground.',
    priorities: ['mental_health'],
    themes: ['asb'],
  },
  {
    key: 'kecwpg',
    name: 'Kent Environmental Crime Waste Practitioners Group',
    shortName: null,
    kind: 'working_group',
    reportsTo: 'socp',
    purpose: 'Practitioners working together against organised waste crime and fly-tipping.',
    priorities: ['soc'],
    themes: [],
  },
  {
    key: 'vit',
    name: 'Vulnerable Investigation Team professionals meeting',
    shortName: 'VIT',
    kind: 'working_group',
    reportsTo: 'da_forum',
    purpose: 'Professionals meeting about repeat victims of domestic abuse.',
    priorities: ['domestic_abuse'],
    themes: [],
  },
  {
    key: 'lcpg',
    name: 'Maidstone Local Children’s Partnership Group',
    shortName: 'LCPG',
    kind: 'working_group',
    reportsTo: 'cysg',
    purpose: 'Local partners working together for children and young people in the borough.',
    priorities: ['young_people'],
    themes: [],
  },
  {
    key: 'wkarmp',
    name: 'West Kent Adolescent Risk Management Panel',
    shortName: null,
    kind: 'working_group',
    reportsTo: 'cysg',
    purpose: 'Manages the risks to adolescents at the greatest risk of harm in West Kent.',
    priorities: ['young_people'],
    themes: [],
  },
  {
    key: 'safeguarding',
    name: 'MBC Safeguarding Board',
    shortName: null,
    kind: 'linked_board',
    reportsTo: 'csvg',
    purpose: 'The council’s safeguarding board, linked to the partnership’s work on mental health and vulnerability.',
    priorities: ['mental_health'],
    themes: [],
  },
];

const POLICE = 'Kent Police';
const MBC = 'Maidstone Borough Council';
const KCC = 'Kent County Council';
const FIRE = 'Kent Fire and Rescue Service';
const NHS = 'NHS Kent and Medway';
const PROBATION = 'Probation Service (Kent, Surrey and Sussex)';

/** Members: invented people. `user` links the demo user with that email. */
const demoMembers: { body: DemoBodyKey; name: string; agency: string; role: MemberRole; user?: string }[] = [
  { body: 'smpeg', name: 'Helen Marsh (Chief Executive)', agency: MBC, role: 'co_chair' },
  { body: 'smpeg', name: 'Chief Inspector Daniel Frost', agency: POLICE, role: 'co_chair' },
  { body: 'smpeg', name: 'Ruth Okonjo', agency: KCC, role: 'member' },
  { body: 'smpeg', name: 'Station Manager Lee Carter', agency: FIRE, role: 'member' },
  { body: 'smpeg', name: 'Dr Anita Rao', agency: NHS, role: 'member' },
  { body: 'smpeg', name: 'Gareth Pryce', agency: PROBATION, role: 'member' },
  { body: 'smpeg', name: 'Sam Okafor', agency: MBC, role: 'secretary', user: 'coordinator@maidstone.demo.safer.test' },
  { body: 'che', name: 'Councillor Ellis Grant', agency: MBC, role: 'member', user: 'viewer@maidstone.demo.safer.test' },
  { body: 'che', name: 'Councillor Maya Lindqvist', agency: MBC, role: 'chair' },
  { body: 'smp', name: 'Helen Marsh (Chief Executive)', agency: MBC, role: 'co_chair' },
  { body: 'smp', name: 'Chief Inspector Daniel Frost', agency: POLICE, role: 'co_chair' },
  { body: 'smp', name: 'Ruth Okonjo', agency: KCC, role: 'member' },
  { body: 'smp', name: 'Station Manager Lee Carter', agency: FIRE, role: 'member' },
  { body: 'smp', name: 'Dr Anita Rao', agency: NHS, role: 'member' },
  { body: 'smp', name: 'Gareth Pryce', agency: PROBATION, role: 'member' },
  { body: 'smp', name: 'Sam Okafor', agency: MBC, role: 'secretary', user: 'coordinator@maidstone.demo.safer.test' },
  { body: 'socp', name: 'Detective Inspector Paula Wren', agency: POLICE, role: 'chair' },
  { body: 'socp', name: 'Sam Okafor', agency: MBC, role: 'member', user: 'coordinator@maidstone.demo.safer.test' },
  { body: 'socp', name: 'Tom Hadley', agency: KCC, role: 'member' },
  { body: 'da_forum', name: 'Nadia Kerr', agency: MBC, role: 'chair' },
  { body: 'da_forum', name: 'Sam Okafor', agency: MBC, role: 'member', user: 'coordinator@maidstone.demo.safer.test' },
  { body: 'da_forum', name: 'Sergeant Owen Blake', agency: POLICE, role: 'member' },
  { body: 'da_forum', name: 'Gareth Pryce', agency: PROBATION, role: 'member' },
  { body: 'cysg', name: 'Jordan Reeve', agency: POLICE, role: 'member', user: 'member@maidstone.demo.safer.test' },
  { body: 'cysg', name: 'Lucy Fenwick', agency: KCC, role: 'chair' },
  { body: 'cysg', name: 'Ben Achebe', agency: 'Change Grow Live', role: 'member' },
  { body: 'csvg', name: 'Martin Shaw', agency: MBC, role: 'chair' },
  { body: 'csvg', name: 'PC Grace Holloway', agency: POLICE, role: 'member' },
  { body: 'csvg', name: 'Dr Anita Rao', agency: NHS, role: 'adviser' },
];

/** Meetings in 2019: the body, the date, who came (agency names) and a decision or two. */
const demoMeetings: { body: DemoBodyKey; heldOn: string; title: string; attended: string[]; agenda: string[]; decisions: string[] }[] = [
  {
    body: 'smp',
    heldOn: '2019-01-14',
    title: 'Strategic assessment review',
    attended: [MBC, POLICE, KCC, FIRE, PROBATION],
    agenda: ['Strategic assessment findings', 'Priorities for the 2019-22 plan', 'Governance structure'],
    decisions: ['Agreed the five priorities for the 2019-22 plan', 'Agreed to realign the sub-groups to the priorities'],
  },
  {
    body: 'smpeg',
    heldOn: '2019-03-11',
    title: 'Plan approval',
    attended: [MBC, POLICE, KCC, NHS],
    agenda: ['Draft community safety plan 2019-22', 'Community safety funding 2019-20'],
    decisions: ['Recommended the plan for adoption', 'Approved the Domestic Abuse Forum funding application'],
  },
  {
    body: 'smpeg',
    heldOn: '2019-09-16',
    title: 'Mid-year review',
    attended: [MBC, POLICE, FIRE, PROBATION],
    agenda: ['Performance against action plans', 'Funding update'],
    decisions: ['Asked the CSVG to review its terms of reference'],
  },
  {
    body: 'da_forum',
    heldOn: '2019-04-02',
    title: 'Action plan refresh',
    attended: [MBC, POLICE, PROBATION],
    agenda: ['One-stop shop usage', 'Pop-up sessions'],
    decisions: ['Agreed to review one-stop shop data by time and place'],
  },
  {
    body: 'cysg',
    heldOn: '2019-05-08',
    title: 'Quarterly meeting',
    attended: [POLICE, KCC, 'Change Grow Live'],
    agenda: ['County lines awareness in schools', 'Substance misuse actions'],
    decisions: ['Agreed a county lines awareness programme for secondary schools'],
  },
];

/**
 * Loads the governance demo for the partnership. Idempotent: if the partnership already has bodies,
 * it changes nothing and returns the existing bodies' ids by key (matched by name).
 */
export async function loadDemoGovernance(
  trx: Trx,
  partnershipId: number,
  plan: Pick<DemoPlanIds, 'priorityIds' | 'themeIds'>,
): Promise<Record<DemoBodyKey, number>> {
  const existing = await trx.selectFrom('bodies').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute();
  const ids = {} as Record<DemoBodyKey, number>;
  if (existing.length > 0) {
    for (const b of demoBodies) {
      const row = existing.find((e) => e.name === b.name);
      if (row) ids[b.key] = row.id;
    }
    return ids;
  }

  for (const [position, b] of demoBodies.entries()) {
    const bodyId = await insertReturningId(trx, 'bodies', {
      partnership_id: partnershipId,
      name: b.name,
      short_name: b.shortName,
      kind: b.kind,
      purpose: b.purpose,
      reports_to_body_id: b.reportsTo ? ids[b.reportsTo] : null,
      position,
    });
    ids[b.key] = bodyId;
    const priorities = b.priorities.map((k) => plan.priorityIds[k]).filter((id): id is number => Boolean(id));
    if (priorities.length) {
      await trx
        .insertInto('body_priorities')
        .values(priorities.map((priority_id) => ({ partnership_id: partnershipId, body_id: bodyId, priority_id })))
        .execute();
    }
    const themes = b.themes.map((k) => plan.themeIds[k]).filter((id): id is number => Boolean(id));
    if (themes.length) {
      await trx
        .insertInto('body_themes')
        .values(themes.map((theme_id) => ({ partnership_id: partnershipId, body_id: bodyId, theme_id })))
        .execute();
    }
  }

  const agencies = new Map(
    (await trx.selectFrom('agencies').select(['id', 'name']).where('partnership_id', '=', partnershipId).execute()).map((a) => [
      a.name,
      a.id,
    ]),
  );
  const users = new Map(
    (await trx.selectFrom('users').select(['id', 'email']).where('partnership_id', '=', partnershipId).execute()).map((u) => [
      u.email,
      u.id,
    ]),
  );

  for (const m of demoMembers) {
    await trx
      .insertInto('body_members')
      .values({
        partnership_id: partnershipId,
        body_id: ids[m.body],
        person_name: m.name,
        agency_id: agencies.get(m.agency) ?? null,
        user_id: m.user ? (users.get(m.user) ?? null) : null,
        role: m.role,
      })
      .execute();
  }

  const meetingIds: number[] = [];
  for (const m of demoMeetings) {
    const meetingId = await insertReturningId(trx, 'meetings', {
      partnership_id: partnershipId,
      body_id: ids[m.body],
      held_on: m.heldOn,
      title: m.title,
      location: 'Maidstone House',
    });
    meetingIds.push(meetingId);
    for (const [i, title] of m.agenda.entries()) {
      await trx
        .insertInto('agenda_items')
        .values({ partnership_id: partnershipId, meeting_id: meetingId, title, position: i + 1 })
        .execute();
    }
    for (const [i, decision] of m.decisions.entries()) {
      await trx
        .insertInto('meeting_decisions')
        .values({ partnership_id: partnershipId, meeting_id: meetingId, decision, position: i + 1 })
        .execute();
    }
    const attended = m.attended.map((name) => agencies.get(name)).filter((id): id is number => id !== undefined);
    if (attended.length) {
      await trx
        .insertInto('meeting_attendance')
        .values(attended.map((agency_id) => ({ partnership_id: partnershipId, meeting_id: meetingId, agency_id, attended: true })))
        .execute();
    }
  }

  const fundId = await insertReturningId(trx, 'funds', {
    partnership_id: partnershipId,
    name: 'Community Safety Fund',
    provider: 'Office of the Kent Police and Crime Commissioner',
    financial_year: 2019,
    amount_available: '30000.00',
  });
  const approvedId = await insertReturningId(trx, 'funding_applications', {
    partnership_id: partnershipId,
    fund_id: fundId,
    body_id: ids.da_forum,
    priority_id: plan.priorityIds.domestic_abuse || null,
    purpose: 'Pop-up domestic abuse advice sessions away from the town centre',
    amount_requested: '6500.00',
    status: 'approved',
    decided_meeting_id: meetingIds[1] ?? null,
    amount_awarded: '5000.00',
    outcome_notes: 'Approved at a lower amount; the venues are given free by partners.',
  });
  await trx
    .insertInto('funding_spend')
    .values([
      {
        partnership_id: partnershipId,
        application_id: approvedId,
        spent_on: '2019-06-30',
        amount: '1850.00',
        note: 'First quarter of sessions',
      },
      {
        partnership_id: partnershipId,
        application_id: approvedId,
        spent_on: '2019-09-30',
        amount: '1725.50',
        note: 'Second quarter of sessions',
      },
    ])
    .execute();
  await trx
    .insertInto('funding_applications')
    .values({
      partnership_id: partnershipId,
      fund_id: fundId,
      body_id: ids.cysg,
      priority_id: plan.priorityIds.young_people || null,
      purpose: 'County lines awareness sessions in secondary schools',
      amount_requested: '4200.00',
      status: 'submitted',
    })
    .execute();
  return ids;
}
