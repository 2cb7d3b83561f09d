import type { PlanDocument } from './plan-document.ts';

/** A small plan for the document builders' tests. */
export const sampleDocument: PlanDocument = {
  partnershipName: 'Safer Testshire Partnership',
  plan: {
    id: 1,
    title: 'Testshire Community Safety Plan',
    starts_year: 2019,
    ends_year: 2022,
    vision: 'Where people feel safe & are safe',
    status: 'adopted',
    adopted_on: '2019-04-01',
    current_version: 2,
  },
  sections: [{ heading: 'Welcome', body: 'The SMP brings partners together.\n\n- One\n- Two <b>' }],
  priorities: [
    {
      id: 1,
      title: 'Tackling serious and organised crime',
      why_it_matters: 'OCG activity harms people.',
      objective: 'Disrupt OCGs.',
      focus: 'Pursue and prevent.',
      first_year: '- Days of action',
    },
    {
      id: 2,
      title: 'Reducing domestic abuse',
      why_it_matters: 'Under-reported.',
      objective: 'Fewer victims.',
      focus: 'Support victims.',
      first_year: 'Awareness training.',
    },
  ],
  themes: [{ title: 'Prevent duty', description: 'Stopping people being drawn into terrorism.' }],
  bodies: [
    { id: 1, name: 'Executive Group', short_name: 'SMPEG', kind: 'executive_group', purpose: 'Sets direction.', reports_to_body_id: null },
    {
      id: 2,
      name: 'Serious Organised Crime Panel',
      short_name: 'SOCP',
      kind: 'sub_group',
      purpose: 'Disrupts OCGs.',
      reports_to_body_id: 1,
    },
  ],
  bodyPriorities: [{ body_id: 2, priority_id: 1 }],
  externalPriorities: [
    { id: 1, source: 'county_agreement', title: 'Serious and organised crime' },
    { id: 2, source: 'pcc_plan', title: 'Tackle violent and organised crime' },
  ],
  alignments: [
    { priority_id: 1, external_priority_id: 1 },
    { priority_id: 1, external_priority_id: 2 },
  ],
  glossary: [
    { term: 'OCG', meaning: 'Organised crime group', is_acronym: true },
    { term: 'SMP', meaning: 'Safer Maidstone Partnership', is_acronym: true },
  ],
};

/** The sample with a governance structure wider than a portrait page: nine sub-groups side by side. */
export const wideDocument: PlanDocument = {
  ...sampleDocument,
  bodies: [
    ...sampleDocument.bodies,
    ...Array.from({ length: 8 }, (_, i) => ({
      id: 10 + i,
      name: `Sub-group number ${i + 1}`,
      short_name: null,
      kind: 'sub_group',
      purpose: '',
      reports_to_body_id: 1,
    })),
  ],
};
