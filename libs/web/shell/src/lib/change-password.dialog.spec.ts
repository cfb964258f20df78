import { HarnessLoader } from '@angular/cdk/testing';
import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, inject, provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MatButtonHarness } from '@angular/material/button/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { MatInputHarness } from '@angular/material/input/testing';
import { ErrorBody, ErrorCode } from '@vanthu/shared/contracts';
import { I18n, LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { ChangePasswordDialog } from './change-password.dialog';

@Component({ template: '' })
class Opener {
  readonly dialog = inject(MatDialog);
}

const policy: ErrorBody = {
  statusCode: 400,
  code: ErrorCode.PasswordPolicy,
  message: { vi: 'Mật khẩu mới phải có ít nhất 8 ký tự.', en: 'The new password needs at least 8 characters.' },
};

describe('ChangePasswordDialog', () => {
  let http: HttpTestingController;
  let loader: HarnessLoader;
  let closedWith: boolean | undefined | 'open';
  let fixture: ComponentFixture<Opener>;

  async function open(): Promise<void> {
    fixture = TestBed.createComponent(Opener);
    closedWith = 'open';
    fixture.componentInstance.dialog
      .open<ChangePasswordDialog, void, boolean>(ChangePasswordDialog)
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await fixture.whenStable();
    loader = TestbedHarnessEnvironment.documentRootLoader(fixture);
  }

  async function fill(current: string, next: string, repeat: string): Promise<void> {
    const inputs = await loader.getAllHarnesses(MatInputHarness);
    await inputs[0].setValue(current);
    await inputs[1].setValue(next);
    await inputs[2].setValue(repeat);
  }

  async function save(): Promise<void> {
    await (await loader.getHarness(MatButtonHarness.with({ selector: '[type=submit]' }))).click();
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
        // jsdom runs no CSS animations: without this the dialog would wait for one to end.
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('posts the current and new password and closes once changed', async () => {
    await open();
    await fill('Demo@123', 'MoiHon@2024', 'MoiHon@2024');
    await save();
    const request = http.expectOne({ method: 'POST', url: '/api/auth/password' });
    expect(request.request.body).toEqual({ currentPassword: 'Demo@123', newPassword: 'MoiHon@2024' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(closedWith).toBe(true);
  });

  it("shows the server's refusal in the current language and stays open", async () => {
    TestBed.inject(I18n).setLanguage('en');
    await open();
    await fill('Demo@123', 'short', 'short');
    await save();
    http.expectOne('/api/auth/password').flush(policy, { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(document.querySelector('vt-change-password-dialog [role=alert]')?.textContent).toContain(
      'The new password needs at least 8 characters.',
    );
    expect(closedWith).toBe('open');
  });

  it('refuses two different new passwords without asking the server', async () => {
    await open();
    await fill('Demo@123', 'MoiHon@2024', 'MoiHon@2025');
    await save();
    http.expectNone('/api/auth/password');
    expect(document.querySelector('vt-change-password-dialog')?.textContent).toContain('Mật khẩu nhập lại không khớp.');
  });
});
