import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { CommentKind, CommentView, DocumentDirection } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';

import { DocumentComments } from './document-comments';
import { incomingDetail } from './testing';

const comment = (over: Partial<CommentView> = {}): CommentView => ({
  id: 1,
  documentId: 42,
  kind: CommentKind.Opinion,
  author: { id: 7, fullName: 'Trần Văn Hải', position: 'Công chức' },
  organisation: { id: 3, name: 'UBND xã Quảng Tân', abbreviation: 'UBND' },
  text: 'Đã liên hệ trưởng thôn để rà soát.',
  files: [{ id: 5, name: 'Danh sách hộ.pdf', size: 1200, contentType: 'application/pdf' }],
  createdAt: '2026-11-30T02:00:00.000Z',
  ...over,
});

describe('DocumentComments', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function render(allowedActions: string[] = []) {
    const fixture = TestBed.createComponent(DocumentComments);
    fixture.componentRef.setInput('document', incomingDetail({ id: 42, direction: DocumentDirection.Incoming, allowedActions }));
    await fixture.whenStable();
    return fixture;
  }

  it('shows the thread with its attachments and sends a new comment', async () => {
    const fixture = await render();
    http.expectOne('/api/records/documents/42/comments').flush([comment()]);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.textContent).toContain('Đã liên hệ trưởng thôn để rà soát.');
    expect(root.querySelector('a[href="/api/records/documents/42/comments/1/files/5"]')?.textContent).toContain('Danh sách hộ.pdf');
    // Only the lead handler records a result.
    expect(root.querySelector('[data-testid=result-send]')).toBeNull();

    const textarea = root.querySelector('[data-testid=comment-text]') as HTMLTextAreaElement;
    textarea.value = 'Đề nghị bổ sung danh sách thôn 3.';
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (root.querySelector('[data-testid=comment-send]') as HTMLButtonElement).click();
    const sent = http.expectOne('/api/records/documents/42/comments');
    expect(sent.request.method).toBe('POST');
    expect((sent.request.body as FormData).get('text')).toBe('Đề nghị bổ sung danh sách thôn 3.');
    sent.flush(comment({ id: 2, text: 'Đề nghị bổ sung danh sách thôn 3.', files: [] }));
    await settle(fixture);
    expect(root.querySelectorAll('.comments__item').length).toBe(2);
    expect(textarea.value).toBe('');
  });

  it('lets the lead handler record the result', async () => {
    const fixture = await render(['progress', 'complete']);
    http.expectOne('/api/records/documents/42/comments').flush([]);
    await settle(fixture);
    const root = fixture.nativeElement as HTMLElement;
    expect(root.textContent).toContain('Chưa có ý kiến nào.');
    const textarea = root.querySelector('[data-testid=comment-text]') as HTMLTextAreaElement;
    textarea.value = 'Đã rà soát xong.';
    textarea.dispatchEvent(new Event('input'));
    await fixture.whenStable();
    (root.querySelector('[data-testid=result-send]') as HTMLButtonElement).click();
    http.expectOne((r) => r.method === 'POST' && r.url === '/api/records/documents/42/result').flush(comment({ id: 3, kind: CommentKind.Result, text: 'Đã rà soát xong.', files: [] }));
    await settle(fixture);
    expect(root.querySelector('.comments__result')?.textContent).toContain('Kết quả xử lý');
  });
});
