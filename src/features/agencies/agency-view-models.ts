import { postedFields } from '../../platform/forms.ts';
import { agencyTypes, type Agency, type AgencyType } from '../../platform/db/schema.ts';
import { agencyPaths } from './agency-paths.ts';
import { escapeHtml, fieldTexts, type ChoiceItem, type TableCell } from '../../platform/view-models.ts';

export const agencyTypeNames: Record<AgencyType, string> = {
  district_council: 'District or borough council',
  county_council: 'County council',
  police: 'Police',
  fire_and_rescue: 'Fire and rescue',
  health: 'Health',
  probation: 'Probation',
  housing: 'Housing',
  voluntary: 'Voluntary or community organisation',
  education: 'Education',
  business: 'Business',
  other: 'Other',
};

type AgencyListRow = Agency & { user_count: number | string | bigint };

/** The agencies table: name, type in words, responsible authority, active users and a Change link. */
export function agencyTableRows(agencies: readonly AgencyListRow[]): TableCell[][] {
  return agencies.map((agency) => [
    { text: agency.name },
    { text: agencyTypeNames[agency.agency_type] },
    { text: agency.responsible_authority ? 'Yes' : 'No' },
    { text: String(Number(agency.user_count)), format: 'numeric' },
    {
      html:
        `<a class="govuk-link" href="${escapeHtml(agencyPaths.edit(agency.id))}">` +
        `Change<span class="govuk-visually-hidden"> ${escapeHtml(agency.name)}</span></a>`,
    },
  ]);
}

/** The type radios, with the chosen one checked. */
export function agencyTypeItems(selected: unknown): ChoiceItem[] {
  return agencyTypes.map((type) => ({ value: type, text: agencyTypeNames[type], checked: selected === type }));
}

/** The yes or no radios for "is it a responsible authority". */
export function responsibleAuthorityItems(selected: unknown): ChoiceItem[] {
  return [
    { value: 'yes', text: 'Yes', checked: selected === 'yes' },
    { value: 'no', text: 'No', checked: selected === 'no' },
  ];
}

type AgencyFormValues = {
  name: string;
  agencyType: string;
  responsibleAuthority: string;
};

/** The form's values for a stored agency, to fill in the change page. */
export function agencyFormValues(agency: Agency): AgencyFormValues {
  return {
    name: agency.name,
    agencyType: agency.agency_type,
    responsibleAuthority: agency.responsible_authority ? 'yes' : 'no',
  };
}

/** The form's values as posted, to show again beside the errors. */
export function postedAgencyValues(body: unknown): AgencyFormValues {
  return fieldTexts(postedFields(body), ['name', 'agencyType', 'responsibleAuthority']);
}

/** Everything the add and change form needs to show its fields. */
export function agencyFormView(values: AgencyFormValues) {
  return {
    values,
    typeItems: agencyTypeItems(values.agencyType),
    responsibleAuthorityItems: responsibleAuthorityItems(values.responsibleAuthority),
  };
}
