import { HttpErrorResponse } from '@angular/common/http';
import { computed, inject, Injectable, signal } from '@angular/core';
import {
  ChangePasswordRequest,
  LoginRequest,
  Permission,
  permissionsOf,
  SessionUser,
} from '@vanthu/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthApi } from '../api/auth-api';

/**
 * Who is logged in, as signals. The session itself is the API's httpOnly cookie: this
 * store only mirrors GET /api/auth/me and is refilled from it on every start.
 */
@Injectable({ providedIn: 'root' })
export class SessionStore {
  private readonly authApi = inject(AuthApi);
  private readonly current = signal<SessionUser | null>(null);

  /** The logged-in user, or null. */
  readonly user = this.current.asReadonly();
  readonly isAuthenticated = computed(() => this.current() !== null);
  /** What the user's roles allow, from the permission table the API guard also reads. */
  readonly permissions = computed<ReadonlySet<Permission>>(
    () => new Set(permissionsOf(this.current()?.roles ?? [])),
  );

  /** Whether the user holds at least one of the permissions. */
  canAny(permissions: readonly Permission[]): boolean {
    const granted = this.permissions();
    return permissions.some((permission) => granted.has(permission));
  }

  /**
   * Asks the API who the cookie belongs to. Resolves with null when nobody is logged in
   * or the API cannot be reached: the login page then says what is wrong on submit.
   */
  async restore(): Promise<SessionUser | null> {
    try {
      const response = await firstValueFrom(this.authApi.me());
      this.current.set(response.user);
    } catch (error) {
      if (!(error instanceof HttpErrorResponse)) throw error;
      this.current.set(null);
    }
    return this.current();
  }

  /** Logs in; a failure rejects with the HttpErrorResponse for the page to show. */
  async login(request: LoginRequest): Promise<SessionUser> {
    const response = await firstValueFrom(this.authApi.login(request));
    this.current.set(response.user);
    return response.user;
  }

  /** Ends the session on the server; the browser forgets the user even if that fails. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.authApi.logout());
    } finally {
      this.current.set(null);
    }
  }

  async changePassword(request: ChangePasswordRequest): Promise<void> {
    await firstValueFrom(this.authApi.changePassword(request));
  }

  /** Forgets the user without asking the API, when it has told us the session is gone. */
  clear(): void {
    this.current.set(null);
  }
}
