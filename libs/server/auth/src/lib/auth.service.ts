import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  APP_CONFIG,
  AppConfig,
  AuthenticatedUser,
  decoyHash,
  hashPassword,
  InvalidCredentials,
  isAcceptablePassword,
  LoginThrottled,
  PasswordPolicy,
  Unauthenticated,
  verifyPassword,
  WrongCurrentPassword,
} from '@vanthu/server/core';
import { AuditService, inTransaction, OrganisationEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { ChangePasswordRequest, LoginRequest, permissionsOf, SessionUser } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { LoginThrottle } from './login-throttle';
import { NewSession, SessionStore } from './session.store';

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
}

@Injectable()
export class AuthService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionStore,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
  ) {}

  /**
   * The decoy hash is made at start-up, not by the first unknown username (whose log-in would
   * otherwise cost one more scrypt than every later one's, telling that the name does not exist).
   */
  async onModuleInit(): Promise<void> {
    await decoyHash();
  }

  /**
   * Checks the password and opens a session, throttled by {@link LoginThrottle}: while this
   * address must wait for this username the password is not even checked (429 with Retry-After).
   * Unknown usernames take the same path, the same scrypt work and the same audit write as wrong
   * passwords, so neither the answers nor their timing tell which accounts exist.
   */
  async logIn(request: LoginRequest, client: ClientInfo): Promise<{ user: SessionUser; session: NewSession }> {
    const username = request.username.trim().toLowerCase();
    const address = client.ip ?? 'unknown';
    const waitMs = await this.throttle.waitMs(username, address);
    if (waitMs > 0) throw new LoginThrottled(Math.ceil(waitMs / 1000));

    const user = await this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.username = :username', { username })
      .getOne();
    const account = user && user.active ? user : null;
    // Same work for unknown users as for known ones: no username probing by timing.
    const matches = await verifyPassword(request.password, account ? account.passwordHash : await decoyHash());

    if (!account || !matches) {
      const counts = await this.throttle.recordFailure(username, address);
      const { accountMaxFailures, lockMinutes } = this.config.login;
      // The account-wide count just reached its threshold: from now on addresses it has not
      // logged in from lately wait. Shown to administrators as "locked", who can lift it.
      const accountLocked = !!account && !!counts && counts.account === accountMaxFailures;
      await inTransaction(this.dataSource, async (manager) => {
        if (account && accountLocked) await manager.update(UserEntity, { id: account.id }, { lockedUntil: new Date(Date.now() + lockMinutes * 60_000), failedLogins: counts?.account ?? 0 });
        await this.audit.record(manager, {
          userId: account?.id ?? null,
          organisationId: account?.organisationId ?? null,
          action: accountLocked ? 'auth.locked' : 'auth.login-failed',
          entityType: 'user',
          entityId: account?.id ?? null,
          ip: client.ip,
          // An unknown username is recorded as typed (cut short): what was tried, not who.
          details: account ? { failures: counts?.pair ?? null } : { username: username.slice(0, 64), failures: counts?.pair ?? null },
        });
      });
      throw new InvalidCredentials();
    }

    await this.throttle.recordSuccess(username, address);
    const session = await inTransaction(this.dataSource, async (manager) => {
      const created = await this.sessions.create(manager, account.id, this.config.session.ttlHours, client.ip, client.userAgent);
      await this.audit.record(manager, {
        userId: account.id,
        organisationId: account.organisationId,
        action: 'auth.login',
        entityType: 'user',
        entityId: account.id,
        ip: client.ip,
      });
      return created;
    });
    return { user: await this.sessionUser(account.id), session };
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
}
