import { createHash, randomBytes, X509Certificate } from 'node:crypto';

import { TimestampError } from '../errors';
import { bool, der, integer, octets, readTlv, seq } from './asn1';
import { parseCertificate, ParsedCertificate } from './certificate';
import { digestAlgorithmIdentifier, DigestAlgorithm, digestName, messageDigestOf, OIDS, parseSignedData, ParsedSignedData, signerInfoNames, verifySignerInfo } from './cms';

/** What a time-stamp token says and whether its own signature holds. */
export interface TimestampInfo {
  genTime: Date;
  /** Digest algorithm (Node name) and value of the time-stamped data. */
  imprintAlgorithm: string | null;
  imprint: Buffer;
  nonceHex: string | null;
  signedData: ParsedSignedData;
  /** The TSA's certificate, when the token carries it. */
  tsaCertificate: ParsedCertificate | null;
  /** The token's CMS signature verifies with the TSA certificate and its message-digest matches TSTInfo. */
  signatureValid: boolean;
}

/** Reads an RFC 3161 time-stamp token (a SignedData over TSTInfo) and checks its signature. */
export function readTimestampToken(token: Buffer): TimestampInfo {
  const signedData = parseSignedData(token);
  if (signedData.eContentType !== OIDS.tstInfo || !signedData.eContent) throw new Error('Not a time-stamp token');
  const tstInfo = readTlv(signedData.eContent);
  const fields = tstInfo.children;
  const messageImprint = fields[2];
  // TSTInfo: version, policy, messageImprint, serialNumber, genTime, accuracy?, ordering?, nonce?, …
  const nonce = fields.slice(5).find((f) => f.tag === 0x02);
  const signerInfo = signedData.signerInfos[0];
  let tsaCertificate: ParsedCertificate | null = null;
  for (const der of signedData.certificates) {
    const candidate = parseCertificate(new X509Certificate(der));
    if (signerInfo && signerInfoNames(signerInfo, candidate)) tsaCertificate = candidate;
  }
  let signatureValid = false;
  if (signerInfo && tsaCertificate && signerInfo.signedAttributes) {
    const digest = digestName(signerInfo.digestOid);
    const expected = messageDigestOf(signerInfo);
    signatureValid = !!digest && !!expected && createHash(digest).update(signedData.eContent).digest().equals(expected) && verifySignerInfo(signerInfo, tsaCertificate, signerInfo.signedAttributes);
  }
  return {
    genTime: fields[4].time,
    imprintAlgorithm: digestName(messageImprint.child(0).child(0).oid),
    imprint: messageImprint.child(1).content,
    nonceHex: nonce ? nonce.integerHex : null,
    signedData,
    tsaCertificate,
    signatureValid,
  };
}

const failure = (vi: string, en: string, cause?: unknown) => new TimestampError({ vi, en }, { cause });

/**
 * Asks a time-stamp authority (RFC 3161 over HTTP) to time-stamp a signature value, and checks
 * the answer: granted, the imprint and nonce we sent, and a signature that verifies.
 * Returns the token (a ContentInfo) for the signature-time-stamp attribute.
 */
export async function requestTimestamp(tsa: { url: string; timeoutMs?: number }, signature: Buffer, digest: DigestAlgorithm): Promise<Buffer> {
  const imprint = createHash(digest).update(signature).digest();
  const nonce = randomBytes(8);
  nonce[0] = (nonce[0] & 0x7f) | 0x01;
  const request = der(seq(integer(1), seq(digestAlgorithmIdentifier(digest), octets(imprint)), integer(nonce), bool(true)));

  let body: Buffer;
  try {
    const response = await fetch(tsa.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/timestamp-query', Accept: 'application/timestamp-reply' },
      body: new Uint8Array(request),
      signal: AbortSignal.timeout(tsa.timeoutMs ?? 10_000),
    });
    if (!response.ok) throw failure(`máy chủ trả lời HTTP ${response.status}.`, `the server answered HTTP ${response.status}.`);
    body = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw failure('không kết nối được hoặc quá thời gian chờ.', 'it could not be reached or did not answer in time.', error);
  }

  let token: Buffer;
  let info: TimestampInfo;
  try {
    // TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }
    const response = readTlv(body);
    const status = response.child(0).child(0).integer;
    if (status !== 0 && status !== 1) throw failure(`yêu cầu bị từ chối (trạng thái ${status}).`, `the request was refused (status ${status}).`);
    token = response.child(1).bytes;
    info = readTimestampToken(token);
  } catch (error) {
    if (error instanceof TimestampError) throw error;
    throw failure('câu trả lời không phải dấu thời gian hợp lệ.', 'the answer is not a valid time-stamp.', error);
  }
  if (!info.imprint.equals(imprint) || info.nonceHex !== integerHex(nonce)) {
    throw failure('dấu thời gian không khớp với yêu cầu.', 'the time-stamp does not match the request.');
  }
  if (!info.signatureValid) throw failure('chữ ký của máy chủ cấp dấu thời gian không hợp lệ.', 'the time-stamp authority’s signature does not verify.');
  return token;
}

function integerHex(bytes: Buffer): string {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start).toString('hex').toUpperCase();
}
