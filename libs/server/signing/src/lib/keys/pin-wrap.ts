import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

// "VTP1" | log2 N | r | p | salt (16) | IV (12) | GCM tag (16) | ciphertext.
const MAGIC = Buffer.from('VTP1', 'ascii');
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
// scrypt N = 2^14, r = 8 (16 MiB, about 50 ms): each guess at a PIN costs that much even for
// someone who holds the database and the key-encryption key.
const LOG_N = 14;
const R = 8;
const P = 1;

function derive(pin: string, salt: Buffer, logN: number, r: number, p: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(pin.normalize('NFC'), salt, 32, { N, r, p, maxmem: 256 * N * r }, (error, key) => (error ? reject(error) : resolve(key))),
  );
}

/** Encrypts a secret (a PKCS#12's password) under a key derived from the owner's PIN. */
export async function wrapUnderPin(pin: string, secret: Buffer): Promise<Buffer> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', await derive(pin, salt, LOG_N, R, P), iv);
  const body = Buffer.concat([cipher.update(secret), cipher.final()]);
  return Buffer.concat([MAGIC, Buffer.from([LOG_N, R, P]), salt, iv, cipher.getAuthTag(), body]);
}

/** The secret, or null when the PIN is wrong (the GCM tag does not match). */
export async function unwrapWithPin(pin: string, wrapped: Buffer): Promise<Buffer | null> {
  if (!wrapped.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('Not a PIN-wrapped value');
  let at = MAGIC.length;
  const [logN, r, p] = wrapped.subarray(at, (at += 3));
  const salt = wrapped.subarray(at, (at += SALT_BYTES));
  const iv = wrapped.subarray(at, (at += IV_BYTES));
  const tag = wrapped.subarray(at, (at += TAG_BYTES));
  const decipher = createDecipheriv('aes-256-gcm', await derive(pin, salt, logN, r, p), iv);
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(at)), decipher.final()]);
  } catch {
    return null;
  }
}
