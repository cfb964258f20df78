import { HttpClient, HttpEvent, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AssignRequest,
  CompleteExternalSignatureRequest,
  CreateDraftRequest,
  DispatchReport,
  DispatchRequest,
  DocumentDetail,
  DocumentFileView,
  DocumentListQuery,
  DocumentSummary,
  FileRole,
  IncomingReport,
  IssuePreview,
  PluginTicketResponse,
  IssueRequest,
  MonthlyReport,
  Page,
  PrepareExternalSignatureRequest,
  PrepareExternalSignatureResponse,
  ProgressRequest,
  RecallDecisionRequest,
  RecallRequest,
  RegisterIncomingRequest,
  ReturnToSenderRequest,
  ReviewDecisionRequest,
  SignBatchRequest,
  SignBatchResponse,
  SigningPreview,
  SignRequest,
  SubmitForReviewRequest,
  SubmitToLeaderRequest,
  UpdateDraftRequest,
  VerificationView,
  WorkCounts,
} from '@vanthu/shared/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-base';

/** Query parameters from an object, leaving out empty values (the API treats absent as "any"). */
export function toParams(query: object): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params = params.set(key, String(value));
  }
  return params;
}

/** Documents of either direction: lists, work queues, detail, files and their verification. */
@Injectable({ providedIn: 'root' })
export class DocumentsApi {
  private readonly http = inject(HttpClient);

  list(query: DocumentListQuery): Observable<Page<DocumentSummary>> {
    return this.http.get<Page<DocumentSummary>>(`${API_BASE}/documents`, { params: toParams(query) });
  }

  counts(): Observable<WorkCounts> {
    return this.http.get<WorkCounts>(`${API_BASE}/documents/counts`);
  }

  get(id: number): Observable<DocumentDetail> {
    return this.http.get<DocumentDetail>(`${API_BASE}/documents/${id}`);
  }

  /**
   * Tells the API the user has opened an incoming copy, so that its sender sees it "opened". An
   * explicit write: reading a document (`get`) never changes anything.
   */
  markOpened(id: number): Observable<void> {
    return this.http.post<void>(`${API_BASE}/documents/${id}/opened`, {});
  }

  /** Where the embedded viewer (pdf.js) reads a file's bytes; same-origin, so the cookie goes along. */
  fileUrl(documentId: number, fileId: number): string {
    return `${API_BASE}/documents/${documentId}/files/${fileId}/content`;
  }

  /** The same bytes as a download (`Content-Disposition: attachment`), never shown by the browser itself. */
  downloadUrl(documentId: number, fileId: number): string {
    return `${this.fileUrl(documentId, fileId)}?download=1`;
  }

  fileContent(documentId: number, fileId: number): Observable<ArrayBuffer> {
    return this.http.get(this.fileUrl(documentId, fileId), { responseType: 'arraybuffer' });
  }

  verification(documentId: number, fileId: number): Observable<VerificationView> {
    return this.http.get<VerificationView>(`${API_BASE}/documents/${documentId}/files/${fileId}/verification`);
  }
}

function uploadForm(file: File, fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.append(key, value);
  form.append('file', file, file.name);
  return form;
}

