import { createHash, randomBytes, timingSafeEqual, X509Certificate } from 'node:crypto';

import type * as Pkcs11Js from 'pkcs11js';

import { toX509 } from './cms/certificate';
import { DigestAlgorithm } from './cms/cms';
import { InvalidCredentialError, PdfSigningError, PinLockedError, TokenError, WrongPinError } from './errors';
import { assertCanSign, orderChain, Signer } from './signers';

/** Where the key is: a PKCS#11 module, a token, a key on it, and the user's PIN. */
export interface Pkcs11SignerOptions {
  /** The token vendor's PKCS#11 library (e.g. `/usr/lib/softhsm/libsofthsm2.so`, `/usr/lib/libeToken.so`). */
  module: string;
  /** The token's label; absent: the only token present. */
  tokenLabel?: string;
  /** CKA_LABEL of the private key (and of its certificate); or give `keyId`. */
  keyLabel?: string;
  /** CKA_ID of the private key, hex. */
  keyId?: string;
  pin: string;
  /** Certificates that complete the chain when the token holds only the signer's. */
  extraCertificates?: (X509Certificate | string)[];
  /** The certificate must be valid at this time (default now) and allowed to sign. */
  at?: Date;
}

/** A {@link Signer} whose private-key operation happens on a PKCS#11 token; `close()` logs out and releases the token. */
export interface Pkcs11Signer extends Signer {
  /** The token's label and the key's label, as found. */
  token: string;
  key: string;
  close(): Promise<void>;
}

type Module = typeof Pkcs11Js;
type Pkcs11 = InstanceType<Module['PKCS11']>;

/**
 * One initialised library per module path, shared by the signers open on it: PKCS#11 allows
 * C_Initialize once per process, and C_Finalize would end every other signer's session.
 */
const libraries = new Map<string, { pkcs11: Pkcs11; users: number }>();

async function acquire(path: string): Promise<{ binding: Module; pkcs11: Pkcs11 }> {
  let binding: Module;
  try {
    // Loaded on first use: a server that never signs with a token never loads the native addon.
    binding = await import('pkcs11js');
  } catch (error) {
    throw new TokenError({ vi: 'thư viện pkcs11js chưa được cài đặt.', en: 'the pkcs11js binding is not installed.' }, { cause: error });
  }
  const shared = libraries.get(path);
  if (shared) {
    shared.users++;
    return { binding, pkcs11: shared.pkcs11 };
  }
  const pkcs11 = new binding.PKCS11();
  try {
    pkcs11.load(path);
  } catch (error) {
    throw new TokenError({ vi: `không nạp được thư viện PKCS#11 "${path}".`, en: `the PKCS#11 module "${path}" cannot be loaded.` }, { cause: error });
  }
  try {
    pkcs11.C_Initialize();
  } catch (error) {
    if (!(error instanceof binding.Pkcs11Error && error.code === binding.CKR_CRYPTOKI_ALREADY_INITIALIZED)) {
      pkcs11.close();
      throw new TokenError({ vi: `thư viện PKCS#11 "${path}" không khởi tạo được.`, en: `the PKCS#11 module "${path}" failed to initialise.` }, { cause: error });
    }
  }
  libraries.set(path, { pkcs11, users: 1 });
  return { binding, pkcs11 };
}

/**
 * Who is logged in to which token. PKCS#11 log-in is per token for the whole process: a second
 * C_Login answers "already logged in" whatever the PIN. So the PIN that logged in is kept as a
 * salted hash, a second signer on the same token must give the same PIN (a different one is
 * refused as wrong without asking the token, whose retry counter then does not move), and the
 * token is logged out when its last signer closes.
 */
const logins = new Map<string, { salt: Buffer; digest: Buffer; users: number }>();

const pinDigest = (salt: Buffer, pin: string) => createHash('sha256').update(salt).update(pin, 'utf8').digest();

function release(path: string): void {
  const shared = libraries.get(path);
  if (!shared) return;
  if (--shared.users > 0) return;
  libraries.delete(path);
  try {
    shared.pkcs11.C_Finalize();
  } finally {
    shared.pkcs11.close();
  }
}

// DigestInfo prefixes (RFC 8017 §9.2 note 1): the token gets the hash, never the document.
const DIGEST_INFO: Record<DigestAlgorithm, Buffer> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

