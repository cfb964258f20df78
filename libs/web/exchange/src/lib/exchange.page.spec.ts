import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { ExchangePacketView, Page } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp, SessionStore } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { ExchangePage } from './exchange.page';

function packet(id: number, fields: Partial<ExchangePacketView>): ExchangePacketView {
  return {
    id,
    direction: 'in',
    kind: 'document',
    channel: 'folder',
    documentKey: `000.00.00.H41,2026/03/05,${id}/UBND-VX`,
    from: { organId: '000.00.00.H41', name: 'UBND tỉnh Lâm Đồng' },
    toOrganId: 'H38.08',
    businessType: 0,
    statusCode: null,
    symbol: `${id}/UBND-VX`,
    subject: 'V/v triển khai chuyển đổi số',
    outcome: 'imported',
    documentId: id * 10,
    documentStatus: 'received',
    duplicateOf: null,
    takeBackRequested: false,
    description: null,
    createdAt: '2026-03-05T02:15:00.000Z',
    sentAt: null,
    lastError: null,
    ...fields,
  };
}

const page = (items: ExchangePacketView[]): Page<ExchangePacketView> => ({ items, total: items.length, page: 1, pageSize: 100 });

describe('ExchangePage', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ExchangePage>;
  const view = () => fixture.nativeElement as HTMLElement;
  const rows = () => Array.from(view().querySelectorAll<HTMLElement>('[data-testid=exchange-row]'));

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideRouter([]),
        provideVanthuIcons(),
        { provide: SessionStore, useValue: { canAny: () => true } },
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExchangePage);
    await fixture.whenStable();
    http.expectOne('/api/exchange/inbox?pageSize=100').flush(
      page([
        packet(700, {}),
        packet(512, { outcome: 'duplicate', documentId: null, documentStatus: null, duplicateOf: 5120 }),
        packet(800, { kind: 'status', statusCode: '13', takeBackRequested: true, description: 'Đề nghị trả lại để sửa' }),
      ]),
    );
    await settle();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('lists received packets with their states in Vietnamese, warning of a duplicate and a take-back request', () => {
    expect(rows().map((r) => r.querySelector('[data-testid=packet-outcome]')?.textContent?.trim())).toEqual(['Đã tiếp nhận', 'Trùng văn bản đã nhận', 'Đã tiếp nhận']);
    expect(rows()[1].querySelector('[data-testid=duplicate-warning]')?.textContent).toContain('Cảnh báo trùng');
    expect(rows()[1].querySelector('[data-testid=open-duplicate]')?.getAttribute('href')).toBe('/documents/5120');
    expect(rows()[2].textContent).toContain('Trạng thái 13');
    expect(rows()[2].querySelector('[data-testid=take-back-request]')).not.toBeNull();
    // Only a document still to handle can be refused.
    expect(rows().map((r) => !!r.querySelector('[data-testid=refuse]'))).toEqual([true, false, false]);
  });

  it('refuses a document (02) with the reason the clerk types, then reloads', async () => {
    rows()[0].querySelector<HTMLButtonElement>('[data-testid=refuse]')!.click();
    await settle();
    const text = document.querySelector<HTMLTextAreaElement>('[data-testid=reason-text]')!;
    document.querySelector<HTMLButtonElement>('[data-testid=reason-confirm]')!.click();
    await settle();
    http.expectNone('/api/exchange/incoming/7000/refuse');
    text.value = 'Không đúng thẩm quyền';
    text.dispatchEvent(new Event('input'));
    document.querySelector<HTMLButtonElement>('[data-testid=reason-confirm]')!.click();
    await settle();
    const request = http.expectOne({ method: 'POST', url: '/api/exchange/incoming/7000/refuse' });
    expect(request.request.body).toEqual({ reason: 'Không đúng thẩm quyền' });
    request.flush({});
    await settle();
    http.expectOne('/api/exchange/inbox?pageSize=100').flush(page([packet(700, { documentStatus: 'returned-to-sender' })]));
    await settle();
    expect(rows()[0].querySelector('[data-testid=refuse]')).toBeNull();
  });

  it('answers a take-back request by agreeing (15)', async () => {
    Array.from(rows()[2].querySelectorAll('button'))
      .find((b) => b.textContent?.includes('Đồng ý (15)'))!
      .click();
    await settle();
    const request = http.expectOne({ method: 'POST', url: '/api/exchange/incoming/8000/take-back' });
    expect(request.request.body).toEqual({ agree: true });
    request.flush({});
    await settle();
    http.expectOne('/api/exchange/inbox?pageSize=100').flush(page([]));
    await settle();
    expect(view().textContent).toContain('Chưa có gói tin nào.');
  });

  it('shows the packets sent, with a failed delivery’s error', async () => {
    view().querySelector<HTMLElement>('[data-testid=exchange-outbox] button')!.click();
    await settle();
    http
      .expectOne('/api/exchange/outbox?pageSize=100')
      .flush(page([packet(1, { direction: 'out', kind: 'status', statusCode: '03', outcome: 'pending', lastError: 'The peer answered 503' })]));
    await settle();
    expect(rows()[0].textContent).toContain('Chờ gửi');
    expect(rows()[0].textContent).toContain('Đã tiếp nhận');
    expect(rows()[0].textContent).toContain('Lỗi gửi: The peer answered 503');
  });
});
