import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { DocumentDirection } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { DocumentLinkPage } from './document-link.page';
import { incomingDetail, NOT_FOUND } from './testing';

@Component({ template: 'detail' })
class DetailStub {}

describe('DocumentLinkPage (/documents/:id, the address e-mails link to)', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(
          [
            { path: 'documents/:id', component: DocumentLinkPage },
            { path: 'incoming/:id', component: DetailStub },
            { path: 'outgoing/:id', component: DetailStub },
          ],
          withComponentInputBinding(),
        ),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function settle(harness: RouterTestingHarness): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  it.each([
    [DocumentDirection.Incoming, '/incoming/42'],
    [DocumentDirection.Outgoing, '/outgoing/42'],
  ])('opens a %s document on its own detail page', async (direction, url) => {
    const harness = await RouterTestingHarness.create('/documents/42');
    http.expectOne('/api/documents/42').flush(incomingDetail({ direction }));
    await settle(harness);
    expect(TestBed.inject(Router).url).toBe(url);
  });

  it('says "not found" for a document the user may not see', async () => {
    const harness = await RouterTestingHarness.create('/documents/99');
    http.expectOne('/api/documents/99').flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await settle(harness);
    expect(TestBed.inject(Router).url).toBe('/documents/99');
    expect((harness.routeNativeElement as HTMLElement).textContent).toContain('Không tìm thấy văn bản');
  });
});
