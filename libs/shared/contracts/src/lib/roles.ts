/** The roles a user can hold in their organisation (docs/domain.md, "Organisations and people"). */
export enum Role {
  /** lãnh đạo: reviews, signs, assigns incoming documents. */
  Leader = 'leader',
  /** văn thư: registers incoming, numbers, seals and dispatches outgoing documents. */
  Clerk = 'clerk',
  /** chuyên viên: drafts outgoing documents, handles assigned incoming ones. */
  Specialist = 'specialist',
  /** quản trị: organisations, users, roles, certificates. */
  Admin = 'admin',
}

export const ALL_ROLES: readonly Role[] = [Role.Leader, Role.Clerk, Role.Specialist, Role.Admin];

/**
 * Kinds of organisation in a tree. The top of a tree is its root, whatever its kind: a province
 * (since the 2025 reorganisation removed districts) or a district (the demo). Below it sit its
 * units, which work inside it, and the communes, each a People's Committee of its own.
 */
export enum OrganisationKind {
  /** UBND tỉnh, thành phố trực thuộc trung ương */
  Province = 'province',
  /** UBND huyện (before 2025) */
  District = 'district',
  /** Văn phòng UBND tỉnh, Văn phòng HĐND và UBND huyện */
  Office = 'office',
  /** cơ quan chuyên môn: a province's sở, a district's phòng */
  Department = 'department',
  /** UBND xã, phường, thị trấn */
  Commune = 'commune',
}

/** Every kind, in the order lists show them: the top first, then its office, departments, communes. */
export const ALL_ORGANISATION_KINDS: readonly OrganisationKind[] = [
  OrganisationKind.Province,
  OrganisationKind.District,
  OrganisationKind.Office,
  OrganisationKind.Department,
  OrganisationKind.Commune,
];

/** Kinds that only a tree's root has: a province or district is never under another organisation. */
export function isTopKind(kind: OrganisationKind): boolean {
  return kind === OrganisationKind.Province || kind === OrganisationKind.District;
}

/**
 * Whether an organisation of this kind is a unit of the People's Committee above it (its office,
 * a sở or phòng): its people draft in that committee's name and submit to its chairman. A commune
 * is not: it is a People's Committee of its own, however many of them hang under the root.
 */
export function isUnitKind(kind: OrganisationKind): boolean {
  return kind === OrganisationKind.Office || kind === OrganisationKind.Department;
}
