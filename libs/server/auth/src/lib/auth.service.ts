import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  AccountLocked,
  APP_CONFIG,
  AppConfig,
  AuthenticatedUser,
  decoyHash,
  hashPassword,
  InvalidCredentials,
  isAcceptablePassword,
  PasswordPolicy,
  Unauthenticated,
  verifyPassword,
  WrongCurrentPassword,
} from '@vanthu/server/core';
import { AuditService, inTransaction, OrganisationEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { ChangePasswordRequest, LoginRequest, permissionsOf, SessionUser } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { NewSession, SessionStore } from './session.store';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
  ) {}

  /**
   * Checks the password and opens a session. After `LOGIN_MAX_FAILURES` wrong passwords in a row
   * the account is locked for `LOGIN_LOCK_MINUTES`, even for the right password.
   */
  async logIn(request: LoginRequest, client: ClientInfo): Promise<{ user: SessionUser; session: NewSession }> {
    const username = request.username.trim().toLowerCase();
    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();

    if (!user || !user.active) {
      // Same work for unknown users as for known ones: no username probing by timing.
      await verifyPassword(request.password, await decoyHash());
      throw new InvalidCredentials();
    }
    if (user.lockedUntil && user.lockedUntil > new Date()) {
      throw new AccountLocked(this.minutesLeft(user.lockedUntil));
    }

    if (!(await verifyPassword(request.password, user.passwordHash))) {
      const { maxFailures, lockMinutes } = this.config.login;
      const lockedNow = await inTransaction(this.dataSource, async (manager) => {
        // An expired lock starts a fresh count; locked_until is computed from the count before the increment.
        await manager.query(
          `UPDATE \`user\`
              SET failed_logins = IF(locked_until IS NOT NULL AND locked_until <= UTC_TIMESTAMP(3), 0, failed_logins),
                  locked_until = IF(locked_until IS NOT NULL AND locked_until <= UTC_TIMESTAMP(3), NULL, locked_until)
            WHERE id = ?`,
          [user.id],
        );
        await manager.query(
          `UPDATE \`user\`
              SET locked_until = IF(failed_logins + 1 >= ?, UTC_TIMESTAMP(3) + INTERVAL ? MINUTE, locked_until),
                  failed_logins = failed_logins + 1
            WHERE id = ?`,
          [maxFailures, lockMinutes, user.id],
        );
        const [row] = await manager.query('SELECT failed_logins FROM `user` WHERE id = ?', [user.id]);
        const locked = Number(row.failed_logins) >= maxFailures;
        await this.audit.record(manager, {
          userId: user.id,
          organisationId: user.organisationId,
          action: locked ? 'auth.locked' : 'auth.login-failed',
          entityType: 'user',
          entityId: user.id,
          ip: client.ip,
          details: { failures: Number(row.failed_logins) },
        });
        return locked;
      });
      if (lockedNow) throw new AccountLocked(lockMinutes);
      throw new InvalidCredentials();
    }

    const session = await inTransaction(this.dataSource, async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { failedLogins: 0, lockedUntil: null });
      const created = await this.sessions.create(manager, user.id, this.config.session.ttlHours, client.ip, client.userAgent);
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'auth.login',
        entityType: 'user',
        entityId: user.id,
        ip: client.ip,
      });
      return created;
    });
    return { user: await this.sessionUser(user.id), session };
  }

  async logOut(user: AuthenticatedUser, ip: string | null): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      await this.sessions.destroy(manager, user.sessionId);
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'auth.logout',
        entityType: 'user',
        entityId: user.id,
        ip,
      });
    });
  }

  /** Changes the password and ends the user's other sessions. */
  async changePassword(user: AuthenticatedUser, request: ChangePasswordRequest, ip: string | null): Promise<void> {
    const stored = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.id = :id', { id: user.id })
      .getOneOrFail();
    if (!(await verifyPassword(request.currentPassword, stored.passwordHash))) throw new WrongCurrentPassword();
    if (!isAcceptablePassword(request.newPassword) || request.newPassword === request.currentPassword) {
      throw new PasswordPolicy();
    }
    const passwordHash = await hashPassword(request.newPassword);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.update(UserEntity, { id: user.id }, { passwordHash, passwordChangedAt: new Date() });
      await this.sessions.destroyOthers(manager, user.id, user.sessionId);
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'auth.password-changed',
        entityType: 'user',
        entityId: user.id,
        ip,
      });
    });
  }

  /** The user as the shell shows them. */
  async sessionUser(userId: number): Promise<SessionUser> {
    const user = await this.dataSource.getRepository(UserEntity).findOneBy({ id: userId });
    if (!user) throw new Unauthenticated();
    const [organisation, roles] = await Promise.all([
      this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: user.organisationId }),
      this.dataSource.getRepository(UserRoleEntity).findBy({ userId }),
    ]);
    const roleNames = roles.map((r) => r.role).sort();
    return {
      id: user.id,
      username: user.username,
      fullName: user.fullName,
      position: user.position,
      email: user.email,
      roles: roleNames,
      permissions: permissionsOf(roleNames),
      organisation: {
        id: organisation.id,
        code: organisation.code,
        name: organisation.name,
        kind: organisation.kind,
        abbreviation: organisation.abbreviation,
      },
    };
  }

  csrfTokenOf(sessionId: string): Promise<string | null> {
    return this.sessions.csrfTokenOf(sessionId);
  }

  private minutesLeft(until: Date): number {
    return Math.max(1, Math.ceil((until.getTime() - Date.now()) / 60_000));
  }
}
