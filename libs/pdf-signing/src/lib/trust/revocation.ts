import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

import { certificateDer, crlUrls, describe, keyUsageAllows, ocspUrls, pkiCrypto, PKIX, publicKeySha1, extendedKeyUsage } from './pkix';

/** What the revocation data says about a certificate at the time asked for. */
export type RevocationStatus = 'good' | 'revoked' | 'unknown';

/**
 * Where a status came from: fetched over HTTP from the certificate's OCSP responder or CRL
 * distribution point, or found in data given to the validation (the document's DSS, CRLs and
 * OCSP responses the caller already holds).
 */
export type RevocationDataSource = 'ocsp' | 'crl' | 'embedded-ocsp' | 'embedded-crl';

/** One HTTP request for revocation data: a CRL (GET) or an OCSP request (POST, RFC 6960 appendix A). */
export interface RevocationFetchRequest {
  kind: 'crl' | 'ocsp';
  url: string;
  method: 'GET' | 'POST';
  /** The DER OCSP request, for POST. */
  body?: Buffer;
  contentType?: 'application/ocsp-request';
}

/**
 * Fetches revocation data and resolves to the response body; rejects when the server cannot be
 * reached, answers an error, or takes too long. The server supplies one with its own timeouts,
 * caching and proxy; {@link httpRevocationFetcher} is a plain one.
 */
export type RevocationFetcher = (request: RevocationFetchRequest) => Promise<Buffer>;

/** Revocation data a validation may use. */
export interface RevocationSource {
  /** CRLs already at hand (DER or PEM): a document's DSS, a cache. */
  crls?: (Buffer | string)[];
  /** DER OCSPResponses already at hand. */
  ocspResponses?: Buffer[];
  /** Absent: offline, only the data above counts. */
  fetch?: RevocationFetcher;
  /** Which online source to ask first (default OCSP, the fresher). */
  prefer?: 'ocsp' | 'crl';
  /**
   * How long after the time of validation a CRL or OCSP response may have been issued and still
   * speak for it (default 7 days): data fetched just after signing proves the certificate was not
   * revoked at signing time. Also how long an OCSP response without nextUpdate stays current.
   */
  graceMs?: number;
}

/** The status of one certificate of a path. */
export interface CertificateRevocation {
  /** Common name (else subject) of the certificate checked. */
  subject: string;
  serial: string;
  status: RevocationStatus;
  source: RevocationDataSource | null;
  /** The URL fetched, for online sources. */
  url: string | null;
  /** When the data lists the certificate as revoked: from when (possibly after the time asked for, then status is good). */
  revokedAt: Date | null;
  reason: string | null;
  thisUpdate: Date | null;
  nextUpdate: Date | null;
  /** What was tried and why it gave no answer, in English (diagnostics for logs). */
  attempts: string[];
}

/** The revocation data a validation actually relied on, to be embedded for long-term validation (DSS). */
export interface RevocationEvidence {
  certificates: Buffer[];
  crls: Buffer[];
  ocspResponses: Buffer[];
}

const CLOCK_SKEW_MS = 5 * 60_000;
const DEFAULT_GRACE_MS = 7 * 86_400_000;
const MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

const REASONS = ['unspecified', 'keyCompromise', 'cACompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', '', 'removeFromCRL', 'privilegeWithdrawn', 'aACompromise'];

/**
 * A {@link RevocationFetcher} over HTTP with Node's fetch: a timeout per request and a size
 * limit, no caching. Only `http:` and `https:` URLs.
 */