/** Văn bản đi: drafts, review, signing, issuing and dispatch. */
@Injectable({ providedIn: 'root' })
export class OutgoingApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/outgoing`;

  createDraft(request: CreateDraftRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(this.base, request);
  }

  updateDraft(id: number, request: UpdateDraftRequest): Observable<DocumentDetail> {
    return this.http.patch<DocumentDetail>(`${this.base}/${id}`, request);
  }

  /** Emits upload progress events, then the response with the stored file. */
  uploadFile(id: number, file: File, role: FileRole): Observable<HttpEvent<DocumentFileView>> {
    return this.http.post<DocumentFileView>(`${this.base}/${id}/files`, uploadForm(file, { role }), {
      reportProgress: true,
      observe: 'events',
    });
  }

  /** Lays the main file out per Decree 30 from the draft's form and these body paragraphs. */
  generateMainFile(id: number, body: string[]): Observable<DocumentFileView> {
    return this.http.post<DocumentFileView>(`${this.base}/${id}/files/generate`, { body });
  }

  deleteFile(id: number, fileId: number): Observable<void> {
    return this.http.delete<void>(`${this.base}/${id}/files/${fileId}`);
  }

  submitForReview(id: number, request: SubmitForReviewRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/submit`, request);
  }

  review(id: number, request: ReviewDecisionRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/review`, request);
  }

  signingPreview(id: number): Observable<SigningPreview> {
    return this.http.get<SigningPreview>(`${this.base}/${id}/sign/preview`);
  }

  sign(id: number, request: SignRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/sign`, request);
  }

  /** Several documents with one PIN; each is signed or refused on its own. */
  signBatch(request: SignBatchRequest): Observable<SignBatchResponse> {
    return this.http.post<SignBatchResponse>(`${this.base}/sign-batch`, request);
  }

  prepareExternalSignature(id: number, request: PrepareExternalSignatureRequest): Observable<PrepareExternalSignatureResponse> {
    return this.http.post<PrepareExternalSignatureResponse>(`${this.base}/${id}/sign/prepare`, request);
  }

  /** A single-use ticket and the URLs the VGCA Sign Service (the local plugin) fetches and uploads with. */
  pluginTicket(id: number): Observable<PluginTicketResponse> {
    return this.http.post<PluginTicketResponse>(`${this.base}/${id}/sign/plugin-ticket`, {});
  }

  completeExternalSignature(id: number, request: CompleteExternalSignatureRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/sign/complete`, request);
  }

  issuePreview(id: number): Observable<IssuePreview> {
    return this.http.get<IssuePreview>(`${this.base}/${id}/issue-preview`);
  }

  issue(id: number, request: IssueRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/issue`, request);
  }

  dispatch(id: number, request: DispatchRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/dispatch`, request);
  }

  /** Thu hồi, cập nhật, thay thế: the clerk asks, the signing leader's takes effect at once. */
  recall(id: number, request: RecallRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/recall`, request);
  }

  /** Nhắc mở: reminds a recipient that has not opened its copy (once per copy per hour). */
  remind(id: number, recipientId: number): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/deliveries/${recipientId}/remind`, {});
  }

  decideRecall(id: number, request: RecallDecisionRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/recall/decision`, request);
  }
}

/** Văn bản đến: registering, submitting to a leader, assigning, handling. */
@Injectable({ providedIn: 'root' })
export class IncomingApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/incoming`;

  registerPaper(request: RegisterIncomingRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(this.base, request);
  }

  uploadFile(id: number, file: File): Observable<HttpEvent<DocumentFileView>> {
    return this.http.post<DocumentFileView>(`${this.base}/${id}/files`, uploadForm(file, {}), {
      reportProgress: true,
      observe: 'events',
    });
  }

  /** Số đến for an electronically received copy; `acceptDuplicate` after the duplicate warning. */
  register(id: number, acceptDuplicate = false): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/register`, acceptDuplicate ? { acceptDuplicate } : {});
  }

  submit(id: number, request: SubmitToLeaderRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/submit`, request);
  }

  assign(id: number, request: AssignRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/assign`, request);
  }

  progress(id: number, request: ProgressRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/progress`, request);
  }

  complete(id: number, request: ProgressRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/complete`, request);
  }

  returnToSender(id: number, request: ReturnToSenderRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/return`, request);
  }

  acknowledgeRecall(id: number): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/${id}/recall/acknowledge`, {});
  }
}

/** Timeliness reports for the period and the year. */
@Injectable({ providedIn: 'root' })
export class ReportsApi {
  private readonly http = inject(HttpClient);

  incoming(from: string, to: string): Observable<IncomingReport> {
    return this.http.get<IncomingReport>(`${API_BASE}/reports/incoming`, { params: toParams({ from, to }) });
  }

  dispatched(from: string, to: string): Observable<DispatchReport> {
    return this.http.get<DispatchReport>(`${API_BASE}/reports/dispatched`, { params: toParams({ from, to }) });
  }

  monthly(year: number): Observable<MonthlyReport> {
    return this.http.get<MonthlyReport>(`${API_BASE}/reports/monthly`, { params: toParams({ year }) });
  }
}
