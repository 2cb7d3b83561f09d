import type { AgencyType, Role } from '../../platform/db/schema.ts';

/**
 * The demo partnership: Safer Maidstone Partnership (Maidstone borough, E07000110), with member
 * agencies as in the 2019-22 plan and one synthetic person for each role. The people are invented.
 */
export const demoPartnership = {
  slug: 'maidstone',
  name: 'Safer Maidstone Partnership',
  districtCodes: ['E07000110'],
};

export const demoAgencies: { name: string; type: AgencyType; responsibleAuthority: boolean }[] = [
  { name: 'Maidstone Borough Council', type: 'district_council', responsibleAuthority: true },
  { name: 'Kent County Council', type: 'county_council', responsibleAuthority: true },
  { name: 'Kent Police', type: 'police', responsibleAuthority: true },
  { name: 'Kent Fire and Rescue Service', type: 'fire_and_rescue', responsibleAuthority: true },
  { name: 'NHS Kent and Medway', type: 'health', responsibleAuthority: true },
  { name: 'Probation Service (Kent, Surrey and Sussex)', type: 'probation', responsibleAuthority: true },
  { name: 'Golding Homes', type: 'housing', responsibleAuthority: false },
  { name: 'Change Grow Live', type: 'voluntary', responsibleAuthority: false },
  { name: 'Maidstone Business Improvement District', type: 'business', responsibleAuthority: false },
  { name: 'Office of the Kent Police and Crime Commissioner', type: 'other', responsibleAuthority: false },
];

/** Every demo user signs in with this password (and their own authenticator key, made at load). */
export const DEMO_PASSWORD = 'safer-demo-password';

export const demoUsers: { name: string; email: string; role: Role; agency: string }[] = [
  { name: 'Morgan Hale', email: 'admin@maidstone.demo.safer.test', role: 'admin', agency: 'Maidstone Borough Council' },
  { name: 'Sam Okafor', email: 'coordinator@maidstone.demo.safer.test', role: 'coordinator', agency: 'Maidstone Borough Council' },
  { name: 'Priya Desai', email: 'analyst@maidstone.demo.safer.test', role: 'analyst', agency: 'Kent Police' },
  { name: 'Jordan Reeve', email: 'member@maidstone.demo.safer.test', role: 'member', agency: 'Kent Police' },
  { name: 'Councillor Ellis Grant', email: 'viewer@maidstone.demo.safer.test', role: 'viewer', agency: 'Maidstone Borough Council' },
];
