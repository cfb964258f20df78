import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { CredentialView } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { SigningKeysDialog } from './signing-keys.dialog';

function key(id: number, change: Partial<CredentialView>): CredentialView {
  return {
    id,
    ownerType: 'user',
    ownerId: 3,
    ownerName: 'Nguyễn Văn Hùng',
    subject: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức',
    issuer: 'VănThư Demo Issuing CA',
    serialNumber: '0A',
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: '2028-01-01T00:00:00.000Z',
    expiresSoon: false,
    expired: false,
    hasImage: true,
    active: true,
    awaitingPin: false,
    pinFailures: 0,
    lockedUntil: null,
    ...change,
  };
}

describe('SigningKeysDialog (account menu › Signing PIN)', () => {
  let http: HttpTestingController;

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  function type(testId: string, value: string): void {
    const input = document.querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('lists my keys with their state and lets me choose the PIN of the one waiting for it', async () => {
    TestBed.inject(MatDialog).open(SigningKeysDialog);
    await settle();
    http.expectOne('/api/signing/credentials/mine').flush([
      key(5, { awaitingPin: true }),
      key(6, { ownerType: 'organisation', ownerName: 'UBND huyện Tuy Đức', pinFailures: 5, lockedUntil: '2026-11-30T07:45:00.000Z' }),
    ]);
    await settle();
    const text = (id: number) => document.querySelector(`[data-credential="${id}"]`)!.textContent!.replace(/\s+/g, ' ');
    expect(text(5)).toContain('Chữ ký số của Nguyễn Văn Hùng');
    expect(text(5)).toContain('Chờ bạn đặt mã PIN');
    expect(text(6)).toContain('Con dấu số của UBND huyện Tuy Đức');
    expect(text(6)).toContain('Tạm khóa đến 30/11/2026 14:45');

    document.querySelector<HTMLButtonElement>('[data-credential="5"] [data-testid=keys-set-pin]')!.click();
    await settle();
    expect(document.querySelector('[data-testid=pin-current]')).toBeNull();
    type('pin-new', '842913');
    type('pin-repeat', '842913');
    document.querySelector<HTMLButtonElement>('[data-testid=pin-save]')!.click();
    await settle();
    const saved = http.expectOne({ method: 'PUT', url: '/api/signing/credentials/5/pin' });
    expect(saved.request.body).toEqual({ newPin: '842913' });
    saved.flush(key(5, {}));
    await settle();
    http.expectOne('/api/signing/credentials/mine').flush([key(5, {})]);
    await settle();
    expect(text(5)).toContain('Đã có mã PIN');
  });
});
