import { createPrivateKey, generateKeyPairSync, KeyObject, X509Certificate } from 'node:crypto';

import { encodeName, Extensions, issueCertificate, IssuerInfo, KeyUsage, keyIdentifier, newSerial, OID, signStructure, subjectNameOf, SubjectFields } from './certificates';
import { Asn1, der as derOf, explicit, implicitPrimitive, integer, nullValue, octets, oid, seq, time } from './der';
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
  /** `encipherment-only` issues a certificate that must not sign (for tests of usage checks). */
  keyUsage?: 'signing' | 'encipherment-only';
}

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

/** A development PKI: root CA, issuing CA, and what they issue. */
export interface DevPki {
  root: CaBundle;
  issuing: CaBundle;
  issuePersonal(o: PersonalCertificateRequest): IssuedCredential;
  issueOrganisation(o: OrganisationCertificateRequest): IssuedCredential;
  /** A time-stamping authority's certificate (extendedKeyUsage timeStamping, critical, as RFC 3161 requires). */
  issueTimestampAuthority(o?: { name?: string; pin?: string; keyType?: DevKeyType }): IssuedCredential;
  /** A CRL of the issuing CA. Certificates are revoked as of `revokedAt` (default: one minute before `thisUpdate`). */
  crl(o: { revokedSerials: string[]; thisUpdate?: Date; nextUpdate?: Date; revokedAt?: Date }): { pem: string; der: Buffer };
}

const DAY = 86_400_000;
const CRL_URL = 'http://pki.vanthu.invalid/crl/issuing-ca.crl';

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

function caExtensions(publicKey: KeyObject, issuerKeyId: Buffer | null, pathLength?: number): Asn1[] {
  return [
    Extensions.basicConstraints(true, pathLength),
    Extensions.keyUsage([KeyUsage.keyCertSign, KeyUsage.cRLSign]),
    Extensions.subjectKeyIdentifier(keyIdentifier(publicKey)),
    ...(issuerKeyId ? [Extensions.authorityKeyIdentifier(issuerKeyId)] : []),
  ];
}

const crlNumbers = new WeakMap<DevPki, { next: number }>();

function assemble(pki: { root: CaBundle; issuing: CaBundle }, crlNumber: { next: number }): DevPki {
  const issuer = issuerInfo(pki.issuing);
  const assembled = createIssuers(pki, issuer, crlNumber);
  crlNumbers.set(assembled, crlNumber);
  return assembled;
}

function createIssuers(pki: { root: CaBundle; issuing: CaBundle }, issuer: IssuerInfo, crlNumber: { next: number }): DevPki {

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
        Extensions.crlDistributionPoint(CRL_URL),
      ],
    });
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

  return {
    root: pki.root,
    issuing: pki.issuing,

    issuePersonal(o) {
      const signing = (o.keyUsage ?? 'signing') === 'signing';
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
        usages: signing ? [KeyUsage.digitalSignature, KeyUsage.nonRepudiation] : [KeyUsage.keyEncipherment, KeyUsage.dataEncipherment],
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

    crl(o) {
      const thisUpdate = o.thisUpdate ?? new Date();
      const nextUpdate = o.nextUpdate ?? new Date(thisUpdate.getTime() + 7 * DAY);
      const revokedAt = o.revokedAt ?? new Date(thisUpdate.getTime() - 60_000);
      const revoked = o.revokedSerials.map((serial) => seq(integer(Buffer.from(serial, 'hex')), time(revokedAt)));
      const extensions = seq(
        seq(oid(OID.authorityKeyIdentifier), octets(derOf(seq(implicitPrimitive(0, issuer.keyId))))),
        seq(oid(OID.crlNumber), octets(derOf(integer(crlNumber.next++)))),
      );
      // TBSCertList v2 (RFC 5280 §5.1): version, signature, issuer, thisUpdate, nextUpdate, revokedCertificates, [0] extensions.
      const tbs = seq(
        integer(1),
        seq(...(pki.issuing.privateKey.asymmetricKeyType === 'ec' ? [oid(OID.ecdsaWithSha256)] : [oid(OID.sha256WithRsa), nullValue()])),
        issuer.name,
        time(thisUpdate),
        time(nextUpdate),
        ...(revoked.length ? [seq(...revoked)] : []),
        explicit(0, extensions),
      );
      const der = signStructure(tbs, pki.issuing.privateKey);
      return { der, pem: pemOf(der, 'X509 CRL') };
    },
  };
}

/**
 * Creates a development PKI at run time: a root CA standing in for the government root, and an
 * issuing CA under it that issues personal, organisation and time-stamping certificates.
 * Keys are generated with Node's native crypto (RSA-2048 for the CAs), so a test file can
 * create its own in well under a second; nothing is ever written to the repository.
 */
export function createDevPki(o: { commonName?: string; validYears?: number; keyType?: DevKeyType } = {}): DevPki {
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
    extensions: caExtensions(issuingKeys.publicKey, rootKeyId, 0),
  });
  return assemble({ root, issuing: bundle(issuingCertificate, issuingKeys.privateKey) }, { next: 1 });
}

interface ExportedPki {
  format: 'vanthu-dev-pki/1';
  root: { certificatePem: string; privateKeyPem: string };
  issuing: { certificatePem: string; privateKeyPem: string };
  nextCrlNumber: number;
}

/** JSON with both CAs' certificates and private keys (PEM): the demo seed keeps it to issue more later. Development only. */
export function exportDevPki(pki: DevPki): string {
  const exported: ExportedPki = {
    format: 'vanthu-dev-pki/1',
    root: { certificatePem: pki.root.certificatePem, privateKeyPem: pki.root.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    issuing: { certificatePem: pki.issuing.certificatePem, privateKeyPem: pki.issuing.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() },
    nextCrlNumber: crlNumbers.get(pki)?.next ?? 1,
  };
  return JSON.stringify(exported, null, 2);
}

/** The PKI {@link exportDevPki} wrote, ready to issue again. */
export function importDevPki(json: string): DevPki {
  const data = JSON.parse(json) as ExportedPki;
  if (data.format !== 'vanthu-dev-pki/1') throw new Error('Not an exported VănThư development PKI');
  const load = (part: ExportedPki['root']) => bundle(new X509Certificate(part.certificatePem), createPrivateKey(part.privateKeyPem));
  return assemble({ root: load(data.root), issuing: load(data.issuing) }, { next: data.nextCrlNumber });
}
