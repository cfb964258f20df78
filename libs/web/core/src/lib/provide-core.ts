import { provideHttpClient, withInterceptors, withXsrfConfiguration } from '@angular/common/http';
import { EnvironmentProviders, inject, makeEnvironmentProviders, provideAppInitializer } from '@angular/core';
import { CSRF_COOKIE, CSRF_HEADER } from '@vanthu/shared/contracts';
import { sessionExpiredInterceptor } from './session/session-expired.interceptor';
import { SessionStore } from './session/session.store';

/**
 * HttpClient wired to the API's CSRF scheme: the API sets a readable XSRF-TOKEN cookie and
 * Angular echoes it in the x-xsrf-token header on every write.
 */
export function provideApiHttp(): EnvironmentProviders {
  return provideHttpClient(
    withXsrfConfiguration({ cookieName: CSRF_COOKIE, headerName: CSRF_HEADER }),
    withInterceptors([sessionExpiredInterceptor]),
  );
}

/** The API client plus the session restored before the first route resolves, so guards answer at once. */
export function provideVanthuCore(): EnvironmentProviders {
  return makeEnvironmentProviders([
    provideApiHttp(),
    provideAppInitializer(() => inject(SessionStore).restore()),
  ]);
}
