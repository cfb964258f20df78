import { X509Certificate } from 'node:crypto';

import { readTlv, Tlv } from './asn1';

/** The fields of a certificate this library needs, read from its DER (UTF-8 names decoded correctly). */
export interface ParsedCertificate {
  x509: X509Certificate;
  der: Buffer;
  /** The serial's content octets as encoded (for IssuerAndSerialNumber), and as uppercase hex. */
  serialContent: Buffer;
  serialHex: string;
  /** The issuer and subject `Name`s as encoded. */
  issuerDer: Buffer;
  subjectDer: Buffer;
  issuer: NameFields;
  subject: NameFields;
  notBefore: Date;
  notAfter: Date;
  /** keyUsage bit names, or null when the extension is absent (any usage). */
  keyUsage: Set<KeyUsageName> | null;
  extKeyUsage: string[] | null;
  isCa: boolean;
  subjectKeyId: Buffer | null;
  authorityKeyId: Buffer | null;
}

/** keyUsage bits (RFC 5280 §4.2.1.3). */
export type KeyUsageName = 'digitalSignature' | 'nonRepudiation' | 'keyEncipherment' | 'dataEncipherment' | 'keyAgreement' | 'keyCertSign' | 'cRLSign' | 'encipherOnly' | 'decipherOnly';
const KEY_USAGE_BITS: KeyUsageName[] = ['digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement', 'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly'];

/** Attribute values of a distinguished name by OID (several when an attribute repeats). */
export type NameFields = Map<string, string[]>;

/** Attribute types of the names on Vietnamese certificates (X.520, RFC 4519, PKCS#9). */
export const NAME_OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  country: '2.5.4.6',
  locality: '2.5.4.7',
  province: '2.5.4.8',
  organisation: '2.5.4.10',
  organisationalUnit: '2.5.4.11',
  title: '2.5.4.12',
  uid: '0.9.2342.19200300.100.1.1',
  email: '1.2.840.113549.1.9.1',
} as const;

/** A directory string in whatever type it was written: UTF8String, BMPString, UniversalString, or the 8-bit ones. */
export function decodeDirectoryString(value: Tlv): string {
  const bytes = value.content;
  switch (value.tag) {
    case 0x0c:
      return bytes.toString('utf8');
    case 0x1e: {
      let out = '';
      for (let i = 0; i + 1 < bytes.length; i += 2) out += String.fromCharCode(bytes.readUInt16BE(i));
      return out;
    }
    case 0x1c: {
      let out = '';
      for (let i = 0; i + 3 < bytes.length; i += 4) out += String.fromCodePoint(bytes.readUInt32BE(i));
      return out;
    }
    default:
      // PrintableString, IA5String, TeletexString (in practice Latin-1), VisibleString.
      return bytes.toString('latin1');
  }
}

function readName(name: Tlv): NameFields {
  const fields: NameFields = new Map();
  for (const rdn of name.children) {
    for (const attribute of rdn.children) {
      const key = attribute.child(0).oid;
      const list = fields.get(key) ?? [];
      list.push(decodeDirectoryString(attribute.child(1)));
      fields.set(key, list);
    }
  }
  return fields;
}

const cache = new WeakMap<X509Certificate, ParsedCertificate>();

/** Parses a certificate (cached per X509Certificate object). */
export function parseCertificate(certificate: X509Certificate): ParsedCertificate {
  const cached = cache.get(certificate);
  if (cached) return cached;
  const der = certificate.raw;
  const tbs = readTlv(der).child(0);
  const fields = tbs.children;
  const offset = fields[0].contextTag === 0 ? 1 : 0;
  const serial = fields[offset];
  const issuer = fields[offset + 2];
  const validity = fields[offset + 3];
  const subject = fields[offset + 4];
  const parsed: ParsedCertificate = {
    x509: certificate,
    der,
    serialContent: serial.content,
    serialHex: serial.integerHex,
    issuerDer: issuer.bytes,
    subjectDer: subject.bytes,
    issuer: readName(issuer),
    subject: readName(subject),
    notBefore: validity.child(0).time,
    notAfter: validity.child(1).time,
    keyUsage: null,
    extKeyUsage: null,
    isCa: false,
    subjectKeyId: null,
    authorityKeyId: null,
  };
  const extensions = fields.find((f) => f.contextTag === 3);
  for (const extension of extensions?.child(0).children ?? []) {
    const id = extension.child(0).oid;
    const value = readTlv(extension.children[extension.children.length - 1].content);
    if (id === '2.5.29.15') {
      const bits = value.content;
      parsed.keyUsage = new Set(KEY_USAGE_BITS.filter((_, bit) => 1 + (bit >> 3) < bits.length && bits[1 + (bit >> 3)] & (0x80 >> (bit & 7))));
    } else if (id === '2.5.29.37') {
      parsed.extKeyUsage = value.children.map((c) => c.oid);
    } else if (id === '2.5.29.19') {
      parsed.isCa = value.children.length > 0 && value.child(0).tag === 0x01 && value.child(0).content[0] !== 0;
    } else if (id === '2.5.29.14') {
      parsed.subjectKeyId = value.content;
    } else if (id === '2.5.29.35') {
      parsed.authorityKeyId = value.children.find((c) => c.contextTag === 0)?.content ?? null;
    }
  }
  cache.set(certificate, parsed);
  return parsed;
}

/** Whether a certificate may make document signatures: keyUsage absent, or with digitalSignature or nonRepudiation. */
export function allowsSigning(certificate: ParsedCertificate): boolean {
  return !certificate.keyUsage || certificate.keyUsage.has('digitalSignature') || certificate.keyUsage.has('nonRepudiation');
}

/**
 * Whether a certificate's keyUsage lets it make document signatures (digitalSignature or
 * nonRepudiation, or no keyUsage at all): what a server checks before it registers a person's
 * token certificate, so that one which could never sign is refused at once.
 */
export function certificateAllowsSigning(certificate: X509Certificate | string | Buffer): boolean {
  return allowsSigning(parseCertificate(toX509(certificate)));
}

/** A name as people read it: the common name, then title, unit and organisation, without repeats. */
export function displayName(fields: NameFields): string {
  const parts: string[] = [];
  for (const key of [NAME_OID.commonName, NAME_OID.title, NAME_OID.organisationalUnit, NAME_OID.organisation]) {
    for (const value of fields.get(key) ?? []) if (value && !parts.includes(value)) parts.push(value);
  }
  return parts.join(', ');
}

/** Accepts certificates as objects or PEM text. */
export function toX509(certificate: X509Certificate | string | Buffer): X509Certificate {
  return certificate instanceof X509Certificate ? certificate : new X509Certificate(certificate);
}
