import { createHash, createHmac, createPrivateKey, KeyObject, sign as signWithKey, timingSafeEqual, X509Certificate } from 'node:crypto';

import forge from 'node-forge';

import { readTlv, Tlv } from './cms/asn1';
import { allowsSigning, parseCertificate, toX509 } from './cms/certificate';
import { DigestAlgorithm } from './cms/cms';
import { CertificateExpiredError, CertificateNotYetValidError, CertificateUsageError, InvalidCredentialError, PdfSigningError, WrongPinError } from './errors';

/**
 * Whatever makes the signature: a key in memory, a USB token, a remote signing service. The
 * library asks it for one raw signature over the DER signed attributes.
 */
export interface Signer {
  /** The signer's certificate first, then its issuers (the root may be left out). */
  certificateChain: X509Certificate[];
  /** A raw signature over `data` (PKCS#1 v1.5 for RSA, DER-encoded ECDSA for EC), hashing with `hash`. */
  sign(data: Buffer, hash: DigestAlgorithm): Promise<Buffer>;
}

/** A signer around a private key held in this process; the key operation is Node's native crypto. */
export function keySigner(key: KeyObject, chain: (X509Certificate | string)[]): Signer {
  if (!chain.length) throw new InvalidCredentialError({ vi: 'không có chứng thư số nào.', en: 'no certificate was given.' });
  const certificateChain = chain.map(toX509);
  if (!certificateChain[0].checkPrivateKey(key)) {
    throw new InvalidCredentialError({ vi: 'khóa bí mật không thuộc về chứng thư số đã cho.', en: 'the private key does not belong to the certificate.' });
  }
  return {
    certificateChain,
    sign: async (data, hash) => signWithKey(hash, data, key),
  };
}

/** Throws the typed error when a certificate cannot sign at a given time or for its key usage. */
export function assertCanSign(certificate: X509Certificate, at: Date): void {
  const parsed = parseCertificate(certificate);
  if (at.getTime() < parsed.notBefore.getTime()) throw new CertificateNotYetValidError(parsed.notBefore);
  if (at.getTime() > parsed.notAfter.getTime()) throw new CertificateExpiredError(parsed.notAfter);
  if (!allowsSigning(parsed)) throw new CertificateUsageError();
}

const P12 = {
  data: '1.2.840.113549.1.7.1',
  encryptedData: '1.2.840.113549.1.7.6',
  keyBag: '1.2.840.113549.1.12.10.1.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  safeContentsBag: '1.2.840.113549.1.12.10.1.6',
  x509Certificate: '1.2.840.113549.1.9.22.1',
};

const MAC_DIGESTS: Record<string, { name: string; size: number; block: number }> = {
  '1.3.14.3.2.26': { name: 'sha1', size: 20, block: 64 },
  '2.16.840.1.101.3.4.2.1': { name: 'sha256', size: 32, block: 64 },
  '2.16.840.1.101.3.4.2.2': { name: 'sha384', size: 48, block: 128 },
  '2.16.840.1.101.3.4.2.3': { name: 'sha512', size: 64, block: 128 },
};

/** The PKCS#12 key derivation (RFC 7292 appendix B.2) for the MAC key, with Node's hashes. */
function pkcs12Kdf(digest: { name: string; size: number; block: number }, password: string, salt: Buffer, iterations: number): Buffer {
  const { size: u, block: v } = digest;
  const pass = Buffer.alloc(password.length ? (password.length + 1) * 2 : 0);
  for (let i = 0; i < password.length; i++) pass.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (source: Buffer) => {
    const out = Buffer.alloc(source.length ? v * Math.ceil(source.length / v) : 0);
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length];
    return out;
  };
  const input = Buffer.concat([fill(salt), fill(pass)]);
  let a = createHash(digest.name).update(Buffer.alloc(v, 3)).update(input).digest();
  for (let r = 1; r < iterations; r++) a = createHash(digest.name).update(a).digest();
  return a.subarray(0, u);
}

interface ForgePbe {
  getCipher(oid: string, params: forge.asn1.Asn1, password: string): forge.cipher.BlockCipher;
}

/** Decrypts PKCS#12 EncryptedData (certificates), whatever PBE the writer chose: node-forge knows RC2, 3DES and PBES2. */
function decryptContent(algorithm: Tlv, encrypted: Buffer, pin: string): Buffer {
  const node = forge.asn1.fromDer(algorithm.bytes.toString('latin1'));
  const children = node.value as forge.asn1.Asn1[];
  const pbe = (forge.pki as unknown as { pbe: ForgePbe }).pbe;
  const cipher = pbe.getCipher(forge.asn1.derToOid(children[0].value as string), children[1], pin);
  cipher.update(forge.util.createBuffer(encrypted.toString('latin1')));
  if (!cipher.finish()) throw new WrongPinError();
  return Buffer.from(cipher.output.getBytes(), 'latin1');
}

