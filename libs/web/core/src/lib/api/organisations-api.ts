import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { OrganisationDto, UserDto } from '@vanthu/shared/contracts';
import { Observable } from 'rxjs';
import { API_BASE } from './api-base';

/** The user's organisation tree (a province's or a district's), for pickers. */
@Injectable({ providedIn: 'root' })
export class OrganisationsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<OrganisationDto[]> {
    return this.http.get<OrganisationDto[]>(`${API_BASE}/organisations`);
  }

  /** The people of one organisation (leaders to submit to, handlers to assign). */
  members(organisationId: number): Observable<UserDto[]> {
    return this.http.get<UserDto[]>(`${API_BASE}/organisations/${organisationId}/members`);
  }
}
