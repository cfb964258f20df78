import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuthenticatedUser, Conflict, DomainError, UploadedFile } from '@vanthu/server/core';
import { AuditService, inTransaction, SigningPluginTicketEntity } from '@vanthu/server/data-access';
import { DocumentDetail, ErrorCode, Permission, permissionsOf, PluginTicketResponse, Role } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { SigningFlowService } from './signing-flow.service';

type TicketFault = 'unknown' | 'used' | 'expired';

const FAULTS: Record<TicketFault, { status: number; vi: string; en: string }> = {
  unknown: {
    status: 404,
    vi: 'Phiếu ký bằng USB token không tồn tại hoặc không dành cho văn bản này.',
    en: 'The USB token signing ticket does not exist or is not for this document.',
  },
  used: {
    status: 409,
    vi: 'Phiếu ký bằng USB token đã được dùng. Hãy bấm ký lại trên trình duyệt để lấy phiếu mới.',
    en: 'The USB token signing ticket has already been used. Start signing again in the browser for a new one.',
  },
  expired: {
    status: 410,
    vi: 'Phiếu ký bằng USB token đã hết hạn. Hãy bấm ký lại trên trình duyệt để lấy phiếu mới.',
    en: 'The USB token signing ticket has expired. Start signing again in the browser for a new one.',
  },
};

/** The plugin's ticket cannot be used: unknown (or another document's), already used, or expired. */
export class PluginTicketInvalid extends DomainError {
  constructor(readonly fault: TicketFault) {
    super(FAULTS[fault].status, ErrorCode.PluginTicketInvalid, { vi: FAULTS[fault].vi, en: FAULTS[fault].en });
  }
}

const CHANGED_SINCE_TICKET = {
  vi: 'Tệp chính của văn bản đã thay đổi sau khi phiếu ký được cấp. Hãy tải lại trang và ký lại.',
  en: 'The document’s main file changed after the signing ticket was issued. Reload the page and sign again.',
};

const hashOf = (ticket: string) => createHash('sha256').update(ticket, 'utf8').digest('hex');

/**
 * The VGCA Sign Service path: the leader's browser asks for a ticket, hands the plugin two URLs
 * carrying it, and the plugin (not the browser: no cookie, no CSRF token) fetches the PDF and
 * posts it back signed. The ticket is 32 random bytes, stored only as its SHA-256, bound to the
 * leader, the document and the main file's bytes, valid a few minutes, and used once.
 */
@Injectable()
export class PluginTicketService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly signing: SigningFlowService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A ticket for the leader whose signature the document awaits (the same checks as the download). */
  async issue(user: AuthenticatedUser, id: string, ip: string): Promise<PluginTicketResponse> {
    const prepared = await this.signing.preparedPdf(user, id);
    const ticket = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.config.signing.pluginTicketMinutes * 60_000);
    await inTransaction(this.dataSource, async (manager) => {
      await manager.insert(SigningPluginTicketEntity, { ticketHash: hashOf(ticket), documentId: id, userId: user.id, preparedSha256: prepared.sha256, expiresAt, usedAt: null });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.plugin-ticket-issued',
        entityType: 'document',
        entityId: Number(id),
        ip,
        details: { sha256: prepared.sha256, expiresAt: expiresAt.toISOString() },
      });
    });
    const base = `${this.config.publicUrl.replace(/\/+$/, '')}/api/outgoing/${encodeURIComponent(id)}/sign/plugin/${ticket}`;
    return { fileUrl: base, uploadUrl: base, ticket, expiresAt: expiresAt.toISOString() };
  }

  /** The PDF the plugin signs: the main file, as long as it is still the one the ticket was issued for. */
  async preparedPdf(id: string, ticket: string): Promise<{ bytes: Buffer; name: string; sha256: string }> {
    const row = await this.find(id, ticket);
    if (row.usedAt) throw new PluginTicketInvalid('used');
    if (row.expiresAt.getTime() <= Date.now()) throw new PluginTicketInvalid('expired');
    const prepared = await this.signing.preparedPdf(await this.actingUser(row.userId), id);
    if (prepared.sha256 !== row.preparedSha256) throw new Conflict(CHANGED_SINCE_TICKET);
    return prepared;
  }

  /**
   * The plugin's signed file. The ticket is consumed first, atomically (one UPDATE that only an
   * unused, unexpired ticket of this document passes), with its audit record: a second post, even
   * a concurrent one, is refused, and a refused upload needs a new ticket. Then the very upload-back
   * of `/sign/upload` runs as the ticket's leader.
   */
  async upload(id: string, ticket: string, file: UploadedFile | undefined, ip: string): Promise<DocumentDetail> {
    const row = await this.find(id, ticket);
    const user = await this.actingUser(row.userId);
    await inTransaction(this.dataSource, async (manager) => {
      const consumed = await manager
        .createQueryBuilder()
        .update(SigningPluginTicketEntity)
        .set({ usedAt: () => 'UTC_TIMESTAMP(3)' })
        .where('ticket_hash = :hash AND document_id = :id AND used_at IS NULL AND expires_at > :now', { hash: row.ticketHash, id, now: new Date() })
        .execute();
      if (consumed.affected !== 1) throw new PluginTicketInvalid(row.usedAt ? 'used' : row.expiresAt.getTime() <= Date.now() ? 'expired' : 'used');
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.plugin-ticket-used',
        entityType: 'document',
        entityId: Number(id),
        ip,
        details: { sha256: row.preparedSha256, size: file?.size ?? 0 },
      });
    });
    const prepared = await this.signing.preparedPdf(user, id);
    if (prepared.sha256 !== row.preparedSha256) throw new Conflict(CHANGED_SINCE_TICKET);
    return this.signing.uploadSigned(user, id, file, ip, 'plugin');
  }

  /** The ticket's row, only when it names this document (another document's ticket is unknown here). */
  private async find(id: string, ticket: string): Promise<SigningPluginTicketEntity> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(ticket) || !/^\d{1,19}$/.test(id)) throw new PluginTicketInvalid('unknown');
    const row = await this.dataSource.getRepository(SigningPluginTicketEntity).findOneBy({ ticketHash: hashOf(ticket) });
    if (!row || String(row.documentId) !== id) throw new PluginTicketInvalid('unknown');
    return row;
  }

  /** The leader the ticket was issued to, as the session guard would resolve them (still active, with today's roles). */
  private async actingUser(userId: number): Promise<AuthenticatedUser> {
    const rows: Array<{ username: string; organisation_id: number; path: string; roles: string | null }> = await this.dataSource.query(
      `SELECT u.username, u.organisation_id, o.path,
              (SELECT GROUP_CONCAT(r.role) FROM user_role r WHERE r.user_id = u.id) AS roles
         FROM \`user\` u
         JOIN organisation o ON o.id = u.organisation_id AND o.active = 1
        WHERE u.id = ? AND u.active = 1`,
      [userId],
    );
    const row = rows[0];
    if (!row) throw new PluginTicketInvalid('unknown');
    const roles = (row.roles ?? '').split(',').filter(Boolean) as Role[];
    // A leader who lost the right to sign since the ticket was issued cannot use it.
    if (!permissionsOf(roles).includes(Permission.SignDocuments)) throw new PluginTicketInvalid('unknown');
    return { id: userId, username: row.username, organisationId: Number(row.organisation_id), organisationPath: row.path, roles, permissions: permissionsOf(roles), sessionId: 'plugin-ticket' };
  }
}
