import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { NotificationItem, NotificationKind } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { NotificationsPage } from './notifications.page';

const item: NotificationItem = {
  id: 7,
  kind: NotificationKind.DocumentAssigned,
  documentId: 42,
  title: { vi: 'Được giao xử lý văn bản', en: 'Document assigned to you' },
  body: { vi: '01/KH-UBND — hạn 01/12/2026', en: '01/KH-UBND — due 01/12/2026' },
  link: '/documents/42',
  createdAt: '2026-03-05T02:41:00.000Z',
  readAt: null,
};

describe('NotificationsPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([
          { path: 'notifications', component: NotificationsPage },
          { path: 'documents/:id', children: [] },
        ]),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('lists the notifications in Vietnamese and opens the document, marking it read', async () => {
    const harness = await RouterTestingHarness.create('/notifications');
    http.expectOne('/api/notifications?limit=20').flush({ items: [item], unreadCount: 1, nextBefore: null });
    await new Promise((resolve) => setTimeout(resolve));
    http.expectOne('/api/notifications/settings').flush({ emailConfigured: false, emailAddress: null, kinds: [] });
    await harness.fixture.whenStable();
    const row = (harness.routeNativeElement as HTMLElement).querySelector('[data-testid=notification-row]') as HTMLElement;
    expect(row.textContent).toContain('Được giao xử lý văn bản');
    expect(row.textContent).toContain('05/03/2026 09:41');

    (row.querySelector('button') as HTMLButtonElement).click();
    http.expectOne({ method: 'POST', url: '/api/notifications/7/read' }).flush({ unreadCount: 0 });
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/documents/42');
  });
});
