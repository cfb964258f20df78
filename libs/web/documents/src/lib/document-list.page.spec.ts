import { HttpTestingController, provideHttpClientTesting, TestRequest } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DocumentDirection, DocumentSummary, Page, SecurityLevel, Urgency } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideMaterialTexts, provideVanthuIcons, provideVietnamDates } from '@vanthu/web/ui';
import { DocumentListPage } from './document-list.page';
import { incomingDetail } from './testing';

function pageOf(items: DocumentSummary[]): Page<DocumentSummary> {
  return { items, total: items.length, page: 1, pageSize: 20 };
}

describe('DocumentListPage: sorting and markers', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'incoming', component: DocumentListPage, data: { direction: DocumentDirection.Incoming } },
          { path: 'outgoing', component: DocumentListPage, data: { direction: DocumentDirection.Outgoing } },
        ]),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
        provideVietnamDates(),
        provideMaterialTexts(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  /** The list request now pending (the sender directory's is answered on the way). */
  function listRequest(): TestRequest {
    for (const r of http.match('/api/organisations')) r.flush([]);
    return http.expectOne((r) => r.url === '/api/documents');
  }

  function header(harness: RouterTestingHarness, name: string): HTMLElement {
    const th = Array.from((harness.routeNativeElement as HTMLElement).querySelectorAll('th')).find((h) => h.textContent?.trim() === name);
    if (!th) throw new Error(`no column ${name}`);
    return th;
  }

  it('asks the server for the order a header chooses, keeps it in the address, and marks the column', async () => {
    const harness = await RouterTestingHarness.create('/incoming');
    const first = listRequest();
    expect(first.request.params.has('sort')).toBe(false);
    first.flush(pageOf([]));
    await settle(harness);
    expect(header(harness, 'Hạn xử lý').getAttribute('aria-sort')).toBe('none');

    (header(harness, 'Hạn xử lý').querySelector('.mat-sort-header-container') as HTMLElement).click();
    await settle(harness);
    expect(TestBed.inject(Router).url).toBe('/incoming?sort=deadline&order=asc');
    const byDeadline = listRequest();
    expect([byDeadline.request.params.get('sort'), byDeadline.request.params.get('order')]).toEqual(['deadline', 'asc']);
    byDeadline.flush(pageOf([]));
    await settle(harness);
    expect(header(harness, 'Hạn xử lý').getAttribute('aria-sort')).toBe('ascending');

    (header(harness, 'Hạn xử lý').querySelector('.mat-sort-header-container') as HTMLElement).click();
    await settle(harness);
    expect(TestBed.inject(Router).url).toBe('/incoming?sort=deadline&order=desc');
    listRequest().flush(pageOf([]));
  });

  it('shows the outgoing list newest first by its date column, and sorts by number on request', async () => {
    const harness = await RouterTestingHarness.create('/outgoing');
    listRequest().flush(pageOf([]));
    await settle(harness);
    expect(header(harness, 'Ngày tạo').getAttribute('aria-sort')).toBe('descending');
    (header(harness, 'Số, ký hiệu').querySelector('.mat-sort-header-container') as HTMLElement).click();
    await settle(harness);
    const byNumber = listRequest();
    expect([byNumber.request.params.get('sort'), byNumber.request.params.get('order')]).toEqual(['number', 'desc']);
    byNumber.flush(pageOf([]));
  });

  it('marks urgency and security in the row, with the kind of marker read out', async () => {
    const harness = await RouterTestingHarness.create('/incoming');
    listRequest().flush(
      pageOf([
        incomingDetail({ id: 1, subject: 'Hỏa tốc và mật', urgency: Urgency.Flash, securityLevel: SecurityLevel.Confidential }),
        incomingDetail({ id: 2, subject: 'Thường', urgency: Urgency.Normal, securityLevel: SecurityLevel.Normal }),
      ]),
    );
    await settle(harness);
    const rows = (harness.routeNativeElement as HTMLElement).querySelectorAll('tbody tr');
    const visibleMarkers = (row: Element) =>
      Array.from(row.querySelectorAll('vt-urgency-chip, vt-security-chip'))
        .filter((c) => !(c as HTMLElement).hidden)
        .map((c) => c.textContent?.replace(/\s+/g, ' ').trim());
    expect(visibleMarkers(rows[0])).toEqual(['Độ khẩn: Hỏa tốc', 'Độ mật: Mật']);
    expect(visibleMarkers(rows[1])).toEqual([]);
    // The prefix is for screen readers; the eye sees the short label.
    const prefix = rows[0].querySelector('vt-urgency-chip .vt-chip__kind');
    expect(prefix?.textContent?.trim()).toBe('Độ khẩn:');
  });
});
