import { Permission } from './permissions';
import { OrganisationKind, Role } from './roles';

/** Names shared by the API and the browser for the session and CSRF protection. */
export const SESSION_COOKIE = 'vanthu_session';
/** Angular's HttpClient reads this cookie and sends its value back in {@link CSRF_HEADER}. */
export const CSRF_COOKIE = 'XSRF-TOKEN';
export const CSRF_HEADER = 'x-xsrf-token';

export interface OrganisationSummary {
  id: number;
  code: string;
  name: string;
  kind: OrganisationKind;
  abbreviation: string;
}

/** The logged-in user as the shell shows them. */
export interface SessionUser {
  id: number;
  username: string;
  fullName: string;
  position: string;
  email: string | null;
  roles: Role[];
  permissions: Permission[];
  organisation: OrganisationSummary;
}

/** POST /api/auth/login */
export interface LoginRequest {
  username: string;
  password: string;
}

/** Response of POST /api/auth/login and GET /api/auth/me. */
export interface SessionResponse {
  user: SessionUser;
  csrfToken: string;
}

/** POST /api/auth/password */
export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
}
