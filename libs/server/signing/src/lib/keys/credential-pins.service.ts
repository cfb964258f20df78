import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { openPkcs12, Signer } from '@vanthu/pdf-signing';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { AuditService, inTransaction, OutboxEventType, OutboxService, SigningCredentialEntity } from '@vanthu/server/data-access';
import { ErrorCode, Role } from '@vanthu/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { CredentialLocked, PinNotSet, SigningFailed, translatePdfErrors, WrongPin } from '../signing-errors';
import { CredentialMaterial, openPkcs12Bytes, passphraseFor } from './credential-material';
import { KeyRing } from './key-ring';

/** Who types the PIN, for the audit record. */
export interface PinActor {
  userId: number;
  organisationId: number;
  ip: string | null;
}

/** A credential row with its key material, locked for the attempt. */
export type MaterialRow = SigningCredentialEntity & CredentialMaterial;

type Attempt =
  | { kind: 'opened'; signer: Signer; passphrase: string }
  | { kind: 'wrong'; failures: number; until: Date | null }
  | { kind: 'locked'; until: Date }
  | { kind: 'not-set' };

/** Who hears that a key locked: the leader it belongs to, or the clerks who keep the organisation's seal. */
export function keyHolders(ownerType: 'user' | 'organisation', ownerId: number): { userIds?: number[]; organisationIds?: number[]; roles?: Role[] } {
  return ownerType === 'user' ? { userIds: [ownerId] } : { organisationIds: [ownerId], roles: [Role.Clerk] };
}

/**
 * The one door to a server-held key: every PIN is checked here, with the credential's row locked
 * so attempts from every API process count one after another in the database. A wrong PIN is
 * counted and audited in this short transaction of its own, which commits even though the request
 * then fails; the SIGNING_PIN_MAX_FAILURES-th in a row locks the key for SIGNING_PIN_LOCK_MINUTES
 * and tells its owner.
 */
@Injectable()
export class CredentialPins {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ring: KeyRing,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  /** A signer for the key, if the PIN is right and the key not locked; otherwise the refusal, counted. */
  async open(credentialId: number, pin: string, actor: PinActor, purpose: 'sign' | 'seal' | 'change-pin'): Promise<Signer> {
    return (await this.verify(credentialId, pin, actor, purpose)).signer;
  }

  /** As {@link open}, also giving the PKCS#12's password (to wrap it under a new PIN). */
  async verify(credentialId: number, pin: string, actor: PinActor, purpose: 'sign' | 'seal' | 'change-pin'): Promise<{ signer: Signer; passphrase: string; row: MaterialRow }> {
    const { row, attempt } = await inTransaction(this.dataSource, async (manager) => {
      const locked = await lockMaterial(manager, credentialId);
      return { row: locked, attempt: await this.attempt(manager, locked, pin, actor, purpose) };
    });
    switch (attempt.kind) {
      case 'opened':
        return { signer: attempt.signer, passphrase: attempt.passphrase, row };
      case 'locked':
        throw new CredentialLocked(row.ownerType, attempt.until);
      case 'not-set':
        throw new PinNotSet(row.ownerType);
      case 'wrong':
        if (attempt.until) throw new CredentialLocked(row.ownerType, attempt.until);
        throw new WrongPin(row.ownerType, this.config.signing.pinMaxFailures - attempt.failures, this.config.signing.pinLockMinutes);
    }
  }

  private async attempt(manager: EntityManager, row: MaterialRow, pin: string, actor: PinActor, purpose: string): Promise<Attempt> {
    const now = await databaseNow(manager);
    if (row.lockedUntil && row.lockedUntil > now) return { kind: 'locked', until: row.lockedUntil };
    if (row.pendingSecret) return { kind: 'not-set' };
    const opened = await this.tryPin(row, pin);
    if (!opened) return this.countWrongPin(manager, row, now, actor, purpose);
    if (row.pinFailures > 0 || row.lockedUntil) await manager.update(SigningCredentialEntity, { id: row.id }, { pinFailures: 0, lockedUntil: null });
    return { kind: 'opened', ...opened };
  }

  /** The signer and password when the PIN opens the key; null when it is wrong. Other problems (an expired certificate) throw. */
  private async tryPin(row: MaterialRow, pin: string): Promise<{ signer: Signer; passphrase: string } | null> {
    const passphrase = await passphraseFor(this.ring, row, pin);
    if (passphrase === null) return null;
    try {
      const p12 = openPkcs12Bytes(this.ring, row);
      return { signer: await translatePdfErrors(() => openPkcs12(p12, passphrase)), passphrase };
    } catch (error) {
      // A key stored before PINs were wrapped: its PKCS#12's MAC says whether the PIN is right.
      if (error instanceof SigningFailed && error.code === ErrorCode.WrongPin) return null;
      throw error;
    }
  }

  private async countWrongPin(manager: EntityManager, row: MaterialRow, now: Date, actor: PinActor, purpose: string): Promise<Attempt> {
    const { pinMaxFailures, pinLockMinutes } = this.config.signing;
    // A lock that has run out starts a fresh count.
    const failures = (row.lockedUntil && row.lockedUntil <= now ? 0 : row.pinFailures) + 1;
    const until = failures >= pinMaxFailures ? new Date(now.getTime() + pinLockMinutes * 60_000) : null;
    await manager.update(SigningCredentialEntity, { id: row.id }, { pinFailures: failures, lockedUntil: until });
    const details = { owner: `${row.ownerType}:${row.ownerId}`, serial: row.serialNumber, purpose, failures };
    await this.audit.recordMany(manager, [
      { userId: actor.userId, organisationId: actor.organisationId, action: 'credential.pin-failed', entityType: 'credential', entityId: row.id, ip: actor.ip, details },
      ...(until
        ? [{ userId: actor.userId, organisationId: actor.organisationId, action: 'credential.locked', entityType: 'credential', entityId: row.id, ip: actor.ip, details: { ...details, until: until.toISOString() } }]
        : []),
    ]);
    if (until) {
      await this.outbox.emit(manager, {
        type: OutboxEventType.CredentialLocked,
        payload: {
          ...keyHolders(row.ownerType, row.ownerId),
          // The owner is told even when they typed the PINs themselves: it may not have been them.
          actorId: null,
          subject: row.subject,
          credentialId: row.id,
          ownerType: row.ownerType,
          failures,
          lockedUntil: until.toISOString(),
        },
      });
    }
    return { kind: 'wrong', failures, until };
  }
}

/** The credential with its key material, its row locked until the transaction ends. */
export async function lockMaterial(manager: EntityManager, id: number): Promise<MaterialRow> {
  const row = await manager
    .getRepository(SigningCredentialEntity)
    .createQueryBuilder('c')
    .addSelect(['c.pkcs12', 'c.pinWrap', 'c.pendingSecret'])
    .setLock('pessimistic_write')
    .where('c.id = :id', { id })
    .getOneOrFail();
  return row as MaterialRow;
}

/** The database's clock: every API process reads the same time for locks. */
export async function databaseNow(manager: EntityManager): Promise<Date> {
  const [row] = await manager.query('SELECT UTC_TIMESTAMP(3) AS now');
  return row.now instanceof Date ? row.now : new Date(`${String(row.now).replace(' ', 'T')}Z`);
}
