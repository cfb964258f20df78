/** The roles a user can hold in their organisation (DESIGN.md, "Who uses it"). */
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

/** Kinds of organisation in a district's tree. */
export enum OrganisationKind {
  /** UBND huyện */
  District = 'district',
  /** Văn phòng HĐND và UBND */
  Office = 'office',
  /** phòng chuyên môn */
  Department = 'department',
  /** UBND xã, thị trấn */
  Commune = 'commune',
}
