import { createPrivateKey, generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';

import { encodeName, Extensions, issueCertificate, IssuerInfo, KeyUsage, KeyUsageName, keyIdentifier, newSerial, OID, signStructure, subjectNameOf, SubjectFields } from './certificates';
import { Asn1, der as derOf, enumerated, explicit, implicitPrimitive, integer, nullValue, octets, oid, seq, time } from './der';
import { writePkcs12 } from './pkcs12';

/** A certification authority's certificate and key. */
export interface CaBundle {
  certificatePem: string;
  certificate: X509Certificate;
  privateKey: KeyObject;
}

/** What the PKI hands a user or an organisation: a PKCS#12 file and, for tests, the same key and chain unwrapped. */
export interface IssuedCredential {
  /** PKCS#12 with the key and the chain (leaf, issuing CA), protected by `pin`. */
  p12: Buffer;
  pin: string;
  certificatePem: string;
  /** Leaf first, then the issuing CA (the root is what a verifier already trusts). */
  chainPem: string[];
  privateKey: KeyObject;
  certificate: X509Certificate;
  /** Uppercase hex, as `X509Certificate.serialNumber` prints it. */
  serial: string;
}

/** Key algorithm of an issued credential. */
export type DevKeyType = 'rsa' | 'ec';

/** A person's signing certificate request. */
export interface PersonalCertificateRequest {
  fullName: string;
  title: string;
  organisation: string;
  province?: string;
  locality?: string;
  organisationalUnit?: string;
  /** e.g. `CCCD:001085012345`. */
  uid?: string;
  email?: string;
  pin: string;
  keyType?: DevKeyType;
  rsaBits?: number;
  notBefore?: Date;
  notAfter?: Date;
  /**
   * `signing` (default: digitalSignature and nonRepudiation), `encipherment-only` (a certificate
   * that must not sign, for tests of usage checks), or the exact keyUsage bits to write.
   */
  keyUsage?: 'signing' | 'encipherment-only' | KeyUsageName[];
}

/** Where relying parties find revocation data: written into the certificates the PKI issues. */
export interface DevPkiUrls {
  /** CRL distribution point of the certificates the issuing CA issues (its CRL, {@link DevPki.crl}). */
  issuingCrl?: string;
  /** CRL distribution point of the issuing CA's own certificate (the root's CRL, {@link DevPki.rootCrl}). */
  rootCrl?: string;
  /** OCSP responder (Authority Information Access) of the certificates the issuing CA issues. */
  ocsp?: string;
}

/** CRL reason codes (RFC 5280 §5.3.1) a test may give a revocation. */
export type RevocationReason = 'unspecified' | 'keyCompromise' | 'caCompromise' | 'affiliationChanged' | 'superseded' | 'cessationOfOperation' | 'certificateHold';

const REASON_CODES: Record<RevocationReason, number> = {
  unspecified: 0,
  keyCompromise: 1,
  caCompromise: 2,
  affiliationChanged: 3,
  superseded: 4,
  cessationOfOperation: 5,
  certificateHold: 6,
};

// The names `openssl ocsp -index` reads in the revocation column (apps/lib/apps.c, crl_reasons).
const OPENSSL_REASONS: Record<RevocationReason, string> = {
  unspecified: 'unspecified',
  keyCompromise: 'keyCompromise',
  caCompromise: 'CACompromise',
  affiliationChanged: 'affiliationChanged',
  superseded: 'superseded',
  cessationOfOperation: 'cessationOfOperation',
  certificateHold: 'certificateHold',
};

/** An organisation's (seal) certificate request: CN = O = the organisation's name. */
export interface OrganisationCertificateRequest {
  name: string;
  province?: string;
  locality?: string;
  /** e.g. `MST:6400123456` or the budget relation code. */
  uid?: string;
  pin: string;
  keyType?: DevKeyType;
  rsaBits?: number;
  notBefore?: Date;
  notAfter?: Date;
}

/** What a CRL of the PKI says and when. */
export interface CrlRequest {
  /** Serials revoked in this CRL besides those {@link DevPki.revoke} recorded, as of `revokedAt`. */
  revokedSerials?: string[];
  thisUpdate?: Date;
  /** Default seven days after `thisUpdate`. */
  nextUpdate?: Date;
  /** Revocation date of `revokedSerials` (default: one minute before `thisUpdate`). */
  revokedAt?: Date;
}

/** A development PKI: root CA, issuing CA, and what they issue. */
export interface DevPki {
  root: CaBundle;
  issuing: CaBundle;
  /** The revocation URLs written into issued certificates. */
  urls: DevPkiUrls;
  issuePersonal(o: PersonalCertificateRequest): IssuedCredential;
  issueOrganisation(o: OrganisationCertificateRequest): IssuedCredential;
  /** A time-stamping authority's certificate (extendedKeyUsage timeStamping, critical, as RFC 3161 requires). */
  issueTimestampAuthority(o?: { name?: string; pin?: string; keyType?: DevKeyType }): IssuedCredential;
  /**
   * A delegated OCSP responder's certificate (RFC 6960 §4.2.2.2): issued by the issuing CA,
   * extendedKeyUsage OCSPSigning, and id-pkix-ocsp-nocheck so that clients do not ask about it.
   */
  issueOcspResponder(o?: { name?: string; keyType?: DevKeyType }): IssuedCredential;
  /** Records a revocation (a leaf, or the issuing CA itself): the next CRLs and the OCSP index list it. */
  revoke(serial: string, o?: { at?: Date; reason?: RevocationReason }): void;
  /** A CRL of the issuing CA: every certificate {@link revoke} recorded for it, plus `revokedSerials`. */
  crl(o?: CrlRequest): { pem: string; der: Buffer };
  /** A CRL of the root: the issuing CA when it was revoked. */
  rootCrl(o?: CrlRequest): { pem: string; der: Buffer };
  /** The certificate database of `openssl ocsp -index` for the issuing CA: every certificate it issued, valid or revoked. */
  ocspIndex(): string;
}

const DAY = 86_400_000;
const CRL_URL = 'http://pki.vanthu.invalid/crl/issuing-ca.crl';
/** What certificates carry when no URLs are given: a CRL address that resolves nowhere (the demo's). */
const DEFAULT_URLS: DevPkiUrls = { issuingCrl: CRL_URL };

function newKeyPair(type: DevKeyType = 'rsa', rsaBits = 2048): { privateKey: KeyObject; publicKey: KeyObject } {
  return type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: rsaBits });
}

