import { createHash, KeyObject, constants as cryptoConstants, verify as verifySignature } from 'node:crypto';

import { Asn1, der, explicit, implicitSet, integer, nullValue, octets, oid, raw, readTlv, seq, set, Tlv } from './asn1';
import { ParsedCertificate } from './certificate';

/** Digest algorithms a signature may use. */
export type DigestAlgorithm = 'sha256' | 'sha384' | 'sha512';

/** Object identifiers of CMS, RFC 3161 and the algorithms this library writes or reads. */
export const OIDS = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificate: '1.2.840.113549.1.9.16.2.12',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
  timeStampToken: '1.2.840.113549.1.9.16.2.14',
  tstInfo: '1.2.840.113549.1.9.16.1.4',
  rsaEncryption: '1.2.840.113549.1.1.1',
  rsassaPss: '1.2.840.113549.1.1.10',
  ecPublicKey: '1.2.840.10045.2.1',
} as const;

const DIGEST_OIDS: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

const OID_OF_DIGEST: Record<string, string> = Object.fromEntries(Object.entries(DIGEST_OIDS).map(([k, v]) => [v, k]));

/** Signature algorithms by OID: the digest they imply (if any) and the key family. */
const SIGNATURE_OIDS: Record<string, { digest?: string; family: 'rsa' | 'ec' | 'rsa-pss' }> = {
  [OIDS.rsaEncryption]: { family: 'rsa' },
  '1.2.840.113549.1.1.5': { digest: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.14': { digest: 'sha224', family: 'rsa' },
  '1.2.840.113549.1.1.11': { digest: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { digest: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { digest: 'sha512', family: 'rsa' },
  [OIDS.rsassaPss]: { family: 'rsa-pss' },
  [OIDS.ecPublicKey]: { family: 'ec' },
  '1.2.840.10045.4.1': { digest: 'sha1', family: 'ec' },
  '1.2.840.10045.4.3.1': { digest: 'sha224', family: 'ec' },
  '1.2.840.10045.4.3.2': { digest: 'sha256', family: 'ec' },
  '1.2.840.10045.4.3.3': { digest: 'sha384', family: 'ec' },
  '1.2.840.10045.4.3.4': { digest: 'sha512', family: 'ec' },
};

const ECDSA_OID: Record<DigestAlgorithm, string> = { sha256: '1.2.840.10045.4.3.2', sha384: '1.2.840.10045.4.3.3', sha512: '1.2.840.10045.4.3.4' };

/** The name Node's crypto knows a digest OID by, or null. */
export function digestName(digestOid: string): string | null {
  return DIGEST_OIDS[digestOid] ?? null;
}

/** `AlgorithmIdentifier` of a digest (parameters absent, as RFC 5754 asks). */
export function digestAlgorithmIdentifier(algorithm: string): Asn1 {
  const id = OID_OF_DIGEST[algorithm];
  if (!id) throw new Error(`Unknown digest ${algorithm}`);
  return seq(oid(id));
}

/**
 * The signature algorithm to announce for a signer's key: rsaEncryption for RSA (what Adobe,
 * NSS and OpenSSL all accept in SignerInfo), ecdsa-with-SHA* for EC.
 */
export function signatureAlgorithmIdentifier(key: KeyObject, digest: DigestAlgorithm): Asn1 {
  if (key.asymmetricKeyType === 'rsa') return seq(oid(OIDS.rsaEncryption), nullValue());
  if (key.asymmetricKeyType === 'ec') return seq(oid(ECDSA_OID[digest]));
  throw new Error(`Unsupported key type ${key.asymmetricKeyType}`);
}

function attribute(type: string, ...values: Asn1[]): Asn1 {
  return seq(oid(type), set(...values));
}

/** DER `SET OF` sorts its elements by their encodings (X.690 §11.6). */
function derSetOf(elements: Buffer[]): Buffer {
  const sorted = [...elements].sort(Buffer.compare);
  return der(set(...sorted.map(raw)));
}

/**
 * The signed attributes of a PAdES B-B signature (ETSI EN 319 142-1 §5.2): content-type,
 * message-digest and signing-certificate-v2 — no signing-time (the signing time is /M in the
 * signature dictionary). Returned as DER in the SET form that is hashed and signed.
 */
export function buildSignedAttributes(digest: DigestAlgorithm, documentDigest: Buffer, signer: ParsedCertificate): Buffer {
  // ESSCertIDv2 with SHA-256 (the default, so its algorithm is omitted) and IssuerSerial.
  const certHash = createHash('sha256').update(signer.der).digest();
  const issuerSerial = seq(seq(explicit(4, raw(signer.issuerDer))), integer(signer.serialContent));
  const signingCertificateV2 = seq(seq(seq(octets(certHash), issuerSerial)));
  return derSetOf([
    der(attribute(OIDS.contentType, oid(OIDS.data))),
    der(attribute(OIDS.messageDigest, octets(documentDigest))),
    der(attribute(OIDS.signingCertificateV2, signingCertificateV2)),
  ]);
}

/** Builds the CMS SignedData (detached) around a signature over the signed attributes. */
export function buildSignedData(o: {
  digest: DigestAlgorithm;
  signedAttributes: Buffer;
  signature: Buffer;
  signer: ParsedCertificate;
  certificates: ParsedCertificate[];
  unsignedAttributes?: Asn1[];
}): Buffer {
  // In SignerInfo the signed attributes are [0] IMPLICIT: same content, another tag.
  const signedAttrs = Buffer.from(o.signedAttributes);
  signedAttrs[0] = 0xa0;
  const signerInfo = seq(
    integer(1),
    seq(raw(o.signer.issuerDer), integer(o.signer.serialContent)),
    digestAlgorithmIdentifier(o.digest),
    raw(signedAttrs),
    signatureAlgorithmIdentifier(o.signer.x509.publicKey, o.digest),
    octets(o.signature),
    ...(o.unsignedAttributes?.length ? [implicitSet(1, o.unsignedAttributes)] : []),
  );
  const signedData = seq(
    integer(1),
    set(digestAlgorithmIdentifier(o.digest)),
    seq(oid(OIDS.data)),
    implicitSet(0, o.certificates.map((c) => raw(c.der))),
    set(signerInfo),
  );
  return der(seq(oid(OIDS.signedData), explicit(0, signedData)));
}

/** The signature-time-stamp attribute (RFC 3161 appendix A) carrying a time-stamp token. */
export function timestampAttribute(token: Buffer): Asn1 {
  return attribute(OIDS.timeStampToken, raw(token));
}

/** One SignerInfo as read from a CMS. */
export interface ParsedSignerInfo {
  tlv: Tlv;
  issuerDer: Buffer | null;
  serialHex: string | null;
  subjectKeyId: Buffer | null;
  digestOid: string;
  /** The signed attributes re-tagged as the SET that was signed, or null when there are none. */
  signedAttributes: Buffer | null;
  attributes: Map<string, Tlv[]>;
  unsignedAttributes: Map<string, Tlv[]>;
  signatureOid: string;
  signatureParams: Tlv | undefined;
  signature: Buffer;
}

/** A CMS SignedData as read. */
export interface ParsedSignedData {
  /** The ContentInfo's own bytes (a /Contents value is padded with zeros after it). */
  bytes: Buffer;
  eContentType: string;
  eContent: Buffer | null;
  certificates: Buffer[];
  signerInfos: ParsedSignerInfo[];
}

function readAttributes(node: Tlv | undefined): Map<string, Tlv[]> {
  const out = new Map<string, Tlv[]>();
  for (const attr of node?.children ?? []) out.set(attr.child(0).oid, attr.child(1).children);
  return out;
}

/** Reads a CMS ContentInfo holding SignedData (BER accepted, trailing padding ignored). */
export function parseSignedData(bytes: Buffer): ParsedSignedData {
  const contentInfo = readTlv(bytes);
  if (contentInfo.child(0).oid !== OIDS.signedData) throw new Error('Not a CMS SignedData');
  const signedData = contentInfo.child(1).child(0);
  const parts = signedData.children;
  const encap = parts[2];
  const eContent = encap.children[1]?.child(0).content ?? null;
  let index = 3;
  const certificates: Buffer[] = [];
  if (parts[index]?.contextTag === 0) {
    for (const cert of parts[index].children) if (cert.tag === 0x30) certificates.push(cert.bytes);
    index++;
  }
  if (parts[index]?.contextTag === 1) index++;
  const signerInfos = parts[index].children.map((si): ParsedSignerInfo => {
    const fields = si.children;
    const sid = fields[1];
    let at = 2;
    const digestOid = fields[at++].child(0).oid;
    let signedAttributes: Buffer | null = null;
    let attributes = new Map<string, Tlv[]>();
    if (fields[at].contextTag === 0) {
      const element = fields[at++];
      // What was signed is the DER SET: same bytes with the universal SET tag.
      const content = bytes.subarray(element.contentStart, element.contentEnd);
      // BER with an indefinite length: what was signed is the DER form, re-encoded here.
      signedAttributes = element.end - element.contentEnd === 2 ? derSetOf(elementsOf(content)) : Buffer.concat([Buffer.from([0x31]), element.bytes.subarray(1)]);
      attributes = readAttributes(element);
    }
    const algorithm = fields[at++];
    const signature = fields[at++].content;
    const unsigned = fields[at]?.contextTag === 1 ? fields[at] : undefined;
    return {
      tlv: si,
      issuerDer: sid.tag === 0x30 ? sid.child(0).bytes : null,
      serialHex: sid.tag === 0x30 ? sid.child(1).integerHex : null,
      subjectKeyId: sid.contextTag === 0 ? sid.content : null,
      digestOid,
      signedAttributes,
      attributes,
      unsignedAttributes: readAttributes(unsigned),
      signatureOid: algorithm.child(0).oid,
      signatureParams: algorithm.children[1],
      signature,
    };
  });
  return { bytes: contentInfo.bytes, eContentType: encap.child(0).oid, eContent, certificates, signerInfos };
}

function elementsOf(content: Buffer): Buffer[] {
  const elements: Buffer[] = [];
  for (let at = 0; at < content.length && !(content[at] === 0 && content[at + 1] === 0); ) {
    const element = readTlv(content, at);
    elements.push(der(raw(element.bytes)));
    at = element.end;
  }
  return elements;
}

/** Whether a SignerInfo names a certificate (by issuer and serial, or by subject key identifier). */
export function signerInfoNames(signerInfo: ParsedSignerInfo, certificate: ParsedCertificate): boolean {
  if (signerInfo.issuerDer && signerInfo.serialHex) return signerInfo.issuerDer.equals(certificate.issuerDer) && signerInfo.serialHex === certificate.serialHex;
  return !!signerInfo.subjectKeyId && !!certificate.subjectKeyId && signerInfo.subjectKeyId.equals(certificate.subjectKeyId);
}

/** The digest a SignerInfo's signature was made with. */
export function signatureDigest(signerInfo: ParsedSignerInfo): string | null {
  const algorithm = SIGNATURE_OIDS[signerInfo.signatureOid];
  if (algorithm?.family === 'rsa-pss') {
    const hash = signerInfo.signatureParams?.children.find((c) => c.contextTag === 0);
    return hash ? digestName(hash.child(0).child(0).oid) : 'sha1';
  }
  return algorithm?.digest ?? digestName(signerInfo.digestOid);
}

/** Verifies a SignerInfo's signature over `data` (its signed attributes, or the content when it has none) with a certificate's key. */
export function verifySignerInfo(signerInfo: ParsedSignerInfo, certificate: ParsedCertificate, data: Buffer): boolean {
  const algorithm = SIGNATURE_OIDS[signerInfo.signatureOid];
  const digest = signatureDigest(signerInfo);
  if (!algorithm || !digest) return false;
  const key = certificate.x509.publicKey;
  try {
    if (algorithm.family === 'rsa-pss') {
      const salt = signerInfo.signatureParams?.children.find((c) => c.contextTag === 2);
      return verifySignature(digest, data, { key, padding: cryptoConstants.RSA_PKCS1_PSS_PADDING, saltLength: salt ? salt.child(0).integer : 20 }, signerInfo.signature);
    }
    return verifySignature(digest, data, key, signerInfo.signature);
  } catch {
    return false;
  }
}

/** The message-digest attribute's value. */
export function messageDigestOf(signerInfo: ParsedSignerInfo): Buffer | null {
  return signerInfo.attributes.get(OIDS.messageDigest)?.[0]?.content ?? null;
}

/** A SignedData around a SignerInfo from elsewhere, with the certificates it should carry (for a token's bare signature). */
export function wrapSignerInfo(signerInfo: Buffer, digestAlgorithm: Asn1, certificates: Buffer[]): Buffer {
  const unique = certificates.filter((c, i) => certificates.findIndex((d) => d.equals(c)) === i);
  // SignedData is version 3 when a SignerInfo names its certificate by key identifier (RFC 5652 §5.1).
  const version = readTlv(signerInfo).child(0).integer === 3 ? 3 : 1;
  const signedData = seq(integer(version), set(digestAlgorithm), seq(oid(OIDS.data)), implicitSet(0, unique.map(raw)), set(raw(signerInfo)));
  return der(seq(oid(OIDS.signedData), explicit(0, signedData)));
}
