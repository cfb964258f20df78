import { createHash, webcrypto, X509Certificate } from 'node:crypto';

import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

/**
 * pkijs on Node's WebCrypto. The engine is passed to every pkijs call rather than installed
 * with `pkijs.setEngine`, so that a host process using pkijs for something else keeps its own.
 */
export const pkiCrypto = new pkijs.CryptoEngine({ name: 'vanthu-node-webcrypto', crypto: webcrypto as unknown as Crypto });

/** A certificate as pkijs reads it, from DER. */
export function pkijsCertificate(certificate: X509Certificate | Buffer): pkijs.Certificate {
  const der = certificate instanceof X509Certificate ? certificate.raw : certificate;
  return pkijs.Certificate.fromBER(new Uint8Array(der));
}

/** The DER a pkijs certificate was read from (its bytes, not a re-encoding). */
export function certificateDer(certificate: pkijs.Certificate): Buffer {
  return Buffer.from(certificate.toSchema(true).toBER(false));
}

/** The subject public key's bits hashed with SHA-1: what OCSP's ResponderID byKey holds (RFC 6960 §4.2.1). */
export function publicKeySha1(certificate: pkijs.Certificate): Buffer {
  return createHash('sha1').update(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView).digest();
}

/** Object identifiers of the extensions and purposes path validation reads. */
export const PKIX = {
  crlDistributionPoints: '2.5.29.31',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  extKeyUsage: '2.5.29.37',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  ocspBasic: '1.3.6.1.5.5.7.48.1.1',
  crlReason: '2.5.29.21',
  keyUsage: '2.5.29.15',
} as const;

/** The HTTP(S) URLs of a certificate's CRL distribution points (full names only; LDAP and relative names are left out). */
export function crlUrls(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === PKIX.crlDistributionPoints);
  const parsed = extension?.parsedValue as pkijs.CRLDistributionPoints | undefined;
  const urls: string[] = [];
  for (const point of parsed?.distributionPoints ?? []) {
    const names = Array.isArray(point.distributionPoint) ? point.distributionPoint : [];
    for (const name of names) if (name.type === 6 && typeof name.value === 'string' && /^https?:\/\//i.test(name.value)) urls.push(name.value);
  }
  return urls;
}

/** The HTTP(S) URLs of a certificate's OCSP responders (Authority Information Access). */
export function ocspUrls(certificate: pkijs.Certificate): string[] {
  const extension = certificate.extensions?.find((e) => e.extnID === PKIX.authorityInfoAccess);
  const parsed = extension?.parsedValue as pkijs.InfoAccess | undefined;
  return (parsed?.accessDescriptions ?? [])
    .filter((d) => d.accessMethod === PKIX.accessOcsp && d.accessLocation.type === 6 && /^https?:\/\//i.test(String(d.accessLocation.value)))
    .map((d) => String(d.accessLocation.value));
}

/** The extended key usage purposes, or null when the extension is absent. */
export function extendedKeyUsage(certificate: pkijs.Certificate): string[] | null {
  const extension = certificate.extensions?.find((e) => e.extnID === PKIX.extKeyUsage);
  const parsed = extension?.parsedValue as pkijs.ExtKeyUsage | undefined;
  return parsed ? parsed.keyPurposes : null;
}

/** Whether a certificate's keyUsage allows a bit (true when the extension is absent). */
export function keyUsageAllows(certificate: pkijs.Certificate, bit: number): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === PKIX.keyUsage);
  if (!extension?.parsedValue) return true;
  const bytes = new Uint8Array((extension.parsedValue as asn1js.BitString).valueBlock.valueHexView);
  return (bytes[bit >> 3] ?? 0) & (0x80 >> (bit & 7)) ? true : false;
}

/** A short human description of a certificate for diagnostics: its common name, else its subject. */
export function describe(certificate: pkijs.Certificate): string {
  const cn = certificate.subject.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : certificate.subject.typesAndValues.map((t) => String(t.value.valueBlock.value)).join(', ');
}