export function httpRevocationFetcher(o: { timeoutMs?: number; maxBytes?: number } = {}): RevocationFetcher {
  return async (request) => {
    const response = await fetch(request.url, {
      method: request.method,
      headers: request.contentType ? { 'Content-Type': request.contentType, Accept: 'application/ocsp-response' } : undefined,
      body: request.body ? new Uint8Array(request.body) : undefined,
      signal: AbortSignal.timeout(o.timeoutMs ?? 5000),
      redirect: 'follow',
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > (o.maxBytes ?? MAX_RESPONSE_BYTES)) throw new Error('response too large');
    return body;
  };
}

/**
 * The same fetcher, asking each request once for as long as it lives (one verification, one
 * signing): a document's signatures usually share their issuers' CRLs and responders.
 */
export function fetchOnce(fetcher: RevocationFetcher | undefined): RevocationFetcher | undefined {
  if (!fetcher) return undefined;
  const answers = new Map<string, Promise<Buffer>>();
  return (request) => {
    const key = `${request.method} ${request.url} ${request.body?.toString('base64') ?? ''}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = fetcher(request);
      answers.set(key, answer);
    }
    return answer;
  };
}

/** A CRL read once, with its DER kept for the evidence. */
interface KnownCrl {
  der: Buffer;
  crl: pkijs.CertificateRevocationList;
  source: RevocationDataSource;
  url: string | null;
}

/** An OCSP response read once. */
interface KnownOcsp {
  der: Buffer;
  basic: pkijs.BasicOCSPResponse;
  source: RevocationDataSource;
  url: string | null;
}

function pemOrDer(input: Buffer | string, label: string): Buffer {
  const text = typeof input === 'string' ? input : input.subarray(0, 64).toString('latin1');
  if (!text.includes('-----BEGIN')) return typeof input === 'string' ? Buffer.from(input, 'latin1') : input;
  const all = typeof input === 'string' ? input : input.toString('latin1');
  return Buffer.from(all.replace(new RegExp(`-----(BEGIN|END) ${label}-----`, 'g'), '').replace(/\s+/g, ''), 'base64');
}

function readCrl(der: Buffer, source: RevocationDataSource, url: string | null): KnownCrl | null {
  try {
    return { der, crl: pkijs.CertificateRevocationList.fromBER(new Uint8Array(der)), source, url };
  } catch {
    return null;
  }
}

function readOcsp(der: Buffer, source: RevocationDataSource, url: string | null): KnownOcsp | string {
  try {
    const response = pkijs.OCSPResponse.fromBER(new Uint8Array(der));
    const status = response.responseStatus.valueBlock.valueDec;
    if (status !== 0) return `responder answered status ${status}`;
    if (!response.responseBytes || response.responseBytes.responseType !== PKIX.ocspBasic) return 'not a basic OCSP response';
    const basic = pkijs.BasicOCSPResponse.fromBER(new Uint8Array(response.responseBytes.response.valueBlock.valueHexView));
    return { der, basic, source, url };
  } catch (error) {
    return `unreadable OCSP response (${error instanceof Error ? error.message : String(error)})`;
  }
}

/**
 * Revocation lookups for one validation: the data given, and what is fetched (each URL once,
 * shared by every certificate of the path), and the data relied on.
 */
export class RevocationChecker {
  private readonly crls: KnownCrl[] = [];
  private readonly ocsps: KnownOcsp[] = [];
  private readonly fetcher: RevocationFetcher | undefined;
  readonly evidence: RevocationEvidence = { certificates: [], crls: [], ocspResponses: [] };

  constructor(
    private readonly source: RevocationSource,
    /** The time of the check itself: data from later than this (plus clock skew) is refused. */
    private readonly now: Date,
  ) {
    this.fetcher = fetchOnce(source.fetch);
    for (const crl of source.crls ?? []) {
      const known = readCrl(pemOrDer(crl, 'X509 CRL'), 'embedded-crl', null);
      if (known) this.crls.push(known);
    }
    for (const der of source.ocspResponses ?? []) {
      const known = readOcsp(der, 'embedded-ocsp', null);
      if (typeof known !== 'string') this.ocsps.push(known);
    }
  }

  private get graceMs(): number {
    return this.source.graceMs ?? DEFAULT_GRACE_MS;
  }

  private remember(list: Buffer[], der: Buffer): void {
    if (!list.some((d) => d.equals(der))) list.push(der);
  }

  /**
   * Whether data issued at `thisUpdate`, current until `nextUpdate`, tells the status at `at`:
   * current at that time, or issued shortly after it while the certificate was still within its
   * validity (CRLs may drop expired certificates).
   */
  private covers(thisUpdate: Date, nextUpdate: Date | null, at: Date, certificate: pkijs.Certificate, attempts: string[], what: string): boolean {
    const t = at.getTime();
    if (thisUpdate.getTime() > this.now.getTime() + CLOCK_SKEW_MS) {
      attempts.push(`${what}: issued in the future (${thisUpdate.toISOString()})`);
      return false;
    }
    const end = nextUpdate ? nextUpdate.getTime() : thisUpdate.getTime() + this.graceMs;
    if (thisUpdate.getTime() <= t + CLOCK_SKEW_MS && t <= end) return true;
    if (thisUpdate.getTime() >= t && thisUpdate.getTime() - t <= this.graceMs && thisUpdate.getTime() <= certificate.notAfter.value.getTime()) return true;
    attempts.push(`${what}: not current at ${at.toISOString()} (thisUpdate ${thisUpdate.toISOString()}, nextUpdate ${nextUpdate?.toISOString() ?? 'none'})`);
    return false;
  }

  private async fetchOnce(request: RevocationFetchRequest): Promise<Buffer> {
    if (!this.fetcher) throw new Error('offline');
    return this.fetcher(request);
  }

  private async fromCrl(known: KnownCrl, certificate: pkijs.Certificate, issuer: pkijs.Certificate, at: Date, attempts: string[]): Promise<CertificateRevocation | null> {
    const { crl } = known;
    const what = `CRL${known.url ? ` ${known.url}` : ''}`;
    if (!crl.issuer.isEqual(certificate.issuer)) return null;
    // cRLSign (bit 6) is what lets a CA sign CRLs.
    if (!keyUsageAllows(issuer, 6)) {
      attempts.push(`${what}: the issuer may not sign CRLs`);
      return null;
    }
    let signed = false;
    try {
      signed = await crl.verify({ issuerCertificate: issuer }, pkiCrypto);
    } catch {
      signed = false;
    }
    if (!signed) {
      attempts.push(`${what}: signature does not verify with the issuer’s key`);
      return null;
    }
    const thisUpdate = crl.thisUpdate.value;
    const nextUpdate = crl.nextUpdate?.value ?? null;
    if (!this.covers(thisUpdate, nextUpdate, at, certificate, attempts, what)) return null;
    const serial = Buffer.from(certificate.serialNumber.valueBlock.valueHexView);
    const entry = crl.revokedCertificates?.find((r) => Buffer.from(r.userCertificate.valueBlock.valueHexView).equals(serial));
    let reason: string | null = null;
    const reasonExtension = entry?.crlEntryExtensions?.extensions.find((e) => e.extnID === PKIX.crlReason);
    if (reasonExtension?.parsedValue instanceof asn1js.Enumerated) reason = REASONS[reasonExtension.parsedValue.valueBlock.valueDec] || null;
    if (reason === 'removeFromCRL') return null;
    const revokedAt = entry ? entry.revocationDate.value : null;
    this.remember(this.evidence.crls, known.der);
    return {
      subject: describe(certificate),
      serial: serial.toString('hex').toUpperCase(),
      status: revokedAt && revokedAt.getTime() <= at.getTime() ? 'revoked' : 'good',
      source: known.source,
      url: known.url,
      revokedAt,
      reason,
      thisUpdate,
      nextUpdate,
      attempts,
    };
  }

  /** The certificate that signed an OCSP response, if it is the issuer or a responder the issuer authorised (RFC 6960 §4.2.2.2). */
  private async responderOf(basic: pkijs.BasicOCSPResponse, issuer: pkijs.Certificate, attempts: string[], what: string): Promise<pkijs.Certificate | null> {
    const id = basic.tbsResponseData.responderID as unknown;
    const named = (candidate: pkijs.Certificate) =>
      id instanceof pkijs.RelativeDistinguishedNames ? id.isEqual(candidate.subject) : id instanceof asn1js.OctetString && Buffer.from(id.valueBlock.valueHexView).equals(publicKeySha1(candidate));
    const producedAt = basic.tbsResponseData.producedAt;
    for (const candidate of [issuer, ...(basic.certs ?? [])]) {
      if (!named(candidate)) continue;
      const isIssuer = certificateDer(candidate).equals(certificateDer(issuer));
      if (!isIssuer) {
        let issuedByIssuer = false;
        try {
          issuedByIssuer = candidate.issuer.isEqual(issuer.subject) && (await candidate.verify(issuer, pkiCrypto));
        } catch {
          issuedByIssuer = false;
        }
        if (!issuedByIssuer || !extendedKeyUsage(candidate)?.includes(PKIX.ocspSigning)) {
          attempts.push(`${what}: signed by "${describe(candidate)}", which the issuer did not authorise for OCSP`);
          continue;
        }
        if (candidate.notBefore.value.getTime() > producedAt.getTime() || candidate.notAfter.value.getTime() < producedAt.getTime()) {
          attempts.push(`${what}: the responder’s certificate was not valid when it answered`);
          continue;
        }
      }
      let signed = false;
      try {
        signed = await pkiCrypto.verifyWithPublicKey(new Uint8Array(basic.tbsResponseData.tbsView), basic.signature, candidate.subjectPublicKeyInfo, basic.signatureAlgorithm);
      } catch {
        signed = false;
      }
      if (signed) return candidate;
      attempts.push(`${what}: signature does not verify`);
    }
    if (!attempts.some((a) => a.startsWith(what))) attempts.push(`${what}: no certificate of the issuer or of an authorised responder signed it`);
    return null;
  }

  private async fromOcsp(known: KnownOcsp, certificate: pkijs.Certificate, issuer: pkijs.Certificate, at: Date, attempts: string[]): Promise<CertificateRevocation | null> {
    const { basic } = known;
    const what = `OCSP${known.url ? ` ${known.url}` : ''}`;
    let single: pkijs.SingleResponse | undefined;
    for (const response of basic.tbsResponseData.responses) {
      const hash = pkiCrypto.getAlgorithmByOID<Algorithm>(response.certID.hashAlgorithm.algorithmId, false);
      if (!('name' in hash)) continue;
      try {
        const id = await pkijs.CertID.create(certificate, { hashAlgorithm: hash.name, issuerCertificate: issuer }, pkiCrypto);
        if (id.isEqual(response.certID)) {
          single = response;
          break;
        }
      } catch {
        // An unknown hash algorithm: not this response.
      }
    }
    if (!single) return null;
    const responder = await this.responderOf(basic, issuer, attempts, what);
    if (!responder) return null;
    const thisUpdate = single.thisUpdate;
    const nextUpdate = single.nextUpdate ?? null;
    if (!this.covers(thisUpdate, nextUpdate, at, certificate, attempts, what)) return null;
    const status = single.certStatus as asn1js.BaseBlock;
    const tag = status.idBlock.tagNumber;
    if (tag === 2) {
      attempts.push(`${what}: the responder does not know the certificate`);
      return null;
    }
    let revokedAt: Date | null = null;
    let reason: string | null = null;
    if (tag === 1) {
      // RevokedInfo ::= SEQUENCE { revocationTime GeneralizedTime, revocationReason [0] EXPLICIT CRLReason OPTIONAL }
      const parts = (status as asn1js.Constructed).valueBlock.value;
      const time = parts[0] as asn1js.GeneralizedTime;
      revokedAt = time.toDate();
      const reasonPart = parts[1] as asn1js.Constructed | undefined;
      const code = reasonPart?.valueBlock.value[0] as asn1js.Enumerated | undefined;
      if (code) reason = REASONS[code.valueBlock.valueDec] || null;
    }
    this.remember(this.evidence.ocspResponses, known.der);
    if (!certificateDer(responder).equals(certificateDer(issuer))) this.remember(this.evidence.certificates, certificateDer(responder));
    return {
      subject: describe(certificate),
      serial: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
      status: revokedAt && revokedAt.getTime() <= at.getTime() ? 'revoked' : 'good',
      source: known.source,
      url: known.url,
      revokedAt,
      reason,
      thisUpdate,
      nextUpdate,
      attempts,
    };
  }

  private async fetchOcsp(url: string, certificate: pkijs.Certificate, issuer: pkijs.Certificate, attempts: string[]): Promise<KnownOcsp | null> {
    try {
      // No nonce (RFC 6960 allows it, RFC 5019 responders ignore it): answers may be cached.
      const request = new pkijs.OCSPRequest();
      await request.createForCertificate(certificate, { hashAlgorithm: 'SHA-1', issuerCertificate: issuer }, pkiCrypto);
      const body = Buffer.from(request.toSchema(true).toBER(false));
      const der = await this.fetchOnce({ kind: 'ocsp', url, method: 'POST', body, contentType: 'application/ocsp-request' });
      const known = readOcsp(der, 'ocsp', url);
      if (typeof known === 'string') {
        attempts.push(`OCSP ${url}: ${known}`);
        return null;
      }
      this.ocsps.push(known);
      return known;
    } catch (error) {
      attempts.push(`OCSP ${url}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  private async fetchCrl(url: string, attempts: string[]): Promise<KnownCrl | null> {
    try {
      const der = pemOrDer(await this.fetchOnce({ kind: 'crl', url, method: 'GET' }), 'X509 CRL');
      const known = readCrl(der, 'crl', url);
      if (!known) {
        attempts.push(`CRL ${url}: not a CRL`);
        return null;
      }
      this.crls.push(known);
      return known;
    } catch (error) {
      attempts.push(`CRL ${url}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  /**
   * The status of `certificate` (issued by `issuer`) at `at`: first from the data at hand, then,
   * when a fetcher is given, from its OCSP responders and CRL distribution points.
   */
  async check(certificate: pkijs.Certificate, issuer: pkijs.Certificate, at: Date): Promise<CertificateRevocation> {
    const attempts: string[] = [];
    for (const known of [...this.ocsps]) {
      const found = await this.fromOcsp(known, certificate, issuer, at, attempts);
      if (found) return found;
    }
    for (const known of [...this.crls]) {
      const found = await this.fromCrl(known, certificate, issuer, at, attempts);
      if (found) return found;
    }
    if (this.source.fetch) {
      const online = [
        ...ocspUrls(certificate).map((url) => ({ kind: 'ocsp' as const, url })),
        ...crlUrls(certificate).map((url) => ({ kind: 'crl' as const, url })),
      ].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === (this.source.prefer ?? 'ocsp') ? -1 : 1));
      if (!online.length) attempts.push('the certificate names no OCSP responder and no CRL distribution point');
      for (const { kind, url } of online) {
        if (kind === 'ocsp') {
          const known = await this.fetchOcsp(url, certificate, issuer, attempts);
          const found = known && (await this.fromOcsp(known, certificate, issuer, at, attempts));
          if (found) return found;
        } else {
          const known = await this.fetchCrl(url, attempts);
          const found = known && (await this.fromCrl(known, certificate, issuer, at, attempts));
          if (found) return found;
        }
      }
    } else if (!attempts.length) {
      attempts.push('no revocation data at hand and no fetching (offline)');
    }
    return {
      subject: describe(certificate),
      serial: Buffer.from(certificate.serialNumber.valueBlock.valueHexView).toString('hex').toUpperCase(),
      status: 'unknown',
      source: null,
      url: null,
      revokedAt: null,
      reason: null,
      thisUpdate: null,
      nextUpdate: null,
      attempts,
    };
  }
}
