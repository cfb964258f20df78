import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

import { DomainError } from '@vanthu/server/core';
import { ErrorCode } from '@vanthu/shared/contracts';

/** What a sealed value is for: the label is authenticated, so a value cannot be moved to another use. */
export type SealPurpose = 'credential-p12' | 'credential-pin' | 'credential-pending' | 'dev-authority';

// Envelope: "VTK1" | key id (8 bytes) | IV (12) | GCM tag (16) | ciphertext.
const MAGIC = Buffer.from('VTK1', 'ascii');
const ID_BYTES = 8;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER = MAGIC.length + ID_BYTES + IV_BYTES + TAG_BYTES;

/** The id of a key-encryption key: 16 hex digits of a hash of it (stored beside every value it seals). */
export function kekIdOf(key: Buffer): string {
  return createHash('sha256').update('vanthu-kek-id:').update(key).digest().subarray(0, ID_BYTES).toString('hex');
}

/** Whether bytes are a sealed envelope (and not, say, a PKCS#12 stored before sealing). */
export function isSealed(value: Buffer): boolean {
  return value.length > HEADER && value.subarray(0, MAGIC.length).equals(MAGIC);
}

/** The id of the key that sealed an envelope. */
export function sealedWith(value: Buffer): string {
  return value.subarray(MAGIC.length, MAGIC.length + ID_BYTES).toString('hex');
}

export class KeyEncryptionUnavailable extends DomainError {
  constructor() {
    super(503, ErrorCode.KeyEncryptionUnavailable, {
      vi: 'Máy chủ chưa được cấu hình khóa mã hóa (SIGNING_KEK) nên không thể lưu hay dùng khóa ký số trên máy chủ. Hãy báo quản trị hệ thống.',
      en: 'The server has no key-encryption key (SIGNING_KEK), so it can neither store nor use server-held signing keys. Tell the system administrator.',
    });
  }
}

/**
 * The key-encryption keys (KEKs) of SIGNING_KEK / SIGNING_KEK_FILE: AES-256-GCM envelopes around
 * every private key the server stores. The first key seals; every listed key opens what it sealed,
 * so a new key can be put first while rows sealed under the old one are re-sealed
 * (`npm run -s signing -- rotate-kek`).
 */
export class KeyRing {
  private readonly keys: Map<string, Buffer>;
  /** Id of the key that seals, or null when none is configured. */
  readonly currentId: string | null;

  constructor(keys: readonly Buffer[]) {
    this.keys = new Map(keys.map((key) => [kekIdOf(key), key]));
    this.currentId = keys.length ? kekIdOf(keys[0]) : null;
  }

  get configured(): boolean {
    return this.currentId !== null;
  }

  /** Ids of every configured key, the sealing one first. */
  get ids(): string[] {
    return [...this.keys.keys()];
  }

  has(id: string): boolean {
    return this.keys.has(id);
  }

  seal(plain: Buffer, purpose: SealPurpose): Buffer {
    if (!this.currentId) throw new KeyEncryptionUnavailable();
    const key = this.keys.get(this.currentId) as Buffer;
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(`vanthu:${purpose}`, 'ascii'));
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, Buffer.from(this.currentId, 'hex'), iv, cipher.getAuthTag(), body]);
  }

  /** Opens an envelope with the key it names; a missing key or a changed byte throws. */
  open(sealed: Buffer, purpose: SealPurpose): Buffer {
    if (!isSealed(sealed)) throw new Error('Not a sealed value');
    const id = sealedWith(sealed);
    const key = this.keys.get(id);
    if (!key) {
      if (!this.configured) throw new KeyEncryptionUnavailable();
      throw new Error(`The key-encryption key ${id} that sealed this value is not configured`);
    }
    const iv = sealed.subarray(MAGIC.length + ID_BYTES, MAGIC.length + ID_BYTES + IV_BYTES);
    const tag = sealed.subarray(MAGIC.length + ID_BYTES + IV_BYTES, HEADER);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(`vanthu:${purpose}`, 'ascii'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(sealed.subarray(HEADER)), decipher.final()]);
  }
}
