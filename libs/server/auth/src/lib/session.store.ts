import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser } from '@vanthu/server/core';
import { SessionEntity } from '@vanthu/server/data-access';
import { permissionsOf, Role } from '@vanthu/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sessions in the database, so that every API replica sees the same ones. */
@Injectable()
export class SessionStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(manager: EntityManager, userId: number, ttlHours: number, ip: string | null, userAgent: string | null): Promise<NewSession> {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = randomBytes(32).toString('base64url');
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ttlHours * 3600_000);
    await manager.insert(SessionEntity, {
      id: hashToken(token),
      userId,
      csrfToken,
      createdAt: now,
      expiresAt,
      ip,
      userAgent: userAgent ? userAgent.slice(0, 255) : null,
    });
    return { token, csrfToken, expiresAt };
  }

  /** The user behind a session token, with roles and organisation, in one query; null when expired or unknown. */
  async resolve(token: string): Promise<(AuthenticatedUser & { csrfToken: string }) | null> {
    const sessionId = hashToken(token);
    const rows: Array<{
      user_id: number;
      username: string;
      organisation_id: number;
      path: string;
      csrf_token: string;
      roles: string | null;
    }> = await this.dataSource.query(
      `SELECT u.id AS user_id, u.username, u.organisation_id, o.path, s.csrf_token,
              (SELECT GROUP_CONCAT(r.role) FROM user_role r WHERE r.user_id = u.id) AS roles
         FROM session s
         JOIN \`user\` u ON u.id = s.user_id AND u.active = 1
         JOIN organisation o ON o.id = u.organisation_id AND o.active = 1
        WHERE s.id = ? AND s.expires_at > UTC_TIMESTAMP(3)`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    const roles = (row.roles ?? '').split(',').filter(Boolean) as Role[];
    return {
      id: Number(row.user_id),
      username: row.username,
      organisationId: Number(row.organisation_id),
      organisationPath: row.path,
      roles,
      permissions: permissionsOf(roles),
      sessionId,
      csrfToken: row.csrf_token,
    };
  }

  async csrfTokenOf(sessionId: string): Promise<string | null> {
    const session = await this.dataSource.getRepository(SessionEntity).findOneBy({ id: sessionId });
    return session?.csrfToken ?? null;
  }

  async destroy(manager: EntityManager, sessionId: string): Promise<void> {
    await manager.delete(SessionEntity, { id: sessionId });
  }

  /** Ends every other session of the user, e.g. after a password change. */
  async destroyOthers(manager: EntityManager, userId: number, keepSessionId: string): Promise<void> {
    await manager
      .createQueryBuilder()
      .delete()
      .from(SessionEntity)
      .where('user_id = :userId AND id <> :keep', { userId, keep: keepSessionId })
      .execute();
  }
}

/** Compares two tokens in constant time. */
export function sameToken(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
