import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CertificateBindingView } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { MyCertificatesPage } from './my-certificates.page';

const registration = (id: number, change: Partial<CertificateBindingView> = {}): CertificateBindingView => ({
  id,
  fingerprint: '3f'.repeat(32),
  subject: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức',
  issuer: 'CA phục vụ các cơ quan Nhà nước, Ban Cơ yếu Chính phủ',
  serialNumber: '5A0C19',
  notAfter: '2028-06-30T00:00:00.000Z',
  ownerType: 'user',
  ownerId: 5,
  ownerName: 'Nguyễn Văn Hùng',
  status: 'pending',
  requestedBy: 'Nguyễn Văn Hùng',
  requestedAt: '2026-11-30T00:00:00.000Z',
  decidedBy: null,
  decidedAt: null,
  ...change,
});

const settle = async () => {
  await new Promise((resolve) => setTimeout(resolve));
};

describe('MyCertificatesPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting(), provideVanthuIcons()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const open = async (mine: CertificateBindingView[]) => {
    const fixture = TestBed.createComponent(MyCertificatesPage);
    await fixture.whenStable();
    http.expectOne({ method: 'GET', url: '/api/signing/certificates/mine' }).flush(mine);
    await settle();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const rows = () => Array.from(element.querySelectorAll('tbody tr')).map((row) => row.textContent?.replace(/\s+/g, ' ').trim() ?? '');
    const choose = async (file: File) => {
      const input = element.querySelector('[data-testid="mycert-file"]') as HTMLInputElement;
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      await fixture.whenStable();
    };
    return { fixture, element, rows, choose };
  };

  it('lists my registrations with subject, issuer, serial, validity, fingerprint and a status in Vietnamese', async () => {
    const { rows } = await open([registration(3), registration(2, { status: 'approved', fingerprint: 'a1'.repeat(32) }), registration(1, { status: 'disabled' })]);
    const [pending, approved, disabled] = rows();
    expect(pending).toContain('Nguyễn Văn Hùng, Chủ tịch UBND huyện');
    expect(pending).toContain('CA phục vụ các cơ quan Nhà nước');
    expect(pending).toContain('5A0C19');
    expect(pending).toContain('30/06/2028');
    expect(pending).toContain('3f3f3f3f3f3f3f3f…');
    expect(pending).toContain('Chờ duyệt');
    expect(approved).toContain('Đã duyệt');
    expect(approved).toContain('a1a1a1a1a1a1a1a1…');
    expect(disabled).toContain('Đã vô hiệu');
  });

  it('says so when nothing is registered yet', async () => {
    const { rows } = await open([]);
    expect(rows()).toEqual(['Bạn chưa đăng ký chứng thư số nào.']);
  });

  it('uploads the chosen file as it is (DER bytes too) and shows the new registration waiting for approval', async () => {
    const { rows, choose } = await open([]);
    const der = new File([new Uint8Array([0x30, 0x82, 0x03, 0x10])], 'token.cer', { type: 'application/pkix-cert' });
    await choose(der);
    const request = http.expectOne({ method: 'POST', url: '/api/signing/certificates/mine' });
    const sent = request.request.body as FormData;
    expect(sent.get('certificate')).toBeInstanceOf(File);
    expect((sent.get('certificate') as File).name).toBe('token.cer');
    request.flush(registration(9));
    await settle();
    http.expectOne({ method: 'GET', url: '/api/signing/certificates/mine' }).flush([registration(9)]);
    await settle();
    expect(rows()[0]).toContain('Chờ duyệt');
  });

  it('shows the server’s refusal in the current language and keeps the list as it was', async () => {
    const { fixture, element, rows, choose } = await open([registration(2, { status: 'approved' })]);
    await choose(new File(['-----BEGIN CERTIFICATE-----'], 'het-han.pem'));
    http.expectOne({ method: 'POST', url: '/api/signing/certificates/mine' }).flush(
      { statusCode: 422, code: 'CERTIFICATE_EXPIRED', message: { vi: 'Chứng thư số đã hết hạn ngày 2025-01-01: không thể đăng ký để ký số.', en: 'The certificate expired on 2025-01-01: it cannot be registered for signing.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await settle();
    await fixture.whenStable();
    expect(element.querySelector('[data-testid="mycert-error"]')?.textContent).toContain('Chứng thư số đã hết hạn ngày 2025-01-01');
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toContain('Đã duyệt');
  });

  it('refuses a file far too large for a certificate without sending it', async () => {
    const { element, choose } = await open([]);
    await choose(new File([new Uint8Array(70 * 1024)], 'van-ban.pdf'));
    http.expectNone('/api/signing/certificates/mine');
    expect(element.querySelector('[data-testid="mycert-error"]')?.textContent).toContain('Tệp quá lớn cho một chứng thư số');
  });
});
