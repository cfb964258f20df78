import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { DocumentDirection, DocumentStatus, DocumentSummary, DocumentType, ErrorCode, SecurityLevel, SignBatchResponse, Urgency } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { BatchSigningDialog, BatchSigningDialogData } from './batch-signing.dialog';

function waiting(id: number, subject: string): DocumentSummary {
  return {
    id,
    direction: DocumentDirection.Outgoing,
    type: DocumentType.Plan,
    status: DocumentStatus.AwaitingSignature,
    number: null,
    symbol: null,
    subject,
    urgency: Urgency.Normal,
    securityLevel: SecurityLevel.Normal,
    sender: 'Phòng Nội vụ',
    arrivalNumber: null,
    issuedAt: null,
    receivedAt: null,
    deadline: null,
    overdue: false,
    listedAt: '2026-11-30T02:00:00.000Z',
    updatedAt: '2026-11-30T02:00:00.000Z',
  };
}

describe('BatchSigningDialog ("Ký tất cả")', () => {
  let http: HttpTestingController;
  const documents = [waiting(7, 'Kế hoạch chuyển đổi số'), waiting(8, 'Thông báo lịch tiếp công dân'), waiting(9, 'Giấy mời họp giao ban')];

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
  }

  async function open(): Promise<void> {
    TestBed.inject(MatDialog).open<BatchSigningDialog, BatchSigningDialogData>(BatchSigningDialog, { data: { documents } });
    await settle();
  }

  function enterPinAndSign(pin: string): void {
    const input = document.querySelector<HTMLInputElement>('[data-testid=batch-pin]')!;
    input.value = pin;
    input.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-testid=batch-confirm]')!.click();
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

  it('sends every document with the PIN once and lists what was signed and why the others were not', async () => {
    await open();
    expect(document.querySelector('[data-testid=batch-confirm]')?.textContent).toContain('Ký 3 văn bản');
    enterPinAndSign('842913');
    const request = http.expectOne({ method: 'POST', url: '/api/outgoing/sign-batch' });
    expect(request.request.body).toEqual({ documentIds: [7, 8, 9], pin: '842913' });
    const answer: SignBatchResponse = {
      signed: 2,
      refused: 1,
      items: [
        { documentId: 7, status: 'signed', subject: 'Kế hoạch chuyển đổi số', error: null },
        { documentId: 8, status: 'refused', subject: null, error: { code: ErrorCode.InvalidState, message: { vi: 'Văn bản đã được ký.', en: 'Already signed.' } } },
        { documentId: 9, status: 'signed', subject: 'Giấy mời họp giao ban', error: null },
      ],
    };
    request.flush(answer);
    await settle();
    expect(document.querySelector('[data-testid=batch-summary]')?.textContent).toContain('Đã ký 2 văn bản; 1 văn bản không ký được.');
    const refused = document.querySelector('[data-document="8"]')!.textContent!.replace(/\s+/g, ' ');
    expect(refused).toContain('Thông báo lịch tiếp công dân');
    expect(refused).toContain('Không ký được — Văn bản đã được ký.');
    expect(document.querySelector('[data-document="7"]')?.getAttribute('data-status')).toBe('signed');
  });

  it('shows a wrong PIN or a lock and keeps the form to try again', async () => {
    await open();
    enterPinAndSign('000000');
    http
      .expectOne({ method: 'POST', url: '/api/outgoing/sign-batch' })
      .flush(
        { statusCode: 423, code: 'CREDENTIAL_LOCKED', message: { vi: 'Chứng thư số của bạn đang bị tạm khóa do nhập sai mã PIN nhiều lần, đến 30/11/2026 14:45 (giờ Việt Nam).', en: 'Locked.' } },
        { status: 423, statusText: 'Locked' },
      );
    await settle();
    expect(document.querySelector('[data-testid=batch-error]')?.textContent).toContain('đến 30/11/2026 14:45');
    expect(document.querySelector('[data-testid=batch-summary]')).toBeNull();
    expect(document.querySelector('[data-testid=batch-pin]')).not.toBeNull();
  });
});
