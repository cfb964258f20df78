import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { OrganisationKind, Role, SessionResponse } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp, SessionStore } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { SHELL_ROUTES } from './routes';

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

describe('ShellComponent', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function logInAs(roles: Role[], url = '/'): Promise<void> {
    const restored = TestBed.inject(SessionStore).restore();
    http.expectOne('/api/auth/me').flush(sessionOf(roles));
    await restored;
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
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
        provideRouter([{ path: 'login', component: LoginStub }, ...SHELL_ROUTES], withComponentInputBinding()),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it.each([
    [Role.Clerk, ['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Báo cáo']],
    [Role.Leader, ['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Báo cáo']],
    [Role.Specialist, ['Trang chủ', 'Văn bản đến', 'Văn bản đi']],
    [Role.Admin, ['Trang chủ', 'Quản trị']],
  ])('shows a %s the navigation their permissions open', async (role, expected) => {
    await logInAs([role]);
    expect(navLabels()).toEqual(expected);
  });

  it('merges the navigation of several roles', async () => {
    await logInAs([Role.Specialist, Role.Admin]);
    expect(navLabels()).toEqual(['Trang chủ', 'Văn bản đến', 'Văn bản đi', 'Quản trị']);
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

    expect(navLabels()).toEqual(['Home', 'Incoming documents', 'Outgoing documents', 'Reports']);
    expect(root().querySelector('h1')?.textContent).toBe('Hello, Trần Thị Hoa!');
    expect(root().querySelector('.shell__logout')?.textContent).toContain('Log out');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');

    await (await loader.getHarness(MatButtonToggleHarness.with({ text: 'Tiếng Việt' }))).check();
    await harness.fixture.whenStable();
    expect(navLabels()[1]).toBe('Văn bản đến');
  });

  it('shows a placeholder for pages still to come', async () => {
    await logInAs([Role.Clerk], '/incoming');
    expect(root().querySelector('main h1')?.textContent).toBe('Văn bản đến');
    expect(root().textContent).toContain('Chức năng đang được xây dựng');
  });

  it('sends a user away from a page their roles do not open', async () => {
    await logInAs([Role.Specialist], '/admin');
    expect(TestBed.inject(Router).url).toBe('/');
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
