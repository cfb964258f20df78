import { randomBytes } from 'node:crypto';

import { KeyRing } from './key-ring';
import { unwrapWithPin, wrapUnderPin } from './pin-wrap';

/** The stored key material of a credential, as its columns hold it. */
export interface CredentialMaterial {
  pkcs12: Buffer;
  kekId: string | null;
  pinScheme: 'direct' | 'wrapped';
  pinWrap: Buffer | null;
  pendingSecret: Buffer | null;
}

/** A password for a PKCS#12 the server issues: nobody types it, the owner's PIN unwraps it. */
export function newPassphrase(): string {
  return randomBytes(24).toString('base64');
}

/**
 * Seals a PKCS#12 and its password: under the owner's PIN when one is given (the demo seed, a PIN
 * change), otherwise kept aside until the owner chooses one (`pendingSecret`).
 */
export async function sealMaterial(ring: KeyRing, p12: Buffer, passphrase: string, pin: string | null): Promise<CredentialMaterial> {
  const secret = Buffer.from(passphrase, 'utf8');
  const material: CredentialMaterial = {
    pkcs12: ring.seal(p12, 'credential-p12'),
    kekId: ring.currentId,
    pinScheme: 'wrapped',
    pinWrap: pin === null ? null : ring.seal(await wrapUnderPin(pin, secret), 'credential-pin'),
    pendingSecret: pin === null ? ring.seal(secret, 'credential-pending') : null,
  };
  return material;
}

/** The PKCS#12 bytes (rows stored before sealing hold them as they are). */
export function openPkcs12Bytes(ring: KeyRing, m: CredentialMaterial): Buffer {
  return m.kekId === null ? m.pkcs12 : ring.open(m.pkcs12, 'credential-p12');
}

/** The PKCS#12's password for this PIN, or null when the PIN is wrong (a `direct` row: the PIN itself, checked by the PKCS#12's MAC). */
export async function passphraseFor(ring: KeyRing, m: CredentialMaterial, pin: string): Promise<string | null> {
  if (m.pinScheme === 'direct') return pin;
  if (!m.pinWrap) return null;
  const secret = await unwrapWithPin(pin, ring.open(m.pinWrap, 'credential-pin'));
  return secret ? secret.toString('utf8') : null;
}

/** The password kept while the key waits for its owner's PIN. */
export function pendingPassphrase(ring: KeyRing, m: CredentialMaterial): string {
  if (!m.pendingSecret) throw new Error('The credential is not waiting for a PIN');
  return ring.open(m.pendingSecret, 'credential-pending').toString('utf8');
}

/** The same material sealed under the ring's current key (rotation; rows stored before sealing). */
export function resealMaterial(ring: KeyRing, m: CredentialMaterial): CredentialMaterial {
  const again = (value: Buffer | null, purpose: 'credential-pin' | 'credential-pending') => (value === null ? null : ring.seal(ring.open(value, purpose), purpose));
  return {
    pkcs12: ring.seal(openPkcs12Bytes(ring, m), 'credential-p12'),
    kekId: ring.currentId,
    pinScheme: m.pinScheme,
    pinWrap: m.kekId === null ? null : again(m.pinWrap, 'credential-pin'),
    pendingSecret: m.kekId === null ? null : again(m.pendingSecret, 'credential-pending'),
  };
}
