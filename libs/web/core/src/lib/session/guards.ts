import { inject } from '@angular/core';
import { CanActivateFn, Router } from '@angular/router';
import { Permission } from '@vanthu/shared/contracts';
import { SessionStore } from './session.store';

export const LOGIN_PATH = '/login';

/** Lets logged-in users through; sends others to the login page, remembering where they were going. */
export const authGuard: CanActivateFn = (_route, state) => {
  if (inject(SessionStore).isAuthenticated()) return true;
  const returnUrl = state.url && state.url !== '/' ? state.url : undefined;
  return inject(Router).createUrlTree([LOGIN_PATH], { queryParams: returnUrl ? { returnUrl } : {} });
};

/** Keeps logged-in users off the login page. */
export const guestGuard: CanActivateFn = () =>
  inject(SessionStore).isAuthenticated() ? inject(Router).createUrlTree(['/']) : true;

/**
 * Lets through users holding at least one of the permissions; others go home. The API
 * checks again on every request: this only keeps the screens honest.
 */
export function permissionGuard(...permissions: Permission[]): CanActivateFn {
  return () => inject(SessionStore).canAny(permissions) || inject(Router).createUrlTree(['/']);
}
