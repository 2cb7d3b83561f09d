import type { IndicatorAreaKind, IndicatorDirection, IndicatorMeasure, IndicatorSource } from '../../platform/db/schema.ts';

/** The words for indicators' sources, measures and directions, and how their values are written. Pure. */

export const sourceLabels: Record<IndicatorSource, string> = {
  police: 'police.uk crime data',
  'service-usage': 'Service-usage data',
  survey: "Residents' survey",
  manual: 'Entered by hand',
};

export const measureLabels: Record<IndicatorMeasure, string> = {
  count: 'Count',
  rate: 'Rate per 1,000 residents',
  harm: 'Harm-weighted index',
  percent: 'Percentage',
  value: 'Value',
};

export const directionLabels: Record<IndicatorDirection, string> = {
  lower: 'Lower is better',
  higher: 'Higher is better',
  'more-reporting': 'More reporting is good',
};

export const directionHints: Partial<Record<IndicatorDirection, string>> = {
  'more-reporting':
    'A rise is good news because more victims are coming forward, as with domestic abuse, which is under-reported. Charts treat a rise ' +
    'as improvement.',
};

const joinWithAnd = (items: readonly string[]): string =>
  items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;

interface SourceFacts {
  source: IndicatorSource;
  measure: IndicatorMeasure;
  crimeTypes: readonly string[];
  areaKind: IndicatorAreaKind;
  areaCodes: readonly string[];
  /** Ward names by code, for an area of wards. */
  wardNames?: ReadonlyMap<string, string>;
  datasetName: string | null;
  service: string | null;
  surveyQuestion: string | null;
}

/** Where an indicator's values come from, in a sentence. */
export function describeSource(f: SourceFacts): string {
  switch (f.source) {
    case 'police': {
      const types = f.crimeTypes.length === 0 ? 'all crime and anti-social behaviour' : joinWithAnd([...f.crimeTypes]);
      const area =
        f.areaKind === 'partnership'
          ? 'the whole partnership area'
          : f.areaKind === 'wards'
            ? f.areaCodes.length === 1
              ? `${f.wardNames?.get(f.areaCodes[0]!) ?? f.areaCodes[0]} ward`
              : `the wards ${joinWithAnd(f.areaCodes.map((c) => f.wardNames?.get(c) ?? c))}`
            : `${f.areaCodes.length} chosen ${f.areaCodes.length === 1 ? 'LSOA' : 'LSOAs'} ` +
              `(${f.areaCodes.slice(0, 5).join(', ')}${f.areaCodes.length > 5 ? ' and others' : ''})`;
      const how =
        f.measure === 'rate'
          ? 'per 1,000 residents (mid-year population estimates)'
          : f.measure === 'harm'
            ? 'weighted by harm (each crime times the weight of its type)'
            : 'as a count';
      return `police.uk street-level data: ${types} in ${area}, ${how}.`;
    }
    case 'service-usage': {
      const what = f.service ? `events of the service "${f.service}"` : 'every event';
      const how = f.measure === 'rate' ? 'per 1,000 residents of the partnership area' : 'as a count';
      return `Service-usage data "${f.datasetName ?? 'not found'}": ${what}, ${how}.`;
    }
    case 'survey':
      return (
        `Residents' survey: the percentage who ${lowerFirst(f.surveyQuestion ?? '')}, ` +
        'with a 95% confidence interval from the number of respondents.'
      );
    case 'manual':
      return 'Entered by hand each period, with the evidence for each value and who entered it.';
  }
}

const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? `${text.charAt(0).toLowerCase()}${text.slice(1)}` : text);

const withDigits = (value: number, digits: number): string =>
  value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A value as the library writes it: counts whole, rates to 2 places, percentages to 1, others to at most 2. */
export function formatValue(value: number | null, measure: IndicatorMeasure): string {
  if (value === null) return 'No data';
  switch (measure) {
    case 'count':
      return withDigits(value, 0);
    case 'rate':
      return withDigits(value, 2);
    case 'harm':
      return withDigits(value, Math.abs(value) >= 100 ? 0 : 1);
    case 'percent':
      return `${withDigits(value, 1)}%`;
    case 'value':
      return value.toLocaleString('en-GB', { maximumFractionDigits: 2 });
  }
}
