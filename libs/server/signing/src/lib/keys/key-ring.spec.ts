import { randomBytes } from 'node:crypto';

import { ErrorCode } from '@vanthu/shared/contracts';

import { isSealed, KeyRing, kekIdOf, sealedWith } from './key-ring';
import { unwrapWithPin, wrapUnderPin } from './pin-wrap';

describe('KeyRing (AES-256-GCM envelopes under the key-encryption keys)', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const secret = Buffer.from('30820a1b020103 — a PKCS#12, say');

  it('seals under the first key and opens what it sealed; the envelope names its key but holds nothing readable', () => {
    const ring = new KeyRing([oldKey]);
    const sealed = ring.seal(secret, 'credential-p12');
    expect(isSealed(sealed)).toBe(true);
    expect(sealedWith(sealed)).toBe(kekIdOf(oldKey));
    expect(sealed.includes(secret)).toBe(false);
    expect(ring.open(sealed, 'credential-p12')).toEqual(secret);
    // Two seals of the same value differ (a fresh IV each time).
    expect(ring.seal(secret, 'credential-p12').equals(sealed)).toBe(false);
  });

  it('refuses a changed byte, another purpose, or a key it does not have', () => {
    const ring = new KeyRing([oldKey]);
    const sealed = ring.seal(secret, 'credential-p12');
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => ring.open(tampered, 'credential-p12')).toThrow();
    expect(() => ring.open(sealed, 'credential-pending')).toThrow();
    expect(() => new KeyRing([newKey]).open(sealed, 'credential-p12')).toThrow(`The key-encryption key ${kekIdOf(oldKey)} that sealed this value is not configured`);
    expect(() => new KeyRing([]).open(sealed, 'credential-p12')).toThrow(expect.objectContaining({ code: ErrorCode.KeyEncryptionUnavailable, status: 503 }));
    expect(() => new KeyRing([]).seal(secret, 'credential-p12')).toThrow(expect.objectContaining({ code: ErrorCode.KeyEncryptionUnavailable }));
  });

  it('during a rotation opens values of both keys and seals under the new first one', () => {
    const before = new KeyRing([oldKey]).seal(secret, 'dev-authority');
    const ring = new KeyRing([newKey, oldKey]);
    expect(ring.ids).toEqual([kekIdOf(newKey), kekIdOf(oldKey)]);
    expect(ring.open(before, 'dev-authority')).toEqual(secret);
    expect(sealedWith(ring.seal(secret, 'dev-authority'))).toBe(kekIdOf(newKey));
  });
});

describe('PIN wrapping (scrypt, AES-256-GCM)', () => {
  it('gives the secret back for the right PIN only', async () => {
    const wrapped = await wrapUnderPin('842913', Buffer.from('mật khẩu của tệp PKCS#12'));
    expect((await unwrapWithPin('842913', wrapped))?.toString('utf8')).toBe('mật khẩu của tệp PKCS#12');
    expect(await unwrapWithPin('842914', wrapped)).toBeNull();
    expect(await unwrapWithPin('', wrapped)).toBeNull();
  });
});