/** An ECDSA signature from PKCS#11 (r ‖ s) as the DER `Ecdsa-Sig-Value` CMS carries. */
function ecdsaDer(raw: Buffer): Buffer {
  const half = raw.length / 2;
  const integer = (bytes: Buffer) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    let value = bytes.subarray(start);
    if (value[0] & 0x80) value = Buffer.concat([Buffer.from([0]), value]);
    return Buffer.concat([Buffer.from([0x02, value.length]), value]);
  };
  const body = Buffer.concat([integer(raw.subarray(0, half)), integer(raw.subarray(half))]);
  return Buffer.concat([Buffer.from(body.length < 128 ? [0x30, body.length] : [0x30, 0x81, body.length]), body]);
}

const trimLabel = (label: string) => label.replace(/[\s\0]+$/, '');

/** A CK_ULONG attribute as the module wrote it: 8 bytes on 64-bit Linux, 4 elsewhere, native byte order. */
const ulong = (value: Buffer) => (value.length === 8 ? Number(value.readBigUInt64LE()) : value.readUInt32LE(0));

/**
 * Opens a signer on a PKCS#11 token: finds the token by label, logs in with the PIN
 * ({@link WrongPinError}, {@link PinLockedError}), finds the private key by label or id and the
 * certificate with the same id (else label), and orders the chain from the certificates on the
 * token and `extraCertificates`. Each signature hashes here and asks the token for the raw
 * RSA PKCS#1 v1.5 or ECDSA operation on the hash: the key never leaves the token.
 * Close the signer when done.
 */
