import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  CsvImportResult,
  DocumentDetail,
  ExchangePacketView,
  ExternalOrganisationDto,
  ExternalOrganisationRequest,
  Page,
  TakeBackAnswerRequest,
} from '@vanthu/shared/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-base';
import { toParams } from './routing-api';

/** Exchange with other e-office systems (edXML): the clerk's inbox and outbox, actions, the external directory. */
@Injectable({ providedIn: 'root' })
export class ExchangeApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/exchange`;

  packets(box: 'inbox' | 'outbox', query: { page?: number; pageSize?: number } = {}): Observable<Page<ExchangePacketView>> {
    return this.http.get<Page<ExchangePacketView>>(`${this.base}/${box}`, { params: toParams(query) });
  }

  /** Where the browser downloads a packet's XML. */
  packetUrl(id: number): string {
    return `${this.base}/packets/${id}/content`;
  }

  organisations(query: { q?: string; includeInactive?: boolean } = {}): Observable<ExternalOrganisationDto[]> {
    return this.http.get<ExternalOrganisationDto[]>(`${this.base}/organisations`, { params: toParams(query) });
  }

  refuse(documentId: number, reason: string): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/incoming/${documentId}/refuse`, { reason });
  }

  answerTakeBack(documentId: number, request: TakeBackAnswerRequest): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/incoming/${documentId}/take-back`, request);
  }

  revoke(documentId: number, reason: string): Observable<DocumentDetail> {
    return this.http.post<DocumentDetail>(`${this.base}/outgoing/${documentId}/revoke`, { reason });
  }

  createExternal(request: ExternalOrganisationRequest): Observable<ExternalOrganisationDto> {
    return this.http.post<ExternalOrganisationDto>(`${API_BASE}/admin/external-organisations`, request);
  }

  updateExternal(id: number, request: Partial<ExternalOrganisationRequest> & { active?: boolean }): Observable<ExternalOrganisationDto> {
    return this.http.patch<ExternalOrganisationDto>(`${API_BASE}/admin/external-organisations/${id}`, request);
  }

  importExternal(csv: string): Observable<CsvImportResult> {
    return this.http.post<CsvImportResult>(`${API_BASE}/admin/external-organisations/import`, csv, { headers: { 'content-type': 'text/csv' } });
  }
}
