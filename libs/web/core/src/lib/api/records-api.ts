import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CommentView, FileAccessView, Page, RecipientResultView, RecordFileDetail, RecordFileView, RegisterView, SaveRecordFileRequest } from '@vanthu/shared/contracts';
import { Observable } from 'rxjs';

import { API_BASE } from './api-base';
import { toParams } from './routing-api';

/** Register books, handling slips, comments and results (/api/records). */
@Injectable({ providedIn: 'root' })
export class RecordsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/records`;

  registers(year?: number): Observable<RegisterView[]> {
    return this.http.get<RegisterView[]>(`${this.base}/registers`, { params: toParams({ year }) });
  }

  /** Where the register book downloads from (an attachment; same origin, so the cookie goes along). */
  bookUrl(registerId: number, format: 'pdf' | 'xlsx', period: { from?: string; to?: string } = {}): string {
    const query = toParams(period).toString();
    return `${this.base}/registers/${registerId}/book.${format}${query ? `?${query}` : ''}`;
  }

  handlingSlipUrl(documentId: number): string {
    return `${this.base}/incoming/${documentId}/handling-slip.pdf`;
  }

  comments(documentId: number): Observable<CommentView[]> {
    return this.http.get<CommentView[]>(`${this.base}/documents/${documentId}/comments`);
  }

  addComment(documentId: number, text: string, files: readonly File[]): Observable<CommentView> {
    const form = new FormData();
    form.append('text', text);
    for (const file of files) form.append('files', file, file.name);
    return this.http.post<CommentView>(`${this.base}/documents/${documentId}/comments`, form);
  }

  recordResult(documentId: number, text: string, file: File | null): Observable<CommentView> {
    const form = new FormData();
    form.append('text', text);
    if (file) form.append('file', file, file.name);
    return this.http.post<CommentView>(`${this.base}/documents/${documentId}/result`, form);
  }

  results(documentId: number): Observable<RecipientResultView[]> {
    return this.http.get<RecipientResultView[]>(`${this.base}/documents/${documentId}/results`);
  }

  commentFileUrl(documentId: number, commentId: number, fileId: number): string {
    return `${this.base}/documents/${documentId}/comments/${commentId}/files/${fileId}`;
  }

  /** The organisation's file list (danh mục hồ sơ) of a year. */
  files(year: number): Observable<RecordFileView[]> {
    return this.http.get<RecordFileView[]>(`${this.base}/files`, { params: toParams({ year }) });
  }

  file(id: number): Observable<RecordFileDetail> {
    return this.http.get<RecordFileDetail>(`${this.base}/files/${id}`);
  }

  createFile(request: SaveRecordFileRequest): Observable<RecordFileView> {
    return this.http.post<RecordFileView>(`${this.base}/files`, request);
  }

  addToFile(id: number, documentId: number): Observable<RecordFileDetail> {
    return this.http.post<RecordFileDetail>(`${this.base}/files/${id}/documents`, { documentId });
  }

  removeFromFile(id: number, documentId: number): Observable<RecordFileDetail> {
    return this.http.delete<RecordFileDetail>(`${this.base}/files/${id}/documents/${documentId}`);
  }

  closeFile(id: number): Observable<RecordFileDetail> {
    return this.http.post<RecordFileDetail>(`${this.base}/files/${id}/close`, {});
  }

  /** Where a closed file's archive export downloads from. */
  fileExportUrl(id: number, format: 'pdf' | 'xml'): string {
    return `${this.base}/files/${id}/export.${format}`;
  }

  /** Nhật ký truy cập: administrators (their tree) and leaders (their organisation). */
  accessLog(query: { documentId?: number; page?: number; pageSize?: number }): Observable<Page<FileAccessView>> {
    return this.http.get<Page<FileAccessView>>(`${this.base}/access-log`, { params: toParams(query) });
  }

  /** The copy of a document's file with the reader's name and the time on every page: the print view, or a copy to save. */
  copyUrl(documentId: number, fileId: number, purpose: 'print' | 'save'): string {
    return `${this.base}/documents/${documentId}/files/${fileId}/copy.pdf${purpose === 'save' ? '?print=0' : ''}`;
  }
}
