import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { API_BASE } from '../api/api-base';
import { LOGIN_PATH } from './guards';
import { SessionStore } from './session.store';

// The auth endpoints answer 401 as part of their job (wrong password, nobody logged in).
const AUTH_PREFIX = `${API_BASE}/auth/`;

/** When the API says the session is gone (expired, logged out elsewhere), go back to the login page. */
export const sessionExpiredInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  return next(request).pipe(
    catchError((error: unknown) => {
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        !request.url.startsWith(AUTH_PREFIX) &&
        session.isAuthenticated()
      ) {
        session.clear();
        void router.navigate([LOGIN_PATH], { queryParams: { returnUrl: router.url } });
      }
      return throwError(() => error);
    }),
  );
};
