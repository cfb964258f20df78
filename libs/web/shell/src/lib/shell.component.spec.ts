import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { OrganisationKind, Permission, Role, SessionResponse, WorkCounts } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, permissionGuard, provideApiHttp, SessionStore } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { shellRoutes } from './routes';

function sessionOf(roles: Role[]): SessionResponse {
  return {
    csrfToken: 'csrf',
    user: {
      id: 12,
      username: 'quangtan.vanthu',
      fullName: 'Trần Thị Hoa',
      position: 'Văn thư',
      email: null,
      roles,
      permissions: [],
      organisation: { id: 9, code: 'quangtan', name: 'UBND xã Quảng Tân', kind: OrganisationKind.Commune, abbreviation: 'UBND' },
    },
  };
}

@Component({ template: 'login page' })
class LoginStub {}

@Component({ template: '<h1>feature page</h1>' })
class FeatureStub {}

const FEATURES = [
  { path: 'incoming', component: FeatureStub },
  { path: 'admin', canActivate: [permissionGuard(Permission.ManageUsers)], component: FeatureStub },
];

const NO_COUNTS: WorkCounts = {
  awaitingMySignature: 0,
  awaitingMyReview: 0,
  awaitingMyAssignment: 0,
  incomingToRegister: 0,
  outgoingToIssue: 0,
  outgoingToDispatch: 0,
  myReturnedDrafts: 0,
  myOpenAssignments: 0,
  overdue: 0,
};

