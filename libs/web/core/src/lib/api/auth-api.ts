import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { ChangePasswordRequest, LoginRequest, SessionResponse } from '@vanthu/shared/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-base';

/** The /api/auth endpoints. Cookies carry the session; nothing here stores a token. */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  login(request: LoginRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>(`${API_BASE}/auth/login`, request);
  }

  me(): Observable<SessionResponse> {
    return this.http.get<SessionResponse>(`${API_BASE}/auth/me`);
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${API_BASE}/auth/logout`, null);
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${API_BASE}/auth/password`, request);
  }
}
