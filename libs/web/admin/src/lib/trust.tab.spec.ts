import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { CertificateBindingView, TrustAnchorView } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { TrustTab } from './trust.tab';

const anchor = (id: number, change: Partial<TrustAnchorView> = {}): TrustAnchorView => ({
  id,
  name: 'Root CA Chính phủ',
  kind: 'anchor',
  active: true,
  subject: 'VN, Ban Cơ yếu Chính phủ, Cục Chứng thực số và Bảo mật thông tin',
  fingerprint: 'ab'.repeat(32),
  notAfter: '2040-01-01T00:00:00.000Z',
  createdAt: '2026-11-30T00:00:00.000Z',
  disabledAt: null,
  ...change,
});

const binding = (id: number, change: Partial<CertificateBindingView> = {}): CertificateBindingView => ({
  id,
  fingerprint: 'cd'.repeat(32),
  subject: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện',
  issuer: 'CA phục vụ các cơ quan Nhà nước',
  serialNumber: '01',
  notAfter: '2028-01-01T00:00:00.000Z',
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

describe('TrustTab', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting(), provideVanthuIcons()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  const open = async (anchors: TrustAnchorView[], bindings: CertificateBindingView[]) => {
    const fixture = TestBed.createComponent(TrustTab);
    await fixture.whenStable();
    http.expectOne('/api/signing/trust-anchors').flush(anchors);
    http.expectOne('/api/signing/certificates?status=pending').flush(bindings);
    await settle();
    await fixture.whenStable();
    return { fixture, element: fixture.nativeElement as HTMLElement };
  };

  it('lists the anchors and the pending registrations, and approves one on the server', async () => {
    const { fixture, element } = await open([anchor(1), anchor(2, { kind: 'intermediate', active: false, name: 'CA cấp 2' })], [binding(7)]);
    const rows = Array.from(element.querySelectorAll('tbody tr')).map((row) => row.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows[0]).toContain('Root CA Chính phủ');
    expect(rows[0]).toContain('Chứng thư gốc');
    expect(rows[1]).toContain('Chứng thư trung gian');
    expect(rows[1]).toContain('Đã vô hiệu hóa');
    expect(rows[2]).toContain('Nguyễn Văn Hùng');
    expect(rows[2]).toContain('Chờ phê duyệt');

    const approve = Array.from(element.querySelectorAll('tbody button')).find((b) => b.textContent?.includes('Phê duyệt')) as HTMLButtonElement;
    approve.click();
    http.expectOne({ method: 'POST', url: '/api/signing/certificates/7/approve' }).flush(binding(7, { status: 'approved' }));
    await settle();
    http.expectOne('/api/signing/trust-anchors').flush([anchor(1)]);
    http.expectOne('/api/signing/certificates?status=pending').flush([]);
    await settle();
    await fixture.whenStable();
    expect(element.textContent).toContain('Không có chứng thư nào.');
  });

  it('uploads a certificate file as an intermediate and shows the server’s refusal in words', async () => {
    const { fixture, element } = await open([], []);
    const component = fixture.componentInstance as unknown as { kind: string; add(file: File | null): Promise<void> };
    component.kind = 'intermediate';
    const done = component.add(new File(['-----BEGIN CERTIFICATE-----'], 'issuing.pem'));
    const request = http.expectOne({ method: 'POST', url: '/api/signing/trust-anchors' });
    const form = request.request.body as FormData;
    expect(form.get('kind')).toBe('intermediate');
    expect((form.get('certificate') as File).name).toBe('issuing.pem');
    request.flush(
      { statusCode: 422, code: 'INVALID_TRUST_CERTIFICATE', message: { vi: 'Chứng thư số này không phải của tổ chức chứng thực.', en: 'Not a CA.' } },
      { status: 422, statusText: 'Unprocessable Entity' },
    );
    await done;
    await fixture.whenStable();
    expect(element.textContent).toContain('Chứng thư số này không phải của tổ chức chứng thực.');
  });
});