export async function openPkcs11(options: Pkcs11SignerOptions): Promise<Pkcs11Signer> {
  if (!options.keyLabel && !options.keyId) throw new InvalidCredentialError({ vi: 'chưa chỉ rõ khóa trên token (nhãn hoặc mã khóa).', en: 'no key on the token was named (label or id).' });
  const { binding: p, pkcs11 } = await acquire(options.module);
  let session: Buffer | null = null;
  let loggedIn: string | null = null;
  const logout = (open: Buffer, key: string) => {
    const login = logins.get(key);
    if (!login || --login.users > 0) return;
    logins.delete(key);
    try {
      pkcs11.C_Logout(open);
    } catch {
      // The token is gone or already logged out: nothing left to end.
    }
  };
  try {
    const slots = pkcs11.C_GetSlotList(true);
    const tokens = slots.map((slot) => ({ slot, label: trimLabel(pkcs11.C_GetTokenInfo(slot).label) }));
    const wanted = options.tokenLabel?.trim();
    const token = wanted ? tokens.find((t) => t.label === wanted) : tokens.length === 1 ? tokens[0] : undefined;
    if (!token) {
      throw new TokenError(
        wanted
          ? { vi: `không tìm thấy token "${wanted}" (có: ${tokens.map((t) => `"${t.label}"`).join(', ') || 'không có token nào'}).`, en: `no token "${wanted}" (present: ${tokens.map((t) => `"${t.label}"`).join(', ') || 'none'}).` }
          : { vi: `có ${tokens.length} token, hãy chỉ rõ nhãn token.`, en: `${tokens.length} tokens are present: name one by its label.` },
      );
    }
    session = pkcs11.C_OpenSession(token.slot, p.CKF_SERIAL_SESSION);
    const loginKey = `${options.module}\0${token.slot.toString('hex')}`;
    const login = logins.get(loginKey);
    if (login) {
      if (!timingSafeEqual(login.digest, pinDigest(login.salt, options.pin))) throw new WrongPinError();
      login.users++;
    } else {
      try {
        pkcs11.C_Login(session, p.CKU_USER, options.pin);
      } catch (error) {
        const code = error instanceof p.Pkcs11Error ? error.code : -1;
        if (code === p.CKR_PIN_INCORRECT || code === p.CKR_PIN_LEN_RANGE) throw new WrongPinError();
        if (code === p.CKR_PIN_LOCKED) throw new PinLockedError();
        if (code === p.CKR_USER_ALREADY_LOGGED_IN) throw new TokenError({ vi: 'token đang được một chương trình khác trong tiến trình này sử dụng.', en: 'another part of this process is logged in to the token.' });
        throw new TokenError({ vi: 'token từ chối đăng nhập.', en: 'the token refused the log-in.' }, { cause: error });
      }
      const salt = randomBytes(16);
      logins.set(loginKey, { salt, digest: pinDigest(salt, options.pin), users: 1 });
    }
    loggedIn = loginKey;
    const open = session;
    const find = (template: Pkcs11Js.Template): Buffer[] => {
      pkcs11.C_FindObjectsInit(open, template);
      try {
        return pkcs11.C_FindObjects(open, 64);
      } finally {
        pkcs11.C_FindObjectsFinal(open);
      }
    };
    const keyTemplate: Pkcs11Js.Template = [{ type: p.CKA_CLASS, value: p.CKO_PRIVATE_KEY }];
    if (options.keyLabel) keyTemplate.push({ type: p.CKA_LABEL, value: options.keyLabel });
    if (options.keyId) keyTemplate.push({ type: p.CKA_ID, value: Buffer.from(options.keyId, 'hex') });
    const keys = find(keyTemplate);
    const keyName = options.keyLabel ?? options.keyId ?? '';
    if (keys.length !== 1) {
      throw new TokenError(
        keys.length
          ? { vi: `có ${keys.length} khóa "${keyName}" trên token.`, en: `${keys.length} keys "${keyName}" are on the token.` }
          : { vi: `không tìm thấy khóa "${keyName}" trên token.`, en: `no key "${keyName}" on the token.` },
      );
    }
    const key = keys[0];
    const [idAttribute, typeAttribute] = pkcs11.C_GetAttributeValue(open, key, [{ type: p.CKA_ID }, { type: p.CKA_KEY_TYPE }]);
    const keyId = idAttribute.value as Buffer;
    const keyType = ulong(typeAttribute.value as Buffer);
    if (keyType !== p.CKK_RSA && keyType !== p.CKK_EC) throw new TokenError({ vi: 'khóa trên token không phải RSA hay ECDSA.', en: 'the key on the token is neither RSA nor ECDSA.' });

    let leaf: X509Certificate | undefined;
    const others: X509Certificate[] = [];
    for (const handle of find([{ type: p.CKA_CLASS, value: p.CKO_CERTIFICATE }])) {
      const [value, id, label] = pkcs11.C_GetAttributeValue(open, handle, [{ type: p.CKA_VALUE }, { type: p.CKA_ID }, { type: p.CKA_LABEL }]);
      let certificate: X509Certificate;
      try {
        certificate = new X509Certificate(value.value as Buffer);
      } catch {
        continue; // Not an X.509 certificate: nothing for the chain.
      }
      // The signer's certificate has the key's CKA_ID (else, for tokens without ids, its label).
      const mine = keyId?.length ? (id.value as Buffer).equals(keyId) : !!options.keyLabel && (label.value as Buffer).toString('utf8') === options.keyLabel;
      if (mine && !leaf) leaf = certificate;
      else others.push(certificate);
    }
    if (!leaf) throw new TokenError({ vi: `không tìm thấy chứng thư số của khóa "${keyName}" trên token.`, en: `no certificate for the key "${keyName}" on the token.` });
    assertCanSign(leaf, options.at ?? new Date());
    const certificateChain = orderChain(leaf, [...others, ...(options.extraCertificates ?? []).map((c) => toX509(c))]);

    // One operation at a time on a session (PKCS#11 §5.2): signatures wait their turn.
    let queue: Promise<unknown> = Promise.resolve();
    const signOnToken = (data: Buffer, hash: DigestAlgorithm): Promise<Buffer> => {
      const digest = createHash(hash).update(data).digest();
      const input = keyType === p.CKK_RSA ? Buffer.concat([DIGEST_INFO[hash], digest]) : digest;
      const mechanism = { mechanism: keyType === p.CKK_RSA ? p.CKM_RSA_PKCS : p.CKM_ECDSA };
      const run = () =>
        new Promise<Buffer>((resolve, reject) => {
          try {
            pkcs11.C_SignInit(open, mechanism, key);
            pkcs11.C_Sign(open, input, Buffer.alloc(1024), (error, signature) => (error ? reject(error) : resolve(signature)));
          } catch (error) {
            reject(error);
          }
        });
      const result = queue.then(run, run);
      queue = result.catch(() => undefined);
      return result.then(
        (signature) => (keyType === p.CKK_EC ? ecdsaDer(signature) : signature),
        (error: unknown) => {
          throw new TokenError({ vi: 'token không ký được.', en: 'the token failed to sign.' }, { cause: error });
        },
      );
    };

    let closed = false;
    return {
      certificateChain,
      token: token.label,
      key: keyName,
      sign: signOnToken,
      close: async () => {
        if (closed) return;
        closed = true;
        await queue;
        logout(open, loginKey);
        try {
          pkcs11.C_CloseSession(open);
        } finally {
          release(options.module);
        }
      },
    };
  } catch (error) {
    if (session) {
      if (loggedIn) logout(session, loggedIn);
      try {
        pkcs11.C_CloseSession(session);
      } catch {
        // The session is gone with the error.
      }
    }
    release(options.module);
    if (error instanceof PdfSigningError) throw error;
    throw new TokenError({ vi: 'lỗi khi làm việc với token.', en: 'the token reported an error.' }, { cause: error });
  }
}
