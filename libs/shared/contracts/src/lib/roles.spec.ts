import { ALL_ORGANISATION_KINDS, isTopKind, isUnitKind, OrganisationKind } from './roles';

describe('organisation kinds', () => {
  it('puts a province or district at the top, then its office, its departments, its communes', () => {
    expect(ALL_ORGANISATION_KINDS).toEqual([
      OrganisationKind.Province,
      OrganisationKind.District,
      OrganisationKind.Office,
      OrganisationKind.Department,
      OrganisationKind.Commune,
    ]);
    expect(new Set(ALL_ORGANISATION_KINDS)).toEqual(new Set(Object.values(OrganisationKind)));
  });

  it('treats an office and a sở or phòng as units of the committee above them, and a commune as a committee of its own', () => {
    expect(ALL_ORGANISATION_KINDS.filter(isUnitKind)).toEqual([OrganisationKind.Office, OrganisationKind.Department]);
    expect(ALL_ORGANISATION_KINDS.filter(isTopKind)).toEqual([OrganisationKind.Province, OrganisationKind.District]);
    expect(isUnitKind(OrganisationKind.Commune) || isTopKind(OrganisationKind.Commune)).toBe(false);
  });
});
