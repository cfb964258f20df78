import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideRouter, Router, UrlTree } from '@angular/router';
import { ErrorBody, ErrorCode, OrganisationKind, Permission, Role, SessionResponse } from '@vanthu/shared/contracts';
import { provideApiHttp } from '../provide-core';
import { authGuard, permissionGuard } from './guards';
import { SessionStore } from './session.store';

const clerk: SessionResponse = {
  csrfToken: 'token-1',
  user: {
    id: 7,
    username: 'quangtan.vanthu',
    fullName: 'Trần Thị Hoa',
    position: 'Văn thư',
    email: null,
    roles: [Role.Clerk],
    permissions: [],
    organisation: { id: 3, code: 'quangtan', name: 'UBND xã Quảng Tân', kind: OrganisationKind.Commune, abbreviation: 'UBND' },
  },
};

const unauthenticated: ErrorBody = {
  statusCode: 401,
  code: ErrorCode.Unauthenticated,
  message: { vi: 'Chưa đăng nhập.', en: 'Not logged in.' },
};

describe('SessionStore', () => {
  let http: HttpTestingController;
  let store: SessionStore;

  beforeEach(() => {
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT';
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter([]), provideApiHttp(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(SessionStore);
  });

  afterEach(() => http.verify());

  it('restores the user from GET /api/auth/me', async () => {
    const restored = store.restore();
    http.expectOne({ method: 'GET', url: '/api/auth/me' }).flush(clerk);
    expect(await restored).toEqual(clerk.user);
    expect(store.isAuthenticated()).toBe(true);
  });

  it('starts logged out when the API answers 401 or cannot be reached', async () => {
    let restored = store.restore();
    http.expectOne('/api/auth/me').flush(unauthenticated, { status: 401, statusText: 'Unauthorized' });
    expect(await restored).toBeNull();

    restored = store.restore();
    http.expectOne('/api/auth/me').error(new ProgressEvent('error'));
    expect(await restored).toBeNull();
  });

  it('posts the credentials and keeps the user on success', async () => {
    const loggedIn = store.login({ username: 'quangtan.vanthu', password: 'Demo@123' });
    const request = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(request.request.body).toEqual({ username: 'quangtan.vanthu', password: 'Demo@123' });
    request.flush(clerk);
    await loggedIn;
    expect(store.user()?.fullName).toBe('Trần Thị Hoa');
  });

  it('grants navigation from the shared permission table', async () => {
    const loggedIn = store.login({ username: 'quangtan.vanthu', password: 'Demo@123' });
    http.expectOne('/api/auth/login').flush(clerk);
    await loggedIn;
    expect(store.canAny([Permission.RegisterIncoming])).toBe(true);
    expect(store.canAny([Permission.ManageUsers])).toBe(false);
  });

  it('sends the XSRF-TOKEN cookie back in the x-xsrf-token header when logging out', async () => {
    document.cookie = 'XSRF-TOKEN=abc123';
    const loggedOut = store.logout();
    const request = http.expectOne({ method: 'POST', url: '/api/auth/logout' });
    expect(request.request.headers.get('x-xsrf-token')).toBe('abc123');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await loggedOut;
    expect(store.user()).toBeNull();
  });

  it('sends the user to the login page, with the way back, when the session is gone', async () => {
    const router = TestBed.inject(Router);
    const result = TestBed.runInInjectionContext(() =>
      authGuard({} as never, { url: '/incoming', root: {} as never }),
    ) as UrlTree;
    expect(router.serializeUrl(result)).toBe('/login?returnUrl=%2Fincoming');
  });

  it('sends users without the permission home', async () => {
    const loggedIn = store.login({ username: 'quangtan.vanthu', password: 'Demo@123' });
    http.expectOne('/api/auth/login').flush(clerk);
    await loggedIn;
    const router = TestBed.inject(Router);
    const admin = TestBed.runInInjectionContext(() =>
      permissionGuard(Permission.ManageUsers)({} as never, {} as never),
    ) as UrlTree;
    expect(router.serializeUrl(admin)).toBe('/');
    expect(
      TestBed.runInInjectionContext(() => permissionGuard(Permission.RegisterIncoming)({} as never, {} as never)),
    ).toBe(true);
  });
});