/** PEM text of DER bytes. */
export function pemOf(der: Buffer, label: string): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function bundle(certificate: X509Certificate, privateKey: KeyObject): CaBundle {
  return { certificate, privateKey, certificatePem: certificate.toString() };
}

function issuerInfo(ca: CaBundle): IssuerInfo {
  return { name: subjectNameOf(ca.certificate), privateKey: ca.privateKey, keyId: keyIdentifier(ca.certificate.publicKey) };
}

function caExtensions(publicKey: KeyObject, issuerKeyId: Buffer | null, pathLength?: number, crlUrl?: string): Asn1[] {
  return [
    Extensions.basicConstraints(true, pathLength),
    Extensions.keyUsage([KeyUsage.keyCertSign, KeyUsage.cRLSign]),
    Extensions.subjectKeyIdentifier(keyIdentifier(publicKey)),
    ...(issuerKeyId ? [Extensions.authorityKeyIdentifier(issuerKeyId)] : []),
    ...(crlUrl ? [Extensions.crlDistributionPoint(crlUrl)] : []),
  ];
}

const crlNumbers = new WeakMap<DevPki, { next: number }>();

/** A certificate the PKI issued, as the OCSP index and the CRLs need it. */
interface IssuedRecord {
  certificate: X509Certificate;
  issuer: 'root' | 'issuing';
}

function assemble(pki: { root: CaBundle; issuing: CaBundle }, crlNumber: { next: number }, urls: DevPkiUrls): DevPki {
  const assembled = createIssuers(pki, crlNumber, urls);
  crlNumbers.set(assembled, crlNumber);
  return assembled;
}

