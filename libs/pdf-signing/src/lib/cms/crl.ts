import { verify as verifySignature } from 'node:crypto';

import { readTlv } from './asn1';
import { ParsedCertificate } from './certificate';

/** A certificate revocation list as read (RFC 5280 §5). */
export interface ParsedCrl {
  issuerDer: Buffer;
  thisUpdate: Date;
  nextUpdate: Date | null;
  /** Serial (uppercase hex) → revocation date. */
  revoked: Map<string, Date>;
  /** Whether the CRL's signature verifies with a given issuer certificate. */
  signedBy(issuer: ParsedCertificate): boolean;
}

const SIGNATURE_DIGESTS: Record<string, string> = {
  '1.2.840.113549.1.1.5': 'sha1',
  '1.2.840.113549.1.1.11': 'sha256',
  '1.2.840.113549.1.1.12': 'sha384',
  '1.2.840.113549.1.1.13': 'sha512',
  '1.2.840.10045.4.1': 'sha1',
  '1.2.840.10045.4.3.2': 'sha256',
  '1.2.840.10045.4.3.3': 'sha384',
  '1.2.840.10045.4.3.4': 'sha512',
};

/** Reads a CRL given as DER or PEM. */
export function parseCrl(input: Buffer | string): ParsedCrl {
  const text = typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1');
  const der = text.includes('-----BEGIN')
    ? Buffer.from((typeof input === 'string' ? input : input.toString('latin1')).replace(/-----(BEGIN|END) X509 CRL-----/g, '').replace(/\s+/g, ''), 'base64')
    : Buffer.isBuffer(input)
      ? input
      : Buffer.from(input, 'latin1');
  const list = readTlv(der);
  const tbs = list.child(0);
  const fields = tbs.children;
  let at = fields[0].tag === 0x02 ? 1 : 0;
  at++; // signature algorithm
  const issuer = fields[at++];
  const thisUpdate = fields[at++].time;
  let nextUpdate: Date | null = null;
  if (fields[at] && (fields[at].tag === 0x17 || fields[at].tag === 0x18)) nextUpdate = fields[at++].time;
  const revoked = new Map<string, Date>();
  if (fields[at] && fields[at].tag === 0x30) {
    for (const entry of fields[at].children) revoked.set(entry.child(0).integerHex, entry.child(1).time);
  }
  const algorithm = list.child(1).child(0).oid;
  const signature = list.child(2).content.subarray(1);
  return {
    issuerDer: issuer.bytes,
    thisUpdate,
    nextUpdate,
    revoked,
    signedBy(issuerCertificate) {
      const digest = SIGNATURE_DIGESTS[algorithm];
      if (!digest) return false;
      try {
        return verifySignature(digest, tbs.bytes, issuerCertificate.x509.publicKey, signature);
      } catch {
        return false;
      }
    },
  };
}
