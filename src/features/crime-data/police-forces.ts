/**
 * The police forces police.uk publishes data for, by the slug in its file names
 * (YYYY-MM-<force>-street.csv): the 43 territorial forces of England and Wales, British Transport
 * Police and the Police Service of Northern Ireland. A file of any other force is refused.
 */

/** The 43 territorial police forces of England and Wales. */
export const TERRITORIAL_FORCES = [
  'avon-and-somerset',
  'bedfordshire',
  'cambridgeshire',
  'cheshire',
  'city-of-london',
  'cleveland',
  'cumbria',
  'derbyshire',
  'devon-and-cornwall',
  'dorset',
  'durham',
  'dyfed-powys',
  'essex',
  'gloucestershire',
  'greater-manchester',
  'gwent',
  'hampshire',
  'hertfordshire',
  'humberside',
  'kent',
  'lancashire',
  'leicestershire',
  'lincolnshire',
  'merseyside',
  'metropolitan',
  'norfolk',
  'north-wales',
  'north-yorkshire',
  'northamptonshire',
  'northumbria',
  'nottinghamshire',
  'south-wales',
  'south-yorkshire',
  'staffordshire',
  'suffolk',
  'surrey',
  'sussex',
  'thames-valley',
  'warwickshire',
  'west-mercia',
  'west-midlands',
  'west-yorkshire',
  'wiltshire',
] as const;

/** Every force with police.uk files. */
export const POLICE_FORCES = [...TERRITORIAL_FORCES, 'btp', 'northern-ireland'] as const;

export type PoliceForce = (typeof POLICE_FORCES)[number];

const known = new Set<string>(POLICE_FORCES);

export const isPoliceForce = (slug: string): slug is PoliceForce => known.has(slug);

/** A police.uk force name as people say it: 'kent' is Kent Police, 'avon-and-somerset' Avon and Somerset Police. */
export function forceName(force: string): string {
  const special: Record<string, string> = {
    btp: 'British Transport Police',
    metropolitan: 'Metropolitan Police Service',
    'city-of-london': 'City of London Police',
    'northern-ireland': 'Police Service of Northern Ireland',
  };
  if (special[force]) return special[force];
  const words = force.split('-').map((w) => (['and', 'of'].includes(w) ? w : `${w.charAt(0).toUpperCase()}${w.slice(1)}`));
  return `${words.join(' ')} Police`;
}
