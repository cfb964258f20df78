import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { AssignmentRole, DeadlineStatus, DeliveryStatus, DocumentDirection, DocumentStatus, ErrorCode, FileRole, RecallKind, SecurityLevel } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { DocumentDetailPage, doneMessage } from './document-detail.page';
import { incomingDetail, NOT_FOUND } from './testing';

describe('DocumentDetailPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  const root = () => harness.routeNativeElement as HTMLElement;
  const actionLabels = () =>
    Array.from(root().querySelectorAll('[data-testid=actions] button, [data-testid=actions] a')).map((b) => b.textContent?.trim());

  async function open(id: number): Promise<void> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(`/incoming/${id}`);
  }

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await harness.fixture.whenStable();
  }

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: 'incoming/:id', component: DocumentDetailPage }], withComponentInputBinding()),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('offers exactly the actions the API allows', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(incomingDetail({ allowedActions: ['register', 'return'] }));
    await settle();
    expect(actionLabels()).toEqual(['Vào sổ văn bản đến', 'Trả lại nơi gửi']);
    expect(root().querySelector('h1')?.textContent).toContain('27/KH-UBND');
    expect(root().textContent).toContain('Khẩn');
  });

  const overlay = (selector: string) => document.querySelector(selector) as HTMLElement | null;

  it('shows the signer, the place of promulgation and the reply deadline of a document from another system', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(
      incomingDetail({
        replyBy: '2026-03-20',
        origin: { signerCompetence: 'KT. CHỦ TỊCH', signerPosition: 'Phó Chủ tịch', signerName: 'Nguyễn Thị Hạnh', promulgationPlace: 'Lâm Đồng' },
      }),
    );
    await settle();
    expect(root().querySelector('[data-testid=promulgation-place]')?.textContent).toBe('Lâm Đồng');
    expect(root().querySelector('[data-testid=origin-signer]')?.textContent).toBe('KT. CHỦ TỊCH\nPhó Chủ tịch\nNguyễn Thị Hạnh');
    expect(root().querySelector('[data-testid=reply-by]')?.textContent).toContain('20/03/2026');
  });

  async function openRegisterDialog(): Promise<void> {
    await open(42);
    http
      .expectOne('/api/documents/42')
      .flush(incomingDetail({ allowedActions: ['register'], symbol: null, number: null, originalSymbol: '27/KH-UBND', originalDate: '2026-03-04' }));
    await settle();
    (root().querySelector('[data-testid=actions] button') as HTMLButtonElement).click();
    await settle();
  }

  it('registers through a dialog that shows what will be registered, then announces the arrival number', async () => {
    await openRegisterDialog();
    // Nothing is sent before the clerk confirms.
    http.expectNone({ method: 'POST', url: '/api/incoming/42/register' });
    expect(overlay('[data-testid=register-sender]')?.textContent).toBe('UBND huyện Tuy Đức');
    expect(overlay('[data-testid=register-symbol]')?.textContent).toBe('27/KH-UBND');
    expect(overlay('[data-testid=register-date]')?.textContent).toBe('04/03/2026');
    expect(overlay('[data-testid=register-subject]')?.textContent).toBe('Triển khai chuyển đổi số năm 2027');
    overlay('[data-testid=register-confirm]')?.click();
    const request = http.expectOne({ method: 'POST', url: '/api/incoming/42/register' });
    expect(request.request.body).toEqual({});
    request.flush(incomingDetail({ status: DocumentStatus.Registered, arrivalNumber: 5, allowedActions: ['submit-to-leader'] }));
    http.match('/api/documents/counts').forEach((r) => r.flush({}));
    await settle();
    expect(overlay('[data-testid=register-confirm]')).toBeNull();
    expect(root().querySelector('[data-testid=arrival-number]')?.textContent).toBe('05');
    expect(root().querySelector('[data-testid=registered-announce]')?.textContent?.trim()).toBe('Đã vào sổ văn bản đến số 05.');
    expect(actionLabels()).toEqual(['Trình lãnh đạo']);
    // The confirmation says what was done and the number given, not a bare "done".
    expect(document.querySelector('.mat-mdc-snack-bar-label')?.textContent?.trim()).toMatch(/^Đã vào sổ văn bản đến số 05\.\s+Đóng$/);
  });

  it('shows the duplicate warning in the dialog and lets the clerk register anyway', async () => {
    await openRegisterDialog();
    overlay('[data-testid=register-confirm]')?.click();
    http.expectOne({ method: 'POST', url: '/api/incoming/42/register' }).flush(
      {
        statusCode: 409,
        code: ErrorCode.IncomingDuplicate,
        message: { vi: 'Văn bản 27/KH-UBND của UBND huyện Tuy Đức đã được vào sổ (số đến 03).', en: 'Already registered.' },
      },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(overlay('[data-testid=register-error]')?.textContent).toContain('đã được vào sổ (số đến 03)');
    expect(overlay('[data-testid=register-confirm]')).toBeNull();
    overlay('[data-testid=register-duplicate]')?.click();
    const again = http.expectOne({ method: 'POST', url: '/api/incoming/42/register' });
    expect(again.request.body).toEqual({ acceptDuplicate: true });
    again.flush(incomingDetail({ status: DocumentStatus.Registered, arrivalNumber: 6, allowedActions: [] }));
    http.match('/api/documents/counts').forEach((r) => r.flush({}));
    await settle();
    expect(root().querySelector('[data-testid=registered-announce]')?.textContent).toContain('số 06');
  });

  it('shows the sender’s recall of a copy and acknowledges it', async () => {
    const recall = { kind: RecallKind.Replace, reason: 'Đổi ngày họp', at: '2026-03-05T03:00:00.000Z', replacedBy: 77, acknowledgedAt: null, acknowledgedBy: null };
    await open(42);
    http.expectOne('/api/documents/42').flush(incomingDetail({ status: DocumentStatus.Withdrawn, recall, allowedActions: ['acknowledge-recall'] }));
    await settle();
    const alert = root().querySelector('[data-testid=copy-recall]');
    expect(alert?.textContent).toContain('Nơi gửi đã thay thế văn bản này. Lý do: Đổi ngày họp');
    expect(alert?.textContent).toContain('Chưa xác nhận');
    expect(root().querySelector('[data-testid=recall-new-document]')?.getAttribute('href')).toBe('/documents/77');
    expect(actionLabels()).toEqual(['Xác nhận đã biết']);
    (root().querySelector('[data-testid=recall-acknowledge]') as HTMLButtonElement).click();
    http
      .expectOne({ method: 'POST', url: '/api/incoming/42/recall/acknowledge' })
      .flush(incomingDetail({ status: DocumentStatus.Withdrawn, recall: { ...recall, acknowledgedAt: '2026-03-05T04:00:00.000Z' }, allowedActions: [] }));
    http.match('/api/documents/counts').forEach((request) => request.flush({}));
    await settle();
    expect(actionLabels()).toEqual([]);
    expect(root().querySelector('[data-testid=copy-recall]')?.textContent).toContain('Đã xác nhận');
  });

  it('says how a completed handling finished instead of the days left', async () => {
    const person = (id: number, fullName: string) => ({ id, fullName, position: 'Chuyên viên' });
    const assignment = {
      assignedBy: person(1, 'Nguyễn Văn Hùng'),
      assignedAt: '2026-03-02T02:00:00.000Z',
      deadline: '2099-03-12',
      instructions: 'Phòng Nội vụ chủ trì.',
      assignees: [
        { role: AssignmentRole.Lead, organisation: null, user: person(7, 'Trần Thị Lan'), status: 'completed' as const, completedAt: '2026-03-05T03:00:00.000Z', timeliness: DeadlineStatus.Early },
      ],
    };
    await open(42);
    http.expectOne('/api/documents/42').flush(incomingDetail({ status: DocumentStatus.Completed, deadline: '2099-03-12', assignment }));
    await settle();
    const badge = root().querySelector('[data-testid=assignment-deadline]') as HTMLElement;
    expect(badge.dataset['status']).toBe('early');
    expect(badge.textContent).not.toMatch(/còn \d+ ngày/);
  });

  it('names each assignee with their position, and a unit by its name', async () => {
    const assignment = {
      assignedBy: { id: 1, fullName: 'Nguyễn Văn Hùng', position: 'Chủ tịch UBND xã' },
      assignedAt: '2026-03-02T02:00:00.000Z',
      deadline: '2099-03-12',
      instructions: null,
      assignees: [
        { role: AssignmentRole.Lead, organisation: null, user: { id: 7, fullName: 'Trần Thị Lan', position: 'Công chức' }, status: 'assigned' as const, completedAt: null, timeliness: null },
        { role: AssignmentRole.Coordinate, organisation: { id: 12, name: 'Phòng Nội vụ', abbreviation: 'PNV' }, user: null, status: 'assigned' as const, completedAt: null, timeliness: null },
      ],
    };
    await open(42);
    http.expectOne('/api/documents/42').flush(incomingDetail({ status: DocumentStatus.InProgress, assignment }));
    await settle();
    const names = Array.from(root().querySelectorAll('[data-testid=assignee-name]')).map((e) => e.textContent?.trim());
    expect(names).toEqual(['Trần Thị Lan — Công chức', 'Phòng Nội vụ']);
  });

  it("shows the API's refusal of registering in words and keeps the page", async () => {
    await openRegisterDialog();
    overlay('[data-testid=register-confirm]')?.click();
    http.expectOne('/api/incoming/42/register').flush(
      { statusCode: 409, code: ErrorCode.Conflict, message: { vi: 'Văn bản đã được vào sổ.', en: 'Already registered.' } },
      { status: 409, statusText: 'Conflict' },
    );
    await settle();
    expect(overlay('[data-testid=register-error]')?.textContent).toContain('Văn bản đã được vào sổ.');
    // Not a duplicate: no "register anyway".
    expect(overlay('[data-testid=register-duplicate]')).toBeNull();
    expect(root().querySelector('[data-testid=registered-announce]')).toBeNull();
    expect(actionLabels()).toEqual(['Vào sổ văn bản đến']);
  });

  it('says an incoming copy was opened with an explicit POST, once', async () => {
    await open(42);
    http.expectOne({ method: 'GET', url: '/api/documents/42' }).flush(incomingDetail({ allowedActions: ['register'] }));
    await settle();
    const opened = http.expectOne({ method: 'POST', url: '/api/documents/42/opened' });
    expect(opened.request.body).toEqual({});
    opened.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    // Registering reloads the document quietly: no second "opened".
    (root().querySelector('[data-testid=actions] button') as HTMLButtonElement).click();
    await settle();
    overlay('[data-testid=register-confirm]')?.click();
    http.expectOne('/api/incoming/42/register').flush(incomingDetail({ status: DocumentStatus.Registered, arrivalNumber: 5 }));
    http.match('/api/documents/counts').forEach((request) => request.flush({}));
    await settle();
    http.expectNone('/api/documents/42/opened');
  });

  it('never says an outgoing document was opened', async () => {
    await open(43);
    http.expectOne('/api/documents/43').flush(incomingDetail({ id: 43, direction: DocumentDirection.Outgoing, status: DocumentStatus.Issued }));
    await settle();
    http.expectNone('/api/documents/43/opened');
  });

  it('offers the file for download as an attachment, beside the embedded viewer', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(
      incomingDetail({ files: [{ id: 7, role: FileRole.Main, name: 'Kế hoạch.pdf', size: 1000, sha256: 'ab'.repeat(32), version: 1, uploadedAt: '2026-03-05T03:00:00.000Z', signatureCount: 0 }] }),
    );
    await settle();
    const link = root().querySelector('a[download]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('/api/documents/42/files/7/content?download=1');
  });

  it('says "not found" for a document of another organisation', async () => {
    await open(7);
    http.expectOne('/api/documents/7').flush(NOT_FOUND, { status: 404, statusText: 'Not Found' });
    await settle();
    expect(root().querySelector('[data-testid=not-found]')?.textContent).toContain('Không tìm thấy văn bản hoặc bạn không có quyền xem');
  });

  it('keeps a classified document on paper: no viewer, a clear note', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(incomingDetail({ securityLevel: SecurityLevel.Confidential }));
    await settle();
    expect(root().querySelector('[data-testid=paper-only]')?.textContent).toContain('nội dung chỉ lưu trên giấy');
    expect(root().querySelector('vt-pdf-viewer')).toBeNull();
  });

  it('tells the history in words, keeping an action it does not know as sent', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(
      incomingDetail({
        history: [
          { at: '2026-03-05T02:30:00.000Z', actor: null, organisation: 'UBND xã Quảng Tân', action: 'document.received', comment: null },
          { at: '2026-03-05T02:41:00.000Z', actor: { id: 1, fullName: 'Phạm Thị Xuân', position: 'Văn thư' }, organisation: null, action: 'document.registered', comment: null },
          { at: '2026-03-05T03:00:00.000Z', actor: null, organisation: null, action: 'document.archived', comment: 'Lưu hồ sơ' },
        ],
      }),
    );
    await settle();
    const entries = Array.from(root().querySelectorAll('.detail__history li')).map((li) => li.textContent?.replace(/\s+/g, ' ').trim());
    // The arrival is credited to the organisation that received it.
    expect(entries[0]).toBe('05/03/2026 09:30 UBND xã Quảng Tân nhận văn bản đến');
    expect(entries[1]).toBe('05/03/2026 09:41 Phạm Thị Xuân vào sổ văn bản đến');
    expect(entries[2]).toContain('document.archived');
    expect(entries[2]).toContain('Lưu hồ sơ');
  });

  it("shows the sender each recipient's delivery state", async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(
      incomingDetail({
        direction: DocumentDirection.Outgoing,
        status: DocumentStatus.Dispatched,
        deliveries: [
          { recipient: { id: 9, name: 'UBND xã Quảng Tân', abbreviation: 'UBND' }, status: DeliveryStatus.Opened, statusAt: '2026-03-05T03:00:00.000Z', incomingDocumentId: 50, arrivalNumber: 3, returnReason: null, recall: null, arrivedAt: '2026-03-05T02:00:00.000Z', openedAt: null, registeredAt: null, assignedAt: null, completedAt: null, remindedAt: null },
          { recipient: { id: 10, name: 'UBND xã Đắk Ngo', abbreviation: 'UBND' }, status: DeliveryStatus.Returned, statusAt: '2026-03-05T04:00:00.000Z', incomingDocumentId: 51, arrivalNumber: null, returnReason: 'Gửi nhầm nơi', recall: null, arrivedAt: '2026-03-05T02:00:00.000Z', openedAt: null, registeredAt: null, assignedAt: null, completedAt: null, remindedAt: null },
        ],
      }),
    );
    await settle();
    const rows = Array.from(root().querySelectorAll('[data-testid=deliveries] tbody tr')).map((row) => row.textContent);
    expect(rows[0]).toContain('Đã mở');
    expect(rows[1]).toContain('Bị trả lại');
    expect(rows[1]).toContain('Gửi nhầm nơi');
    expect(root().textContent).toContain('2/2 nơi nhận đã mở');
  });

  it('shows the external recipients beside the internal ones, with the last status each reported', async () => {
    await open(42);
    http.expectOne('/api/documents/42').flush(
      incomingDetail({
        direction: DocumentDirection.Outgoing,
        status: DocumentStatus.Dispatched,
        externalDeliveries: [
          { recipient: { id: 1, identifierCode: '000.00.00.H41', name: 'UBND tỉnh Lâm Đồng' }, state: 'exported', statusCode: '04', statusAt: '2026-03-06T01:00:00.000Z', description: null, dispatchedAt: '2026-03-05T03:00:00.000Z' },
          { recipient: { id: 2, identifierCode: '000.01.31.H41', name: 'Sở Nội vụ tỉnh Lâm Đồng' }, state: 'exported', statusCode: '02', statusAt: '2026-03-06T02:00:00.000Z', description: 'Sai nơi nhận', dispatchedAt: '2026-03-05T03:00:00.000Z' },
          { recipient: { id: 3, identifierCode: '000.02.31.H41', name: 'Sở Tư pháp tỉnh Lâm Đồng' }, state: 'queued', statusCode: null, statusAt: null, description: null, dispatchedAt: '2026-03-05T03:00:00.000Z' },
          { recipient: { id: 4, identifierCode: '000.03.31.H41', name: 'Sở Tài chính tỉnh Lâm Đồng' }, state: 'revoked', statusCode: '03', statusAt: '2026-03-06T02:00:00.000Z', description: null, dispatchedAt: '2026-03-05T03:00:00.000Z' },
        ],
      }),
    );
    await settle();
    const rows = Array.from(root().querySelectorAll('[data-testid=external-deliveries] tbody tr')).map((row) => row.textContent ?? '');
    expect(rows[0]).toContain('000.00.00.H41');
    expect(rows[0]).toContain('04 · Đã phân công');
    expect(rows[1]).toContain('02 · Từ chối tiếp nhận');
    expect(rows[1]).toContain('Sai nơi nhận');
    expect(rows[2]).toContain('Chờ tạo gói tin');
    // Recalled after it reported 03: the recall comes first, the last status after it.
    expect(rows[3]).toMatch(/Đã thu hồi\s*·\s*03 · /);
  });
});

describe('doneMessage', () => {
  const outgoing = (status: DocumentStatus) => incomingDetail({ direction: DocumentDirection.Outgoing, status, deliveries: [], recall: null, recallRequest: null });

  it('says a draft was sent for review when it enters review, and that it went on to the next reviewer after an approval', () => {
    expect(doneMessage(outgoing(DocumentStatus.Draft), outgoing(DocumentStatus.InReview))).toEqual(['done.in-review']);
    expect(doneMessage(outgoing(DocumentStatus.Returned), outgoing(DocumentStatus.InReview))).toEqual(['done.in-review']);
    expect(doneMessage(outgoing(DocumentStatus.InReview), outgoing(DocumentStatus.InReview))).toEqual(['done.approved-next']);
    expect(doneMessage(outgoing(DocumentStatus.InReview), outgoing(DocumentStatus.AwaitingSignature))).toEqual(['done.awaiting-signature']);
  });
});
