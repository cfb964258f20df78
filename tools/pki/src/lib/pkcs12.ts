import { createHash, createHmac, KeyObject, randomBytes, X509Certificate } from 'node:crypto';

import { Asn1, der, explicit, integer, nullValue, octets, oid, raw, seq, set } from './der';

const P12 = {
  data: '1.2.840.113549.1.7.1',
  pkcs8ShroudedKeyBag: '1.2.840.113549.1.12.10.1.2',
  certBag: '1.2.840.113549.1.12.10.1.3',
  x509Certificate: '1.2.840.113549.1.9.22.1',
  localKeyId: '1.2.840.113549.1.9.21',
  friendlyName: '1.2.840.113549.1.9.20',
  sha256: '2.16.840.1.101.3.4.2.1',
};

const ITERATIONS = 2048;

/**
 * The PKCS#12 key derivation (RFC 7292, appendix B.2) with SHA-256: OpenSSL 3 derives its MAC
 * key this way, so files we write open in OpenSSL, NSS, Windows and node-forge alike.
 */
function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  const u = 32;
  const v = 64;
  // The password as a BMPString with its two-byte terminator.
  const pass = Buffer.alloc((password.length + 1) * 2);
  for (let i = 0; i < password.length; i++) pass.writeUInt16BE(password.charCodeAt(i), i * 2);
  const fill = (source: Buffer) => {
    const out = Buffer.alloc(source.length ? v * Math.ceil(source.length / v) : 0);
    for (let i = 0; i < out.length; i++) out[i] = source[i % source.length];
    return out;
  };
  const input = Buffer.concat([fill(salt), fill(pass)]);
  const diversifier = Buffer.alloc(v, id);
  const output: Buffer[] = [];
  for (let produced = 0; produced < length; produced += u) {
    let a = createHash('sha256').update(diversifier).update(input).digest();
    for (let r = 1; r < iterations; r++) a = createHash('sha256').update(a).digest();
    output.push(a);
    const b = fill(a);
    for (let j = 0; j < input.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = input[j + k] + b[k] + carry;
        input[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return Buffer.concat(output).subarray(0, length);
}

function bmpString(text: string): Asn1 {
  const bytes = Buffer.alloc(text.length * 2);
  for (let i = 0; i < text.length; i++) bytes.writeUInt16BE(text.charCodeAt(i), i * 2);
  const node = octets(bytes);
  node.type = 30; // BMPString
  return node;
}

function dataContentInfo(bytes: Buffer): Asn1 {
  return seq(oid(P12.data), explicit(0, octets(bytes)));
}

/**
 * Writes a PKCS#12 file: the private key shrouded with PBES2 (AES-256-CBC, PBKDF2-HMAC-SHA256,
 * encrypted by Node's native crypto), the certificate chain in the clear (as `openssl pkcs12
 * -certpbe NONE` does: certificates are public), and a SHA-256 MAC over both under the PIN.
 */
export function writePkcs12(o: { privateKey: KeyObject; chain: X509Certificate[]; pin: string; friendlyName?: string }): Buffer {
  const localKeyId = createHash('sha1').update(o.chain[0].raw).digest();
  const attributes = (withName: boolean) =>
    set(seq(oid(P12.localKeyId), set(octets(localKeyId))), ...(withName && o.friendlyName ? [seq(oid(P12.friendlyName), set(bmpString(o.friendlyName)))] : []));

  const shrouded = o.privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: o.pin });
  const keyBag = seq(oid(P12.pkcs8ShroudedKeyBag), explicit(0, raw(shrouded)), attributes(true));
  const certBags = o.chain.map((certificate, index) => {
    const bag = seq(oid(P12.x509Certificate), explicit(0, octets(certificate.raw)));
    return index === 0 ? seq(oid(P12.certBag), explicit(0, bag), attributes(true)) : seq(oid(P12.certBag), explicit(0, bag));
  });

  const authenticatedSafe = der(seq(dataContentInfo(der(seq(...certBags))), dataContentInfo(der(seq(keyBag)))));
  const salt = randomBytes(16);
  const macKey = pkcs12Kdf(o.pin, salt, 3, ITERATIONS, 32);
  const mac = createHmac('sha256', macKey).update(authenticatedSafe).digest();
  const macData = seq(seq(seq(oid(P12.sha256), nullValue()), octets(mac)), octets(salt), integer(ITERATIONS));
  return der(seq(integer(3), dataContentInfo(authenticatedSafe), macData));
}
