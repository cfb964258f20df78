import { OrganisationKind, Role } from './roles';

/** An organisation of a tree: a province or district, its office and departments, its communes. */
export interface OrganisationDto {
  id: number;
  parentId: number | null;
  code: string;
  name: string;
  kind: OrganisationKind;
  /** Used in document symbols: `UBND`, `VP`, `NV`. */
  abbreviation: string;
  /** Government identifier code (mã định danh) for edXML exchange, when known. */
  identifierCode: string | null;
  /** Place name used in the date line: "Tuy Đức, ngày …". */
  placeName: string | null;
  active: boolean;
}

export interface CreateOrganisationRequest {
  parentId: number | null;
  code: string;
  name: string;
  kind: OrganisationKind;
  abbreviation: string;
  identifierCode?: string | null;
  placeName?: string | null;
}

export type UpdateOrganisationRequest = Partial<CreateOrganisationRequest> & { active?: boolean };

export interface UserDto {
  id: number;
  username: string;
  fullName: string;
  position: string;
  email: string | null;
  organisationId: number;
  roles: Role[];
  active: boolean;
  locked: boolean;
}

export interface CreateUserRequest {
  username: string;
  fullName: string;
  position: string;
  email?: string | null;
  organisationId: number;
  roles: Role[];
  password: string;
}

export interface UpdateUserRequest {
  fullName?: string;
  position?: string;
  email?: string | null;
  roles?: Role[];
  active?: boolean;
  /** Clears a lock-out after repeated failed log-ins. */
  unlock?: boolean;
  /** Sets a new password (admin reset). */
  password?: string;
}

/** A page of a list, for every paginated endpoint. */
export interface Page<T> {
  items: T[];
  /** Every matching item, or (when {@link totalIsLowerBound}) at least this many. */
  total: number;
  /** The count stopped at a cap: a very long register, or a broad search, shows "1.000+". */
  totalIsLowerBound?: boolean;
  page: number;
  pageSize: number;
}
