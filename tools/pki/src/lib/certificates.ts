import { createHash, KeyObject, randomBytes, sign, X509Certificate } from 'node:crypto';

import { Asn1, bits, bool, children, content, der, explicit, ia5, implicitConstructed, implicitPrimitive, integer, nullValue, octets, oid, printable, raw, seq, set, time, utf8 } from './der';

/**
 * The parts of a subject name VănThư's certificates carry, in the order Vietnamese CAs
 * (VNPT-CA, Ban Cơ yếu Chính phủ) write them: C, ST, L, O, OU, T, CN, UID. Text is UTF-8.
 */
export interface SubjectFields {
  commonName: string;
  country?: string;
  province?: string;
  locality?: string;
  organisation?: string;
  organisationalUnit?: string;
  title?: string;
  /** e.g. `CCCD:001085012345` (citizen ID) or `MST:0101234567` (tax code). */
  uid?: string;
  email?: string;
}

export const OID = {
  country: '2.5.4.6',
  province: '2.5.4.8',
  locality: '2.5.4.7',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  commonName: '2.5.4.3',
  uid: '0.9.2342.19200300.100.1.1',
  email: '1.2.840.113549.1.9.1',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRsa: '1.2.840.113549.1.1.11',
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
  crlDistributionPoints: '2.5.29.31',
  crlNumber: '2.5.29.20',
  crlReason: '2.5.29.21',
  authorityInfoAccess: '1.3.6.1.5.5.7.1.1',
  accessOcsp: '1.3.6.1.5.5.7.48.1',
  accessCaIssuers: '1.3.6.1.5.5.7.48.2',
  ocspNoCheck: '1.3.6.1.5.5.7.48.1.5',
  ocspSigning: '1.3.6.1.5.5.7.3.9',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  // RFC 9336 id-kp-documentSigning.
  documentSigning: '1.3.6.1.5.5.7.3.36',
} as const;

const NAME_ORDER: (keyof SubjectFields)[] = ['country', 'province', 'locality', 'organisation', 'organisationalUnit', 'title', 'commonName', 'uid', 'email'];

/** A distinguished name as DER (`Name`), one attribute per RDN. */
export function encodeName(fields: SubjectFields): Asn1 {
  const rdns: Asn1[] = [];
  for (const key of NAME_ORDER) {
    const value = fields[key];
    if (value === undefined || value === '') continue;
    // Country is PrintableString and e-mail IA5String by their definitions; everything else UTF8String.
    const encoded = key === 'country' ? printable(value) : key === 'email' ? ia5(value) : utf8(value);
    rdns.push(set(seq(oid(OID[key]), encoded)));
  }
  return seq(...rdns);
}

/** keyUsage bits (RFC 5280 §4.2.1.3), numbered from the most significant bit of the first byte. */
export const KeyUsage = {
  digitalSignature: 0,
  nonRepudiation: 1,
  keyEncipherment: 2,
  dataEncipherment: 3,
  keyAgreement: 4,
  keyCertSign: 5,
  cRLSign: 6,
} as const;

/** A keyUsage bit by name. */
export type KeyUsageName = keyof typeof KeyUsage;

function keyUsageValue(usages: number[]): Asn1 {
  const byteCount = Math.max(...usages) >= 8 ? 2 : 1;
  const bytes = Buffer.alloc(byteCount);
  for (const bit of usages) bytes[bit >> 3] |= 0x80 >> (bit & 7);
  // DER drops trailing zero bits and says how many were dropped in the first content byte.
  let unused = 0;
  const last = bytes[byteCount - 1];
  while (unused < 7 && !(last & (1 << unused))) unused++;
  const node = bits(bytes);
  node.value = String.fromCharCode(unused) + bytes.toString('latin1');
  return node;
}

function extension(id: string, critical: boolean, value: Asn1): Asn1 {
  return critical ? seq(oid(id), bool(true), octets(der(value))) : seq(oid(id), octets(der(value)));
}

