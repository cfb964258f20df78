import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { SignatureView, VerificationView } from '@vanthu/shared/contracts';
import { I18n, LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';
import { provideVanthuIcons } from './icons';
import { SignaturePanel } from './signature-panel';

const leader: SignatureView = {
  index: 0,
  signerName: 'Nguyễn Văn Hùng',
  subject: 'Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức',
  organisation: 'UBND huyện Tuy Đức',
  signedAt: '2026-03-05T02:41:07.000Z',
  kind: 'personal',
  integrity: true,
  cryptographicallyValid: true,
  trusted: true,
  validAtSigningTime: true,
  revoked: null,
  modifiedAfter: 'signatures-only',
  summary: { vi: 'Chữ ký hợp lệ.', en: 'Valid signature.' },
};

const seal: SignatureView = {
  ...leader,
  index: 1,
  signerName: 'UBND huyện Tuy Đức',
  subject: 'UBND huyện Tuy Đức',
  signedAt: '2026-03-05T03:00:00.000Z',
  kind: 'organisation',
  modifiedAfter: 'none',
};

function report(signatures: SignatureView[]): VerificationView {
  return { fileId: 5, verifiedAt: '2026-03-05T03:01:00.000Z', valid: true, signatures };
}

@Component({
  imports: [SignaturePanel],
  template: `<vt-signature-panel [verification]="verification()" [signatureCount]="signatureCount()" />`,
})
class Host {
  readonly verification = signal<VerificationView | null>(null);
  readonly signatureCount = signal<number | null>(null);
}

describe('SignaturePanel', () => {
  let fixture: ComponentFixture<Host>;
  const element = () => fixture.nativeElement as HTMLElement;
  const items = () => Array.from(element().querySelectorAll<HTMLElement>('[data-testid=signature]'));

  async function show(verification: VerificationView | null): Promise<void> {
    fixture.componentInstance.verification.set(verification);
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideVanthuIcons()] });
    fixture = TestBed.createComponent(Host);
    await fixture.whenStable();
  });

  it('lists every signature in order with who signed and when, in Vietnam time', async () => {
    await show(report([leader, seal]));
    expect(items()).toHaveLength(2);
    expect(items()[0].textContent).toContain('Nguyễn Văn Hùng');
    expect(items()[0].textContent).toContain('Chữ ký của người có thẩm quyền');
    expect(items()[0].textContent).toContain('Ký lúc 05/03/2026 09:41');
    expect(items()[1].textContent).toContain('Chữ ký số của cơ quan (con dấu)');
    expect(element().querySelector('[data-testid=signatures-overall]')?.textContent).toContain('Tất cả 2 chữ ký đều hợp lệ.');
  });

  it('says in plain words that a signature is valid, trusted and not changed after', async () => {
    await show(report([seal]));
    const text = items()[0].textContent ?? '';
    expect(text).toContain('Chữ ký hợp lệ, nội dung ký còn nguyên vẹn');
    expect(text).toContain('Chứng thư số do tổ chức tin cậy cấp');
    expect(text).toContain('Không bị sửa sau khi ký');
  });

  it('flags an untrusted certificate and content changed after signing', async () => {
    await show(report([{ ...leader, trusted: false, modifiedAfter: 'content' }]));
    const text = items()[0].textContent ?? '';
    expect(text).toContain('Chứng thư số KHÔNG thuộc tổ chức tin cậy');
    expect(text).toContain('Nội dung đã bị sửa sau khi ký');
    expect(items()[0].classList).toContain('sig__item--bad');
    expect(element().querySelector('[data-testid=signatures-overall]')?.textContent).toContain('Có chữ ký không hợp lệ');
  });

  it('shows the verification’s warnings (revocation not checked, soft mode) under the signature', async () => {
    const warning = { vi: 'Cảnh báo: chưa kiểm tra được tình trạng thu hồi của chứng thư số "Nguyễn Văn Hùng".', en: 'Warning: the revocation status could not be checked.' };
    await show(report([{ ...leader, warnings: [warning] }, seal]));
    const shown = Array.from(element().querySelectorAll('[data-testid=signature-warning]')).map((w) => w.textContent?.trim());
    expect(shown).toEqual([warning.vi]);
    expect(items()[1].querySelector('[data-testid=signature-warning]')).toBeNull();
  });

  it('tells a broken signature apart from changed signed content', async () => {
    await show(report([{ ...leader, integrity: false, cryptographicallyValid: false }]));
    expect(items()[0].textContent).toContain('Nội dung đã ký bị thay đổi');
    await show(report([{ ...leader, cryptographicallyValid: false }]));
    expect(items()[0].textContent).toContain('Chữ ký KHÔNG hợp lệ');
  });

  it('says when a file has no signature or was not checked, and speaks English', async () => {
    await show(report([]));
    expect(element().textContent).toContain('Tệp này không có chữ ký số.');
    await show(null);
    expect(element().textContent).toContain('Chưa kiểm tra chữ ký của tệp này.');
    TestBed.inject(I18n).setLanguage('en');
    await show(report([{ ...leader, revoked: true }]));
    expect(items()[0].textContent).toContain('Certificate revoked');
    expect(items()[0].textContent).toContain('Valid signature.');
  });

  it('says an unsigned file carries no digital signature instead of "not checked"', async () => {
    fixture.componentInstance.signatureCount.set(0);
    await show(null);
    expect(element().textContent).toContain('Tệp này không có chữ ký số.');
    expect(element().textContent).not.toContain('Chưa kiểm tra');
    // A signed file whose report has not come is still "not checked".
    fixture.componentInstance.signatureCount.set(2);
    await fixture.whenStable();
    expect(element().textContent).toContain('Chưa kiểm tra chữ ký của tệp này.');
  });
});
