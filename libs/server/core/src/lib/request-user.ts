import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Permission, Role } from '@vanthu/shared/contracts';
import type { Request } from 'express';

/** Who is making the request, as the session guard resolved it. */
export interface AuthenticatedUser {
  id: number;
  username: string;
  organisationId: number;
  /** Materialised path of the user's organisation in the tree, e.g. `/1/8/`. */
  organisationPath: string;
  roles: Role[];
  permissions: Permission[];
  sessionId: string;
}

export interface RequestWithUser extends Request {
  user?: AuthenticatedUser;
}

export const PUBLIC_ROUTE = 'vanthu:public';
export const REQUIRED_PERMISSIONS = 'vanthu:permissions';
export const SKIP_CSRF = 'vanthu:skip-csrf';

/** Open to anyone, logged in or not (log-in, health). */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** Writes that cannot carry a CSRF token yet (the log-in itself). */
export const SkipCsrf = () => SetMetadata(SKIP_CSRF, true);

/**
 * Requires a logged-in user holding every listed permission (from the shared permission table).
 * Without arguments it only requires a session.
 */
export function RequiresPermission(...permissions: Permission[]) {
  return applyDecorators(
    SetMetadata(REQUIRED_PERMISSIONS, permissions),
    ApiCookieAuth(),
    ApiUnauthorizedResponse({ description: 'Not logged in' }),
    ApiForbiddenResponse({ description: 'Missing permission or CSRF token' }),
  );
}

/** The logged-in user of the request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthenticatedUser => {
  const request = context.switchToHttp().getRequest<RequestWithUser>();
  if (!request.user) throw new Error('CurrentUser used on a route without a session');
  return request.user;
});

/** The client's address as recorded in audit records. */
export const ClientAddress = createParamDecorator((_data: unknown, context: ExecutionContext): string => {
  const request = context.switchToHttp().getRequest<Request>();
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
});
