import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  CsrfInvalid,
  Forbidden,
  PUBLIC_ROUTE,
  REQUIRED_PERMISSIONS,
  RequestWithUser,
  SKIP_CSRF,
  Unauthenticated,
} from '@vanthu/server/core';
import { CSRF_HEADER, Permission, SESSION_COOKIE } from '@vanthu/shared/contracts';

import { sameToken, SessionStore } from './session.store';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one gate of every request: a valid session unless the route is public, the CSRF token on
 * every write, and the permissions the route requires (from the shared permission table).
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionStore,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;

    const request = context.switchToHttp().getRequest<RequestWithUser>();
    const token = (request.cookies as Record<string, string> | undefined)?.[SESSION_COOKIE];
    const session = token ? await this.sessions.resolve(token) : null;
    if (!session) throw new Unauthenticated();

    const { csrfToken, ...user } = session;
    if (!SAFE_METHODS.has(request.method) && !this.reflector.getAllAndOverride<boolean>(SKIP_CSRF, targets)) {
      const header = request.headers[CSRF_HEADER];
      if (!sameToken(Array.isArray(header) ? header[0] : header, csrfToken)) throw new CsrfInvalid();
    }

    const required = this.reflector.getAllAndOverride<Permission[]>(REQUIRED_PERMISSIONS, targets) ?? [];
    if (!required.every((permission) => user.permissions.includes(permission))) throw new Forbidden();

    request.user = user;
    return true;
  }
}
