import { createHash } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

import { AuditHeadEntity, AuditRecordEntity } from './entities/audit-record.entity';

export interface AuditEntry {
  userId: number | null;
  organisationId: number | null;
  action: string;
  entityType: string;
  entityId?: string | number | null;
  ip?: string | null;
  details?: Record<string, unknown> | null;
}

export interface AuditChainReport {
  valid: boolean;
  checked: number;
  /** First record whose hash or link does not match, when the chain is broken. */
  brokenAt: string | null;
  reason: 'hash-mismatch' | 'link-mismatch' | 'head-mismatch' | null;
}

const GENESIS = '0'.repeat(64);

/** The hash of a record: its content and the previous hash, in a fixed order. */
export function auditHash(record: Omit<AuditRecordEntity, 'hash'>): string {
  const canonical = JSON.stringify([
    record.id,
    record.occurredAt.toISOString(),
    record.userId,
    record.organisationId,
    record.action,
    record.entityType,
    record.entityId,
    record.ip,
    record.details,
    record.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Appends audit records inside the caller's transaction. The chain head row is locked until the
 * transaction commits, so records chain in commit order across every API replica.
 */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    return this.recordMany(manager, [entry]);
  }

  /**
   * Appends several records in the caller's transaction with one lock of the chain head and one
   * insert (a dispatch to a hundred organisations records a hundred arrivals).
   */
  async recordMany(manager: EntityManager, entries: AuditEntry[]): Promise<void> {
    if (!entries.length) return;
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('AuditService.record must run inside the transaction of the change it records');
    }
    const head = await manager
      .getRepository(AuditHeadEntity)
      .createQueryBuilder('h')
      .setLock('pessimistic_write')
      .where('h.id = 1')
      .getOneOrFail();
    let lastId = BigInt(head.lastId);
    let prevHash = head.lastHash;
    const occurredAt = new Date();
    const rows: AuditRecordEntity[] = entries.map((entry) => {
      lastId += 1n;
      const record: Omit<AuditRecordEntity, 'hash'> = {
        id: lastId.toString(),
        occurredAt,
        userId: entry.userId,
        organisationId: entry.organisationId,
        action: entry.action,
        entityType: entry.entityType,
        entityId: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
        ip: entry.ip ?? null,
        details: entry.details ? JSON.stringify(entry.details) : null,
        prevHash,
      };
      prevHash = auditHash(record);
      return { ...record, hash: prevHash };
    });
    await manager.insert(AuditRecordEntity, rows);
    await manager.update(AuditHeadEntity, { id: 1 }, { lastId: lastId.toString(), lastHash: prevHash });
  }

  /** Walks the whole chain in id order, in batches, and reports the first break. */
  async verifyChain(manager: EntityManager, batchSize = 5000): Promise<AuditChainReport> {
    let prevHash = GENESIS;
    let expectedId = 1n;
    let checked = 0;
    let lastId = '0';
    for (;;) {
      const rows = await manager
        .getRepository(AuditRecordEntity)
        .createQueryBuilder('a')
        .where('a.id > :lastId', { lastId })
        .orderBy('a.id', 'ASC')
        .limit(batchSize)
        .getMany();
      for (const row of rows) {
        if (BigInt(row.id) !== expectedId || row.prevHash !== prevHash) {
          return { valid: false, checked, brokenAt: row.id, reason: 'link-mismatch' };
        }
        if (auditHash(row) !== row.hash) {
          return { valid: false, checked, brokenAt: row.id, reason: 'hash-mismatch' };
        }
        prevHash = row.hash;
        expectedId += 1n;
        checked += 1;
        lastId = row.id;
      }
      if (rows.length < batchSize) break;
    }
    const head = await manager.getRepository(AuditHeadEntity).findOneByOrFail({ id: 1 });
    // A deleted tail leaves the head pointing past the last record.
    if (head.lastHash !== prevHash || head.lastId !== lastId) {
      return { valid: false, checked, brokenAt: head.lastId, reason: 'head-mismatch' };
    }
    return { valid: true, checked, brokenAt: null, reason: null };
  }
}
