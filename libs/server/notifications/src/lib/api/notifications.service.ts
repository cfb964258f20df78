import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuthenticatedUser } from '@vanthu/server/core';
import { AuditService, inTransaction, NotificationEntity, NotificationSettingEntity, REDIS, UserEntity } from '@vanthu/server/data-access';
import {
  ALL_NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  NotificationItem,
  NotificationKind,
  NotificationListQuery,
  NotificationListResponse,
  NotificationSettings,
  UnreadCountResponse,
  UpdateNotificationSettingsRequest,
} from '@vanthu/shared/contracts';
import type { Redis } from 'ioredis';
import { DataSource } from 'typeorm';

import { NotificationNotFound } from '../errors';
import { LiveMessage, liveChannel } from '../queue/live-channel';

export function toNotificationItem(row: NotificationEntity): NotificationItem {
  return {
    id: Number(row.id),
    kind: row.kind as NotificationKind,
    documentId: row.documentId === null ? null : Number(row.documentId),
    title: { vi: row.titleVi, en: row.titleEn },
    body: { vi: row.bodyVi, en: row.bodyEn },
    link: row.documentId === null ? null : `/documents/${row.documentId}`,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt ? row.readAt.toISOString() : null,
  };
}

/**
 * A person's own notifications and settings. Every query has the user's id in its `where`: there
 * is no way to name another person's notification. Read marks are not audited: they are a
 * person's own reading state, not a change to the record of documents.
 */
@Injectable()
export class NotificationsService {
  private readonly logger = new Logger('Notifications');
  private readonly channel: string;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    private readonly audit: AuditService,
  ) {
    this.channel = liveChannel(config);
  }

  async list(user: AuthenticatedUser, query: NotificationListQuery): Promise<NotificationListResponse> {
    const limit = query.limit ?? 20;
    const builder = this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: user.id })
      .orderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (query.before) builder.andWhere('n.id < :before', { before: query.before });
    if (query.unreadOnly) builder.andWhere('n.readAt IS NULL');
    const rows = await builder.getMany();
    const page = rows.slice(0, limit);
    return {
      items: page.map(toNotificationItem),
      unreadCount: await this.unreadCountOf(user.id),
      nextBefore: rows.length > limit ? Number(page[page.length - 1].id) : null,
    };
  }

  async unreadCount(user: AuthenticatedUser): Promise<UnreadCountResponse> {
    return { unreadCount: await this.unreadCountOf(user.id) };
  }

  async unreadCountOf(userId: number): Promise<number> {
    const [row] = await this.dataSource.query('SELECT COUNT(*) AS n FROM notification WHERE user_id = ? AND read_at IS NULL', [userId]);
    return Number(row.n);
  }

  /** One of the user's own notifications, for the live stream. */
  async findOwn(userId: number, id: string): Promise<NotificationItem | null> {
    const row = await this.dataSource.getRepository(NotificationEntity).findOneBy({ id, userId });
    return row ? toNotificationItem(row) : null;
  }

  async markRead(user: AuthenticatedUser, id: number): Promise<UnreadCountResponse> {
    const result = await this.dataSource.query('UPDATE notification SET read_at = UTC_TIMESTAMP(3) WHERE id = ? AND user_id = ? AND read_at IS NULL', [id, user.id]);
    if (Number(result.affectedRows) === 0) {
      const exists = await this.dataSource.getRepository(NotificationEntity).existsBy({ id: String(id), userId: user.id });
      if (!exists) throw new NotificationNotFound();
    } else {
      await this.publish({ type: 'read', userId: user.id });
    }
    return this.unreadCount(user);
  }

  async markAllRead(user: AuthenticatedUser): Promise<UnreadCountResponse> {
    const result = await this.dataSource.query('UPDATE notification SET read_at = UTC_TIMESTAMP(3) WHERE user_id = ? AND read_at IS NULL', [user.id]);
    if (Number(result.affectedRows) > 0) await this.publish({ type: 'read', userId: user.id });
    return this.unreadCount(user);
  }

  async settings(user: AuthenticatedUser): Promise<NotificationSettings> {
    const person = await this.dataSource.getRepository(UserEntity).findOneByOrFail({ id: user.id });
    const rows = await this.dataSource.getRepository(NotificationSettingEntity).findBy({ userId: user.id });
    const chosen = new Map(rows.map((row) => [row.kind, row.email]));
    return {
      emailConfigured: this.config.notifications.smtpUrl !== null,
      emailAddress: person.email?.trim() || null,
      kinds: ALL_NOTIFICATION_KINDS.map((kind) => ({ kind, label: NOTIFICATION_KIND_LABELS[kind], email: chosen.get(kind) ?? true })),
    };
  }

  async updateSettings(user: AuthenticatedUser, request: UpdateNotificationSettingsRequest, ip: string): Promise<NotificationSettings> {
    await inTransaction(this.dataSource, async (manager) => {
      if (request.kinds.length) {
        await manager.query(
          `INSERT INTO notification_setting (user_id, kind, email, updated_at)
           VALUES ${request.kinds.map(() => '(?, ?, ?, UTC_TIMESTAMP(3))').join(', ')}
           ON DUPLICATE KEY UPDATE email = VALUES(email), updated_at = VALUES(updated_at)`,
          request.kinds.flatMap((k) => [user.id, k.kind, k.email ? 1 : 0]),
        );
      }
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'notification-settings.updated',
        entityType: 'user',
        entityId: user.id,
        ip,
        details: { email: Object.fromEntries(request.kinds.map((k) => [k.kind, k.email])) },
      });
    });
    return this.settings(user);
  }

  /** Tells the user's other tabs, on every replica, that the count changed; best effort. */
  private async publish(message: LiveMessage): Promise<void> {
    try {
      await this.redis.publish(this.channel, JSON.stringify(message));
    } catch (error) {
      this.logger.warn(`Live update failed: ${(error as Error).message}`);
    }
  }
}
