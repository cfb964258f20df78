import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MatButtonToggleHarness } from '@angular/material/button-toggle/testing';
import { MatInputHarness } from '@angular/material/input/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { ErrorBody, ErrorCode, OrganisationKind, Role, SessionResponse } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { LoginPage } from './login.page';

const session: SessionResponse = {
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

const invalidCredentials: ErrorBody = {
  statusCode: 401,
  code: ErrorCode.InvalidCredentials,
  message: { vi: 'Tên đăng nhập hoặc mật khẩu không đúng.', en: 'Wrong username or password.' },
};

const loginThrottled: ErrorBody = {
  statusCode: 429,
  code: ErrorCode.TooManyRequests,
  message: {
    vi: 'Đăng nhập sai nhiều lần. Vui lòng thử lại sau 30 giây; nếu quên mật khẩu, hãy liên hệ quản trị.',
    en: 'Too many failed log-ins. Try again in 30 seconds; if you forgot the password, contact the administrator.',
  },
};

@Component({ template: 'home' })
class HomeStub {}

describe('LoginPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loader: HarnessLoader;

  async function setUp(url = '/login'): Promise<void> {
    harness = await RouterTestingHarness.create(url);
    loader = TestbedHarnessEnvironment.loader(harness.fixture);
  }

  function page(): HTMLElement {
    return harness.routeNativeElement as HTMLElement;
  }

  async function fill(username: string, password: string): Promise<void> {
    await (await loader.getHarness(MatInputHarness.with({ selector: '[name=username]' }))).setValue(username);
    await (await loader.getHarness(MatInputHarness.with({ selector: '[name=password]' }))).setValue(password);
  }

  async function submit(): Promise<void> {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }))).click();
  }

  async function settle(): Promise<void> {
    // Lets the awaited request settle, then renders.
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'login', component: LoginPage },
          { path: '', component: HomeStub },
          { path: 'reports', component: HomeStub },
        ]),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('is in Vietnamese by default', async () => {
    await setUp();
    expect(page().querySelector('h1')?.textContent).toContain('Đăng nhập');
    expect(page().textContent).toContain('Tên đăng nhập');
    expect(page().textContent).toContain('Mật khẩu');
  });

  it('posts the credentials and opens the home page', async () => {
    await setUp();
    await fill('  quangtan.vanthu ', 'Demo@123');
    await submit();

    const request = http.expectOne({ method: 'POST', url: '/api/auth/login' });
    expect(request.request.body).toEqual({ username: 'quangtan.vanthu', password: 'Demo@123' });
    request.flush(session);
    await settle();

    expect(TestBed.inject(Router).url).toBe('/');
  });

  it('goes back to the page the user was sent away from, only inside the app', async () => {
    await setUp('/login?returnUrl=%2Freports');
    await fill('quangtan.vanthu', 'Demo@123');
    await submit();
    http.expectOne('/api/auth/login').flush(session);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/reports');
  });

  it('ignores a return address outside the app', async () => {
    await setUp('/login?returnUrl=%2F%2Fevil.example');
    await fill('quangtan.vanthu', 'Demo@123');
    await submit();
    http.expectOne('/api/auth/login').flush(session);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it("shows the server's message for a wrong password in the current language and keeps what was typed", async () => {
    await setUp();
    await fill('quangtan.vanthu', 'wrong');
    await submit();
    http.expectOne('/api/auth/login').flush(invalidCredentials, { status: 401, statusText: 'Unauthorized' });
    await settle();

    expect(page().querySelector('[role=alert]')?.textContent).toContain('Tên đăng nhập hoặc mật khẩu không đúng.');
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[name=username]' }))).getValue()).toBe(
      'quangtan.vanthu',
    );
    expect(await (await loader.getHarness(MatInputHarness.with({ selector: '[name=password]' }))).getValue()).toBe('wrong');

    await (await loader.getHarness(MatButtonToggleHarness.with({ text: 'English' }))).check();
    await harness.fixture.whenStable();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('Wrong username or password.');
    expect(page().querySelector('h1')?.textContent).toContain('Sign in');
  });

  it('says how long to wait when the server holds back log-ins after wrong passwords', async () => {
    await setUp();
    await fill('quangtan.vanthu', 'wrong');
    await submit();
    http.expectOne('/api/auth/login').flush(loginThrottled, { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('thử lại sau 30 giây');
  });

  it('says the server cannot be reached, in both languages, when the network fails', async () => {
    await setUp();
    await fill('quangtan.vanthu', 'Demo@123');
    await submit();
    http.expectOne('/api/auth/login').error(new ProgressEvent('error'));
    await settle();
    expect(page().querySelector('[role=alert]')?.textContent).toContain('Không kết nối được với máy chủ');
  });

  it('asks for the missing fields instead of sending an empty form', async () => {
    await setUp();
    await submit();
    http.expectNone('/api/auth/login');
    expect(page().textContent).toContain('Vui lòng nhập tên đăng nhập.');
    expect(page().textContent).toContain('Vui lòng nhập mật khẩu.');
  });
});
