import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import {
  AuditChainResponse,
  CertificateBindingView,
  CreateOrganisationRequest,
  CreateUserRequest,
  CredentialView,
  HolidayDto,
  IssueCredentialRequest,
  LocalizedText,
  OrganisationDto,
  Page,
  SetPinRequest,
  TrustAnchorView,
  UpdateOrganisationRequest,
  UpdateUserRequest,
  UserDto,
} from '@vanthu/shared/contracts';
import { firstValueFrom, Observable } from 'rxjs';
import { toApiFailure } from '../errors/api-error';
import { API_BASE } from './api-base';
import { toParams } from './routing-api';

/** Organisations and users (administrators). */
@Injectable({ providedIn: 'root' })
export class AdminApi {
  private readonly http = inject(HttpClient);

  createOrganisation(request: CreateOrganisationRequest): Observable<OrganisationDto> {
    return this.http.post<OrganisationDto>(`${API_BASE}/admin/organisations`, request);
  }

  updateOrganisation(id: number, request: UpdateOrganisationRequest): Observable<OrganisationDto> {
    return this.http.patch<OrganisationDto>(`${API_BASE}/admin/organisations/${id}`, request);
  }

  users(query: { organisationId?: number; page?: number; pageSize?: number }): Observable<Page<UserDto>> {
    return this.http.get<Page<UserDto>>(`${API_BASE}/admin/users`, { params: toParams(query) });
  }

  createUser(request: CreateUserRequest): Observable<UserDto> {
    return this.http.post<UserDto>(`${API_BASE}/admin/users`, request);
  }

  updateUser(id: number, request: UpdateUserRequest): Observable<UserDto> {
    return this.http.patch<UserDto>(`${API_BASE}/admin/users/${id}`, request);
  }

  verifyAudit(): Observable<AuditChainResponse> {
    return this.http.get<AuditChainResponse>(`${API_BASE}/audit/verify`);
  }
}

/** Signing keys and certificates (administrators; leaders see their own). */
@Injectable({ providedIn: 'root' })
export class CredentialsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/signing/credentials`;

  list(): Observable<CredentialView[]> {
    return this.http.get<CredentialView[]>(this.base);
  }

  /** The keys I hold: my signature, and for a clerk the organisation's seal. */
  mine(): Observable<CredentialView[]> {
    return this.http.get<CredentialView[]>(`${this.base}/mine`);
  }

  /** A PKCS#12 with the file's password (from the CA); the owner then chooses the PIN. */
  upload(fields: { p12: File; password: string; ownerType: 'user' | 'organisation'; ownerId: number; image?: File | null }): Observable<CredentialView> {
    const form = new FormData();
    form.append('p12', fields.p12, fields.p12.name);
    form.append('password', fields.password);
    form.append('ownerType', fields.ownerType);
    form.append('ownerId', String(fields.ownerId));
    if (fields.image) form.append('image', fields.image, fields.image.name);
    return this.http.post<CredentialView>(this.base, form);
  }

  issue(request: IssueCredentialRequest): Observable<CredentialView> {
    return this.http.post<CredentialView>(`${this.base}/issue`, request);
  }

  unlock(id: number): Observable<CredentialView> {
    return this.http.post<CredentialView>(`${this.base}/${id}/unlock`, {});
  }

  /** The owner chooses (or changes, with the current one) the PIN of their key. */
  setPin(id: number, request: SetPinRequest): Observable<CredentialView> {
    return this.http.put<CredentialView>(`${this.base}/${id}/pin`, request);
  }

  setActive(id: number, active: boolean): Observable<CredentialView> {
    return this.http.patch<CredentialView>(`${this.base}/${id}`, { active });
  }
}

/** The holiday table that deadlines and reminders count working days with (administrators). */
@Injectable({ providedIn: 'root' })
export class HolidaysApi {
  private readonly http = inject(HttpClient);

  list(year: number): Observable<HolidayDto[]> {
    return this.http.get<HolidayDto[]>(`${API_BASE}/admin/holidays`, { params: toParams({ year }) });
  }

  save(holiday: HolidayDto): Observable<HolidayDto> {
    return this.http.put<HolidayDto>(`${API_BASE}/admin/holidays/${holiday.day}`, holiday);
  }

  remove(day: string): Observable<void> {
    return this.http.delete<void>(`${API_BASE}/admin/holidays/${day}`);
  }
}

/** What the PIN dialog calls to save a key's PIN: null when saved, else the refusal's message. */
export function pinSaver(api: CredentialsApi, credentialId: number): (request: SetPinRequest) => Promise<LocalizedText | null> {
  return async (request) => {
    try {
      await firstValueFrom(api.setPin(credentialId, request));
      return null;
    } catch (error) {
      return toApiFailure(error).message;
    }
  };
}

/** The trust store (CA roots and intermediates) and registered signing certificates (administrators). */
@Injectable({ providedIn: 'root' })
export class TrustApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/signing`;

  anchors(): Observable<TrustAnchorView[]> {
    return this.http.get<TrustAnchorView[]>(`${this.base}/trust-anchors`);
  }

  /** A CA certificate file (PEM or DER) as a root (`anchor`) or an `intermediate`. */
  addAnchor(fields: { certificate: File; kind: 'anchor' | 'intermediate'; name?: string }): Observable<TrustAnchorView> {
    const form = new FormData();
    form.append('certificate', fields.certificate, fields.certificate.name);
    form.append('kind', fields.kind);
    if (fields.name) form.append('name', fields.name);
    return this.http.post<TrustAnchorView>(`${this.base}/trust-anchors`, form);
  }

  disableAnchor(id: number): Observable<TrustAnchorView> {
    return this.http.post<TrustAnchorView>(`${this.base}/trust-anchors/${id}/disable`, {});
  }

  bindings(status?: CertificateBindingView['status']): Observable<CertificateBindingView[]> {
    return this.http.get<CertificateBindingView[]>(`${this.base}/certificates`, { params: toParams({ status }) });
  }

  approveBinding(id: number): Observable<CertificateBindingView> {
    return this.http.post<CertificateBindingView>(`${this.base}/certificates/${id}/approve`, {});
  }

  disableBinding(id: number): Observable<CertificateBindingView> {
    return this.http.post<CertificateBindingView>(`${this.base}/certificates/${id}/disable`, {});
  }

  /** My own certificate registrations (a leader's token certificates), newest first. */
  myCertificates(): Observable<CertificateBindingView[]> {
    return this.http.get<CertificateBindingView[]>(`${this.base}/certificates/mine`);
  }

  /** Registers my token's certificate: the file as exported (PEM or DER); the server reads both. */
  registerMyCertificate(certificate: File): Observable<CertificateBindingView> {
    const form = new FormData();
    form.append('certificate', certificate, certificate.name);
    return this.http.post<CertificateBindingView>(`${this.base}/certificates/mine`, form);
  }
}