const hexSerial = (serial: string) => serial.replace(/^(00)+(?=.)/, '').toUpperCase();

/** ASN.1 time text as `openssl ca` writes it in its index: UTCTime until 2049, GeneralizedTime after. */
function indexTime(date: Date): string {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${date.getUTCFullYear() < 2050 ? iso.slice(2) : iso}Z`;
}

function createIssuers(pki: { root: CaBundle; issuing: CaBundle }, crlNumber: { next: number }, urls: DevPkiUrls): DevPki {
  const issuer = issuerInfo(pki.issuing);
  const records = new Map<string, IssuedRecord>([[hexSerial(pki.issuing.certificate.serialNumber), { certificate: pki.issuing.certificate, issuer: 'root' }]]);
  const revocations = new Map<string, { at: Date; reason?: RevocationReason }>();

  const issue = (o: {
    subject: SubjectFields;
    pin: string;
    keyType?: DevKeyType;
    rsaBits?: number;
    notBefore?: Date;
    notAfter?: Date;
    usages: number[];
    purposes: string[];
    purposesCritical?: boolean;
    extra?: Asn1[];
  }): IssuedCredential => {
    const { privateKey, publicKey } = newKeyPair(o.keyType, o.rsaBits);
    const now = Date.now();
    const notBefore = o.notBefore ?? new Date(now - DAY);
    const notAfter = o.notAfter ?? new Date(Math.min(now + 2 * 365 * DAY, new Date(pki.issuing.certificate.validTo).getTime()));
    const serial = newSerial();
    const certificate = issueCertificate({
      subject: encodeName(o.subject),
      publicKey,
      issuer,
      serial,
      notBefore,
      notAfter,
      extensions: [
        Extensions.basicConstraints(false),
        Extensions.keyUsage(o.usages),
        ...(o.purposes.length ? [Extensions.extKeyUsage(o.purposes, o.purposesCritical)] : []),
        Extensions.subjectKeyIdentifier(keyIdentifier(publicKey)),
        Extensions.authorityKeyIdentifier(issuer.keyId),
        ...(urls.issuingCrl ? [Extensions.crlDistributionPoint(urls.issuingCrl)] : []),
        ...(urls.ocsp ? [Extensions.authorityInfoAccess({ ocsp: urls.ocsp })] : []),
        ...(o.extra ?? []),
      ],
    });
    records.set(hexSerial(certificate.serialNumber), { certificate, issuer: 'issuing' });
    const chain = [certificate, pki.issuing.certificate];
    return {
      p12: writePkcs12({ privateKey, chain, pin: o.pin, friendlyName: o.subject.commonName }),
      pin: o.pin,
      certificatePem: certificate.toString(),
      chainPem: chain.map((c) => c.toString()),
      privateKey,
      certificate,
      serial: serial.toString('hex').toUpperCase(),
    };
  };

  const crlOf = (ca: CaBundle, caIssuer: IssuerInfo, side: IssuedRecord['issuer'], o: CrlRequest = {}) => {
    const thisUpdate = o.thisUpdate ?? new Date();
    const nextUpdate = o.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY);
    const revokedAt = o.revokedAt ?? new Date(thisUpdate.getTime() - 60_000);
    const entries = new Map<string, { at: Date; reason?: RevocationReason }>();
    for (const [serial, revocation] of revocations) if (records.get(serial)?.issuer === side) entries.set(serial, revocation);
    for (const serial of o.revokedSerials ?? []) entries.set(hexSerial(serial), { at: revokedAt });
    const revoked = [...entries].map(([serial, { at, reason }]) =>
      seq(integer(Buffer.from(serial.length % 2 ? `0${serial}` : serial, 'hex')), time(at), ...(reason ? [seq(seq(oid(OID.crlReason), octets(derOf(enumerated(REASON_CODES[reason])))))] : [])),
    );
    const extensions = seq(
      seq(oid(OID.authorityKeyIdentifier), octets(derOf(seq(implicitPrimitive(0, caIssuer.keyId))))),
      seq(oid(OID.crlNumber), octets(derOf(integer(crlNumber.next++)))),
    );
    // TBSCertList v2 (RFC 5280 §5.1): version, signature, issuer, thisUpdate, nextUpdate, revokedCertificates, [0] extensions.
    const tbs = seq(
      integer(1),
      seq(...(ca.privateKey.asymmetricKeyType === 'ec' ? [oid(OID.ecdsaWithSha256)] : [oid(OID.sha256WithRsa), nullValue()])),
      caIssuer.name,
      time(thisUpdate),
      time(nextUpdate),
      ...(revoked.length ? [seq(...revoked)] : []),
      explicit(0, extensions),
    );
    const der = signStructure(tbs, ca.privateKey);
    return { der, pem: pemOf(der, 'X509 CRL') };
  };

  return {
    root: pki.root,
    issuing: pki.issuing,
    urls,

    issuePersonal(o) {
      const usage = o.keyUsage ?? 'signing';
      const signing = usage === 'signing' || (Array.isArray(usage) && (usage.includes('digitalSignature') || usage.includes('nonRepudiation')));
      return issue({
        subject: {
          country: 'VN',
          province: o.province,
          locality: o.locality,
          organisation: o.organisation,
          organisationalUnit: o.organisationalUnit,
          title: o.title,
          commonName: o.fullName,
          uid: o.uid,
          email: o.email,
        },
        pin: o.pin,
        keyType: o.keyType,
        rsaBits: o.rsaBits,
        notBefore: o.notBefore,
        notAfter: o.notAfter,
        usages: Array.isArray(usage)
          ? usage.map((name) => KeyUsage[name])
          : signing
            ? [KeyUsage.digitalSignature, KeyUsage.nonRepudiation]
            : [KeyUsage.keyEncipherment, KeyUsage.dataEncipherment],
        // emailProtection is what NSS (pdfsig) asks of a document signer; documentSigning (RFC 9336) says what it is for.
        purposes: signing ? [OID.emailProtection, OID.documentSigning] : [],
      });
    },

    issueOrganisation(o) {
      return issue({
        subject: { country: 'VN', province: o.province, locality: o.locality, organisation: o.name, commonName: o.name, uid: o.uid },
        pin: o.pin,
        keyType: o.keyType,
        rsaBits: o.rsaBits,
        notBefore: o.notBefore,
        notAfter: o.notAfter,
        usages: [KeyUsage.digitalSignature, KeyUsage.nonRepudiation],
        purposes: [OID.emailProtection, OID.documentSigning],
      });
    },

    issueTimestampAuthority(o = {}) {
      return issue({
        subject: { country: 'VN', organisation: 'VănThư (phát triển)', commonName: o.name ?? 'VănThư Development Time-Stamping Authority' },
        pin: o.pin ?? 'tsa',
        keyType: o.keyType,
        usages: [KeyUsage.digitalSignature, KeyUsage.nonRepudiation],
        purposes: [OID.timeStamping],
        purposesCritical: true,
      });
    },

    issueOcspResponder(o = {}) {
      return issue({
        subject: { country: 'VN', organisation: 'VănThư (phát triển)', commonName: o.name ?? 'VănThư Development OCSP Responder' },
        pin: 'ocsp',
        keyType: o.keyType,
        usages: [KeyUsage.digitalSignature],
        purposes: [OID.ocspSigning],
        extra: [Extensions.ocspNoCheck()],
      });
    },

    revoke(serial, o = {}) {
      const key = hexSerial(serial);
      if (!records.has(key)) throw new Error(`Serial ${serial} was not issued by this PKI`);
      revocations.set(key, { at: o.at ?? new Date(), reason: o.reason });
    },

    crl(o) {
      return crlOf(pki.issuing, issuer, 'issuing', o);
    },

    rootCrl(o) {
      return crlOf(pki.root, issuerInfo(pki.root), 'root', o);
    },

    ocspIndex() {
      const lines: string[] = [];
      for (const [serial, record] of records) {
        if (record.issuer !== 'issuing') continue;
        const revocation = revocations.get(serial);
        const expiry = indexTime(new Date(record.certificate.validTo));
        const revoked = revocation ? `${indexTime(revocation.at)}${revocation.reason ? `,${OPENSSL_REASONS[revocation.reason]}` : ''}` : '';
        // status, expiry, revocation, serial, file name, subject (only the serial matters to `openssl ocsp`).
        lines.push([revocation ? 'R' : 'V', expiry, revoked, serial.length % 2 ? `0${serial}` : serial, 'unknown', `/serialNumber=${serial}`].join('\t'));
      }
      return lines.length ? `${lines.join('\n')}\n` : '';
    },
  };
}

/**
 * Creates a development PKI at run time: a root CA standing in for the government root, and an
 * issuing CA under it that issues personal, organisation and time-stamping certificates.
 * Keys are generated with Node's native crypto (RSA-2048 for the CAs), so a test file can
 * create its own in well under a second; nothing is ever written to the repository.
 */
export function createDevPki(o: { commonName?: string; validYears?: number; keyType?: DevKeyType; urls?: DevPkiUrls } = {}): DevPki {
  const urls = o.urls ?? DEFAULT_URLS;
  const now = Date.now();
  const years = o.validYears ?? 20;
  const rootKeys = newKeyPair(o.keyType);
  const rootName = encodeName({ country: 'VN', organisation: 'VănThư (phát triển)', commonName: o.commonName ?? 'VănThư Development Root CA' });
  const rootKeyId = keyIdentifier(rootKeys.publicKey);
  const rootCertificate = issueCertificate({
    subject: rootName,
    publicKey: rootKeys.publicKey,
    issuer: { name: rootName, privateKey: rootKeys.privateKey, keyId: rootKeyId },
    serial: newSerial(),
    notBefore: new Date(now - 2 * 365 * DAY),
    notAfter: new Date(now + years * 365 * DAY),
    extensions: caExtensions(rootKeys.publicKey, null),
  });
  const root = bundle(rootCertificate, rootKeys.privateKey);

  const issuingKeys = newKeyPair(o.keyType);
  const issuingCertificate = issueCertificate({
    subject: encodeName({ country: 'VN', organisation: 'VănThư (phát triển)', commonName: 'VănThư Development Issuing CA' }),
    publicKey: issuingKeys.publicKey,
    issuer: issuerInfo(root),
    serial: newSerial(),
    notBefore: new Date(now - 2 * 365 * DAY),
    notAfter: new Date(now + (years - 1) * 365 * DAY),
    extensions: caExtensions(issuingKeys.publicKey, rootKeyId, 0, urls.rootCrl),
  });
  return assemble({ root, issuing: bundle(issuingCertificate, issuingKeys.privateKey) }, { next: 1 }, urls);
}

interface ExportedPki {
  format: 'vanthu-dev-pki/1';
  root: { certificatePem: string; privateKeyPem: string };
  issuing: { certificatePem: string; privateKeyPem: string };
  nextCrlNumber: number;
  /** Absent in files written before URLs were configurable: the default ones. */
  urls?: DevPkiUrls;
}

/** JSON with both CAs' certificates and private keys (PEM): the demo seed keeps it to issue more later. Development only. */
export function exportDevPki(pki: DevPki): string {
  const exported: ExportedPki = {
    format: 'vanthu-dev-pki/1',
    root: { certificatePem: pki.root.certificatePem, privateKeyPem: pki.root.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    issuing: { certificatePem: pki.issuing.certificatePem, privateKeyPem: pki.issuing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    nextCrlNumber: crlNumbers.get(pki)?.next ?? 1,
    urls: pki.urls,
  };
  return JSON.stringify(exported, null, 2);
}

/** The PKI {@link exportDevPki} wrote, ready to issue again. */
export function importDevPki(json: string): DevPki {
  const data = JSON.parse(json) as ExportedPki;
  if (data.format !== 'vanthu-dev-pki/1') throw new Error('Not an exported VănThư development PKI');
  const load = (part: ExportedPki['root']) => bundle(new X509Certificate(part.certificatePem), createPrivateKey(part.privateKeyPem));
  return assemble({ root: load(data.root), issuing: load(data.issuing) }, { next: data.nextCrlNumber }, data.urls ?? DEFAULT_URLS);
}
