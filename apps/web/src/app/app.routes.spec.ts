import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ErrorCode, OrganisationKind, Role, SessionResponse } from '@vanthu/shared/contracts';
import { provideApiHttp, SessionStore } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { appRoutes } from './app.routes';

const clerk: SessionResponse = {
  csrfToken: 'csrf',
  user: {
    id: 12,
    username: 'quangtan.vanthu',
    fullName: 'Trần Thị Hoa',
    position: 'Văn thư',
    email: null,
    roles: [Role.Clerk],
    permissions: [],
    organisation: { id: 9, code: 'quangtan', name: 'UBND xã Quảng Tân', kind: OrganisationKind.Commune, abbreviation: 'UBND' },
  },
};

describe('app routes', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(appRoutes, withComponentInputBinding()),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  /** The shell asks for the work counts and notifications when it opens. */
  function answerShell(): void {
    http.expectOne('/api/documents/counts').flush({
      awaitingMySignature: 0,
      awaitingMyReview: 0,
      awaitingMyAssignment: 0,
      incomingToRegister: 2,
      outgoingToIssue: 0,
      outgoingToDispatch: 0,
      myReturnedDrafts: 0,
      myOpenAssignments: 0,
      overdue: 0,
    });
    http.expectOne('/api/notifications?limit=10').flush({ items: [], unreadCount: 0, nextBefore: null });
  }

  afterEach(() => http.verify());

  it('sends a visitor without a session to the login page, remembering the page asked for', async () => {
    const restored = TestBed.inject(SessionStore).restore();
    http.expectOne('/api/auth/me').flush(
      { statusCode: 401, code: ErrorCode.Unauthenticated, message: { vi: 'Chưa đăng nhập.', en: 'Not logged in.' } },
      { status: 401, statusText: 'Unauthorized' },
    );
    await restored;

    const harness = await RouterTestingHarness.create('/reports');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Freports');
    expect((harness.routeNativeElement as HTMLElement).querySelector('h1')?.textContent).toContain('Đăng nhập');
  });

  it('opens the shell for a logged-in user and keeps them off the login page', async () => {
    const restored = TestBed.inject(SessionStore).restore();
    http.expectOne('/api/auth/me').flush(clerk);
    await restored;

    const harness = await RouterTestingHarness.create('/login');
    answerShell();
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
    expect((harness.fixture.nativeElement as HTMLElement).querySelector('[data-count=incomingToRegister]')?.textContent).toContain('2');
    expect((harness.fixture.nativeElement as HTMLElement).textContent).toContain('Xin chào, Trần Thị Hoa!');
  });

  it('sends unknown addresses home', async () => {
    const restored = TestBed.inject(SessionStore).restore();
    http.expectOne('/api/auth/me').flush(clerk);
    await restored;
    await RouterTestingHarness.create('/no-such-page');
    answerShell();
    expect(TestBed.inject(Router).url).toBe('/');
  });
});