/** The extensions a certificate may carry, already encoded. */
export const Extensions = {
  basicConstraints(ca: boolean, pathLength?: number): Asn1 {
    const items = ca ? [bool(true), ...(pathLength === undefined ? [] : [integer(pathLength)])] : [];
    return extension(OID.basicConstraints, ca, seq(...items));
  },
  keyUsage(usages: number[]): Asn1 {
    return extension(OID.keyUsage, true, keyUsageValue(usages));
  },
  extKeyUsage(purposes: string[], critical = false): Asn1 {
    return extension(OID.extKeyUsage, critical, seq(...purposes.map(oid)));
  },
  subjectKeyIdentifier(keyId: Buffer): Asn1 {
    return extension(OID.subjectKeyIdentifier, false, octets(keyId));
  },
  authorityKeyIdentifier(keyId: Buffer): Asn1 {
    return extension(OID.authorityKeyIdentifier, false, seq(implicitPrimitive(0, keyId)));
  },
  crlDistributionPoint(url: string): Asn1 {
    // DistributionPoint { distributionPoint [0] { fullName [0] GeneralNames { uniformResourceIdentifier [6] } } }
    const uri = implicitPrimitive(6, Buffer.from(url, 'latin1'));
    return extension(OID.crlDistributionPoints, false, seq(seq(implicitConstructed(0, [implicitConstructed(0, [uri])]))));
  },
  /** Authority Information Access (RFC 5280 §4.2.2.1): where the OCSP responder and the issuer's certificate are. */
  authorityInfoAccess(o: { ocsp?: string; caIssuers?: string }): Asn1 {
    const access = (method: string, url: string) => seq(oid(method), implicitPrimitive(6, Buffer.from(url, 'latin1')));
    const items = [...(o.ocsp ? [access(OID.accessOcsp, o.ocsp)] : []), ...(o.caIssuers ? [access(OID.accessCaIssuers, o.caIssuers)] : [])];
    return extension(OID.authorityInfoAccess, false, seq(...items));
  },
  /** id-pkix-ocsp-nocheck (RFC 6960 §4.2.2.2.1): a delegated responder's own certificate is not checked for revocation. */
  ocspNoCheck(): Asn1 {
    return extension(OID.ocspNoCheck, false, nullValue());
  },
};

/** SHA-1 of the subjectPublicKey bits: the key identifier method 1 of RFC 5280 §4.2.1.2. */
export function keyIdentifier(publicKey: KeyObject): Buffer {
  const spki = raw(publicKey.export({ type: 'spki', format: 'der' }));
  const keyBits = content(children(spki)[1]).subarray(1);
  return createHash('sha1').update(keyBits).digest();
}

/** The signature algorithm a CA key signs with (SHA-256 with RSA or ECDSA). */
export function signatureAlgorithm(key: KeyObject): Asn1 {
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OID.sha256WithRsa), nullValue());
  if (key.asymmetricKeyType === 'ec') return seq(oid(OID.ecdsaWithSha256));
  throw new Error(`Unsupported CA key type: ${key.asymmetricKeyType}`);
}

/** Signs a TBS structure with the issuer's key and wraps it with its algorithm: Certificate, CertificateList. */
export function signStructure(tbs: Asn1, issuerKey: KeyObject): Buffer {
  const algorithm = signatureAlgorithm(issuerKey);
  const signature = sign('sha256', der(tbs), issuerKey);
  return der(seq(tbs, algorithm, bits(signature)));
}

/** A fresh positive 16-byte serial number (RFC 5280 allows up to 20 octets), as uppercase hex. */
export function newSerial(): Buffer {
  const serial = randomBytes(16);
  // Keep the first byte in 0x10–0x7f: positive, and no leading zero byte for tools to drop.
  serial[0] = 0x10 | (serial[0] & 0x6f);
  return serial;
}

/** What an issuer contributes to a certificate it signs. */
export interface IssuerInfo {
  name: Asn1;
  privateKey: KeyObject;
  keyId: Buffer;
}

/** Issues an X.509 v3 certificate: TBS built here, signed with Node's native crypto. */
export function issueCertificate(o: {
  subject: Asn1;
  publicKey: KeyObject;
  issuer: IssuerInfo;
  serial: Buffer;
  notBefore: Date;
  notAfter: Date;
  extensions: Asn1[];
}): X509Certificate {
  const tbs = seq(
    explicit(0, integer(2)),
    integer(o.serial),
    signatureAlgorithm(o.issuer.privateKey),
    o.issuer.name,
    seq(time(o.notBefore), time(o.notAfter)),
    o.subject,
    raw(o.publicKey.export({ type: 'spki', format: 'der' })),
    explicit(3, seq(...o.extensions)),
  );
  return new X509Certificate(signStructure(tbs, o.issuer.privateKey));
}

/** The subject `Name` of a certificate, as it is encoded in it (CRLs must repeat it byte for byte). */
export function subjectNameOf(certificate: X509Certificate): Asn1 {
  const tbs = children(raw(certificate.raw))[0];
  const fields = children(tbs);
  // version [0] is present in v3 certificates: serial, signature, issuer, validity, subject follow it.
  const offset = fields[0].tagClass === 0x80 ? 1 : 0;
  return fields[offset + 4];
}