describe('ShellComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  /** Answers what the shell asks for on start: the work counts, the notifications, the home page's assignments. */
  async function answerStartRequests(counts: WorkCounts = NO_COUNTS, unreadCount = 0): Promise<void> {
    for (const request of http.match(() => true)) {
      if (request.request.url === '/api/documents/counts') request.flush(counts);
      else if (request.request.url === '/api/notifications') request.flush({ items: [], unreadCount, nextBefore: null });
      else if (request.request.url === '/api/documents') request.flush({ items: [], total: 0, page: 1, pageSize: 10 });
    }
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  async function logInAs(roles: Role[], url = '/', counts: WorkCounts = NO_COUNTS, unreadCount = 0): Promise<void> {
    const restored = TestBed.inject(SessionStore).restore();
    http.expectOne('/api/auth/me').flush(sessionOf(roles));
    await restored;
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
    await answerStartRequests(counts, unreadCount);
  }

  function root(): HTMLElement {
    return harness.fixture.nativeElement as HTMLElement;
  }

  function navLabels(): string[] {
    return Array.from(root().querySelectorAll('nav a')).map((link) => link.textContent?.trim() ?? '');
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: 'login', component: LoginStub }, ...shellRoutes(FEATURES)], withComponentInputBinding()),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it.each([
    [Role.Clerk, ['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Liên thông', 'Hồ sơ', 'Báo cáo']],
    [Role.Leader, ['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Chờ ký', 'Hồ sơ', 'Nhật ký truy cập', 'Báo cáo']],
    [Role.Specialist, ['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Hồ sơ']],
    [Role.Admin, ['Trang chủ', 'Nhật ký truy cập', 'Quản trị']],
  ])('shows a %s the navigation their permissions open', async (role, expected) => {
    await logInAs([role]);
    expect(navLabels()).toEqual([...expected, 'Thông báo']);
  });

  it('merges the navigation of several roles', async () => {
    await logInAs([Role.Specialist, Role.Admin]);
    expect(navLabels()).toEqual(['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Hồ sơ', 'Nhật ký truy cập', 'Quản trị', 'Thông báo']);
  });

  it("shows the user's name, position and organisation, and greets them by name", async () => {
    await logInAs([Role.Clerk]);
    expect(root().querySelector('[data-testid=user-name]')?.textContent).toBe('Trần Thị Hoa');
    expect(root().querySelector('[data-testid=user-position]')?.textContent).toBe('Văn thư');
    expect(root().querySelector('[data-testid=user-organisation]')?.textContent).toBe('UBND xã Quảng Tân');
    expect(root().querySelector('h1')?.textContent).toBe('Xin chào, Trần Thị Hoa!');
  });

  it('switches every text to English and back', async () => {
    await logInAs([Role.Clerk]);
    await (await loader.getHarness(MatButtonToggleHarness.with({ text: 'English' }))).check();
    await harness.fixture.whenStable();

    expect(navLabels()).toEqual(['Home', 'Incoming documents', 'Outgoing documents', 'Exchange', 'Files', 'Reports', 'Notifications']);
    expect(root().querySelector('h1')?.textContent).toBe('Hello, Trần Thị Hoa!');
    expect(root().textContent).toContain('Incoming to register');
    expect(root().querySelector('.shell__logout')?.textContent).toContain('Log out');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await (await loader.getHarness(MatButtonToggleHarness.with({ text: 'Tiếng Việt' }))).check();
    await harness.fixture.whenStable();
    expect(navLabels()[1]).toBe('Văn bản đến');
  });

  it('opens feature pages inside the shell', async () => {
    await logInAs([Role.Clerk], '/incoming');
    expect(root().querySelector('main h1')?.textContent).toBe('feature page');
  });

  it('shows what waits on the navigation and the home page: a leader with 3 to sign and 2 to assign', async () => {
    await logInAs([Role.Leader], '/', { ...NO_COUNTS, awaitingMySignature: 3, awaitingMyAssignment: 2, overdue: 1 });
    const badges = Array.from(root().querySelectorAll('nav a')).map((a) => [
      a.querySelector('[matListItemTitle] span')?.textContent?.trim(),
      a.querySelector('[data-testid=nav-badge]')?.textContent?.trim() ?? null,
    ]);
    expect(badges).toContainEqual(['Chờ ký', '3']);
    expect(badges).toContainEqual(['Văn bản đến', '2']);
    expect(badges).toContainEqual(['Báo cáo', null]);
    expect(root().querySelector('[data-count=awaitingMySignature]')?.textContent).toContain('3');
    expect(root().querySelector('[data-count=awaitingMySignature]')?.textContent).toContain('Văn bản chờ ký');
    expect(root().querySelector('[data-count=overdue]')?.classList).toContain('home__tile--alarm');
    // A leader's home has no clerk tiles.
    expect(root().querySelector('[data-count=incomingToRegister]')).toBeNull();
  });

  it('shows a clerk the documents to register, issue and dispatch', async () => {
    await logInAs([Role.Clerk], '/', { ...NO_COUNTS, incomingToRegister: 4, outgoingToIssue: 1, outgoingToDispatch: 2 });
    const tiles = Array.from(root().querySelectorAll('[data-count]')).map((tile) => tile.getAttribute('data-count'));
    expect(tiles).toEqual(['incomingToRegister', 'outgoingToIssue', 'outgoingToDispatch', 'overdue']);
    expect(root().querySelector('[data-count=incomingToRegister]')?.textContent).toContain('4');
  });

  it('shows the unread count on the bell', async () => {
    await logInAs([Role.Clerk], '/', NO_COUNTS, 5);
    expect(root().querySelector('[data-testid=notification-bell]')?.getAttribute('aria-label')).toBe('Thông báo (5 chưa đọc)');
    // The number itself is on the bell, not only a dot.
    const badge = root().querySelector('[data-testid=notification-bell] .mat-badge-content');
    expect(badge?.textContent?.trim()).toBe('5');
    expect(root().querySelector('[data-testid=notification-bell]')?.classList).not.toContain('mat-badge-small');
  });

  it('sends a user away from a page their roles do not open', async () => {
    await logInAs([Role.Specialist], '/admin');
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it.each([
    [Role.Leader, ['Mã PIN chữ ký số', 'Chứng thư số của tôi']],
    [Role.Clerk, ['Mã PIN chữ ký số']],
  ])('offers a %s the account menu entries for signing their roles allow', async (role, expected) => {
    await logInAs([role]);
    const account = await loader.getHarness(MatMenuHarness.with({ triggerText: /Trần Thị Hoa/ }));
    await account.open();
    const labels = await Promise.all((await account.getItems()).map((item) => item.getText()));
    expect(labels.filter((label) => label.includes('chữ ký số') || label.includes('Chứng thư số'))).toEqual(expected);
  });

  it('logs out on the server and returns to the login page', async () => {
    await logInAs([Role.Clerk]);
    await (await loader.getHarness(MatButtonHarness.with({ selector: '.shell__logout' }))).click();
    http.expectOne({ method: 'POST', url: '/api/auth/logout' }).flush(null, { status: 204, statusText: 'No Content' });
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/login');
    expect(TestBed.inject(SessionStore).user()).toBeNull();
  });
});
