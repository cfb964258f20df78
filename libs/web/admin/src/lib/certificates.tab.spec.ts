import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CredentialView } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { CertificatesTab } from './certificates.tab';

function credential(id: number, change: Partial<CredentialView>): CredentialView {
  return {
    id,
    ownerType: 'user',
    ownerId: id,
    ownerName: 'Nguyễn Văn Hùng',
    subject: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức',
    issuer: 'VănThư Development Issuing CA',
    serialNumber: '01',
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

describe('CertificatesTab', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting(), provideVanthuIcons()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists each certificate with its validity in dd/MM/yyyy and warns of expiry in words', async () => {
    const fixture = TestBed.createComponent(CertificatesTab);
    await fixture.whenStable();
    http.expectOne('/api/signing/credentials').flush([
      credential(1, {}),
      credential(2, { ownerName: 'UBND xã Quảng Tân', ownerType: 'organisation', expiresSoon: true }),
      credential(3, { ownerName: 'Trần Quốc Bảo', expired: true, notAfter: '2026-01-02T00:00:00.000Z' }),
    ]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const rows = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')).map((row) =>
      row.textContent?.replace(/\s+/g, ' ').trim(),
    );
    expect(rows[0]).toContain('01/01/2026 – 01/01/2028');
    expect(rows[0]).toContain('Còn hiệu lực');
    expect(rows[1]).toContain('Sắp hết hạn');
    expect(rows[2]).toContain('Đã hết hạn');
  });

  it('disables a certificate on the server and shows the new list', async () => {
    const fixture = TestBed.createComponent(CertificatesTab);
    await fixture.whenStable();
    http.expectOne('/api/signing/credentials').flush([credential(1, {})]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const button = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('tbody button')).find((b) => b.textContent?.includes('Tắt')) as HTMLButtonElement;
    button.click();
    const request = http.expectOne({ method: 'PATCH', url: '/api/signing/credentials/1' });
    expect(request.request.body).toEqual({ active: false });
    request.flush(credential(1, { active: false }));
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/signing/credentials').flush([credential(1, { active: false })]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Đã tắt');
  });

  it('shows a key locked after wrong PINs until when (Vietnam time) and one waiting for its owner’s PIN, and unlocks the locked one', async () => {
    const fixture = TestBed.createComponent(CertificatesTab);
    await fixture.whenStable();
    http.expectOne('/api/signing/credentials').flush([credential(1, { pinFailures: 5, lockedUntil: '2026-11-30T07:45:00.000Z' }), credential(2, { awaitingPin: true })]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('Tạm khóa đến 30/11/2026 14:45 (nhập sai mã PIN 5 lần)');
    expect(rows[1]).toContain('Chờ chủ sở hữu đặt mã PIN');
    expect(element.querySelectorAll('[data-testid="cert-unlock"]')).toHaveLength(1);
    (element.querySelector('[data-testid="cert-unlock"]') as HTMLButtonElement).click();
    const request = http.expectOne({ method: 'POST', url: '/api/signing/credentials/1/unlock' });
    request.flush(credential(1, {}));
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/signing/credentials').flush([credential(1, {}), credential(2, { awaitingPin: true })]);
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="cert-locked"]')).toBeNull();
  });
});