function decryptKey(encryptedPrivateKeyInfo: Buffer, pin: string): KeyObject {
  try {
    return createPrivateKey({ key: encryptedPrivateKeyInfo, format: 'der', type: 'pkcs8', passphrase: pin });
  } catch {
    // Algorithms OpenSSL 3 keeps in its legacy provider (RC2, …): decrypt with node-forge instead.
    const info = forge.pki.decryptPrivateKeyInfo(forge.asn1.fromDer(encryptedPrivateKeyInfo.toString('latin1')), pin);
    if (!info) throw new WrongPinError();
    return createPrivateKey({ key: Buffer.from(forge.asn1.toDer(info).getBytes(), 'latin1'), format: 'der', type: 'pkcs8' });
  }
}

function readSafeContents(safeContents: Tlv, pin: string, keys: KeyObject[], certificates: X509Certificate[]): void {
  for (const bag of safeContents.children) {
    const type = bag.child(0).oid;
    const value = bag.child(1).child(0);
    if (type === P12.keyBag) keys.push(createPrivateKey({ key: value.bytes, format: 'der', type: 'pkcs8' }));
    else if (type === P12.pkcs8ShroudedKeyBag) keys.push(decryptKey(value.bytes, pin));
    else if (type === P12.certBag && value.child(0).oid === P12.x509Certificate) certificates.push(new X509Certificate(value.child(1).child(0).content));
    else if (type === P12.safeContentsBag) readSafeContents(value, pin, keys, certificates);
  }
}

/** The chain from a leaf through the certificates at hand, each followed by its issuer. */
export function orderChain(leaf: X509Certificate, others: X509Certificate[]): X509Certificate[] {
  const chain = [leaf];
  const remaining = others.filter((c) => c !== leaf && c.fingerprint256 !== leaf.fingerprint256);
  for (let current = leaf; chain.length < 10; ) {
    if (current.checkIssued(current) && current.verify(current.publicKey)) break;
    const issuer = remaining.find((c) => current.checkIssued(c) && current.verify(c.publicKey));
    if (!issuer) break;
    chain.push(issuer);
    remaining.splice(remaining.indexOf(issuer), 1);
    current = issuer;
  }
  return chain;
}

/**
 * Opens a PKCS#12 file with the user's PIN and returns a signer for its key and chain (leaf
 * first). The MAC is checked first, so a wrong PIN is reported as such ({@link WrongPinError});
 * the certificate must be valid at `at` (default now) and allowed to sign.
 */
export function openPkcs12(p12: Buffer, pin: string, options: { at?: Date } = {}): Signer {
  let keys: KeyObject[] = [];
  let certificates: X509Certificate[] = [];
  try {
    const pfx = readTlv(p12);
    const authSafe = pfx.child(1);
    if (authSafe.child(0).oid !== P12.data) throw new Error('PKCS#12 protected by public keys is not supported');
    const authenticatedSafe = authSafe.child(1).child(0).content;
    const macData = pfx.children[2];
    if (macData) {
      const digestInfo = macData.child(0);
      const digest = MAC_DIGESTS[digestInfo.child(0).child(0).oid];
      if (!digest) throw new Error('Unsupported PKCS#12 MAC');
      const expected = digestInfo.child(1).content;
      const salt = macData.child(1).content;
      const iterations = macData.children[2] ? macData.child(2).integer : 1;
      const actual = createHmac(digest.name, pkcs12Kdf(digest, pin, salt, iterations)).update(authenticatedSafe).digest();
      if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) throw new WrongPinError();
    }
    for (const contentInfo of readTlv(authenticatedSafe).children) {
      const type = contentInfo.child(0).oid;
      if (type === P12.data) {
        readSafeContents(readTlv(contentInfo.child(1).child(0).content), pin, keys, certificates);
      } else if (type === P12.encryptedData) {
        const encryptedContentInfo = contentInfo.child(1).child(0).child(1);
        const decrypted = decryptContent(encryptedContentInfo.child(1), encryptedContentInfo.child(2).content, pin);
        readSafeContents(readTlv(decrypted), pin, keys, certificates);
      }
    }
  } catch (error) {
    if (error instanceof PdfSigningError) throw error;
    throw new InvalidCredentialError({ vi: 'không đọc được tệp PKCS#12 (.p12/.pfx).', en: 'the PKCS#12 (.p12/.pfx) file cannot be read.' }, { cause: error });
  }
  const key = keys.find((k) => certificates.some((c) => c.checkPrivateKey(k)));
  const leaf = key ? certificates.find((c) => c.checkPrivateKey(key)) : undefined;
  if (!key || !leaf) {
    throw new InvalidCredentialError({ vi: 'tệp không chứa khóa bí mật cùng chứng thư số của nó.', en: 'the file holds no private key with its certificate.' });
  }
  assertCanSign(leaf, options.at ?? new Date());
  const signer = keySigner(key, orderChain(leaf, certificates));
  keys = [];
  certificates = [];
  return signer;
}
