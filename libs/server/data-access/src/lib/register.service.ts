import { Injectable } from '@nestjs/common';
import { RegisterKind } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

export interface TakenNumber {
  registerId: number;
  number: number;
}

/**
 * Numbering from the registers (sổ văn bản). A number is taken inside the caller's transaction
 * with one atomic upsert that row-locks the register until commit: concurrent issuing on any
 * number of API replicas never duplicates or skips a number, and a rolled-back transaction gives
 * its number back.
 */
@Injectable()
export class RegisterService {
  /** Takes the next number of the organisation's register of that kind for that year (01 on 1 January). */
  async takeNextNumber(manager: EntityManager, organisationId: number, year: number, kind: RegisterKind): Promise<TakenNumber> {
    if (!manager.queryRunner?.isTransactionActive) {
      throw new Error('takeNextNumber must run inside the transaction that uses the number');
    }
    const key = [organisationId, year, kind];
    // One statement creates the year's register on first use or bumps its counter, taking the
    // row's exclusive lock until commit; the read after it sees this transaction's own value.
    await manager.query(
      `INSERT INTO register (organisation_id, year, kind, last_number) VALUES (?, ?, ?, 1)
       ON DUPLICATE KEY UPDATE last_number = last_number + 1`,
      key,
    );
    const [taken] = await manager.query('SELECT id, last_number AS number FROM register WHERE organisation_id = ? AND year = ? AND kind = ?', key);
    return { registerId: Number(taken.id), number: Number(taken.number) };
  }

  /** The number the next issue would take, for showing before confirming (not reserved). */
  async peekNextNumber(manager: EntityManager, organisationId: number, year: number, kind: RegisterKind): Promise<number> {
    const [row] = await manager.query('SELECT last_number FROM register WHERE organisation_id = ? AND year = ? AND kind = ?', [
      organisationId,
      year,
      kind,
    ]);
    return row ? Number(row.last_number) + 1 : 1;
  }
}
