import { createHash, X509Certificate } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { DomainError } from '@vanthu/server/core';
import { RevocationListEntity, TrustAnchorEntity } from '@vanthu/server/data-access';
import { ErrorCode } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

export interface TrustMaterial {
  /** Active anchors (roots a signature must chain to). */
  trustedRoots: string[];
  /** Active intermediates (CA certificates that may complete a path to an anchor). */
  intermediates: string[];
  crls: Buffer[];
}

export type TrustKind = 'anchor' | 'intermediate';

/** SHA-256 of a certificate's DER, hex: how the trust store and the bindings name a certificate. */
export function fingerprintOf(certificate: X509Certificate | string): string {
  const x509 = typeof certificate === 'string' ? new X509Certificate(certificate) : certificate;
  return createHash('sha256').update(x509.raw).digest('hex');
}

/** A file given as a trust anchor or intermediate that is not a readable CA certificate. */
export class InvalidTrustCertificate extends DomainError {
  constructor(reason: 'unreadable' | 'not-ca' | 'not-self-signed') {
    const text = {
      unreadable: {
        vi: 'Tệp không phải chứng thư số X.509 đọc được (cần định dạng PEM hoặc DER).',
        en: 'The file is not a readable X.509 certificate (PEM or DER expected).',
      },
      'not-ca': {
        vi: 'Chứng thư số này không phải của tổ chức chứng thực (không có basicConstraints CA): không thể dùng làm chứng thư gốc hay trung gian tin cậy.',
        en: 'This certificate is not a certification authority’s (no basicConstraints CA): it cannot be a trust anchor or intermediate.',
      },
      'not-self-signed': {
        vi: 'Chứng thư gốc tin cậy phải là chứng thư tự ký của tổ chức chứng thực gốc; chứng thư này hãy thêm làm chứng thư trung gian.',
        en: 'A trust anchor must be a root CA’s self-signed certificate; add this one as an intermediate.',
      },
    }[reason];
    super(422, ErrorCode.InvalidTrustCertificate, text);
  }
}

/** Reads one certificate from PEM text or DER bytes; a clear 422 for anything else. */
export function readCertificate(input: Buffer | string): X509Certificate {
  try {
    const bytes = typeof input === 'string' ? Buffer.from(input, 'utf8') : input;
    const text = bytes.toString('latin1');
    const pem = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/);
    return new X509Certificate(pem ? Buffer.from(pem[0], 'latin1') : bytes);
  } catch {
    throw new InvalidTrustCertificate('unreadable');
  }
}

/**
 * The trust store: the roots signatures must chain to, the intermediates that may complete a path,
 * and the CRLs known to the system. Read from the database on each verification: an
 * administrator's change reaches every replica at once, and the tables are a handful of rows.
 */
@Injectable()
export class TrustService {
  async material(manager: EntityManager): Promise<TrustMaterial> {
    const [anchors, crls] = await Promise.all([
      manager.find(TrustAnchorEntity, { where: { active: true }, order: { id: 'ASC' } }),
      manager.find(RevocationListEntity, { order: { thisUpdate: 'DESC' } }),
    ]);
    // The newest list of each issuer is the one in force.
    const newest = new Map<string, RevocationListEntity>();
    for (const crl of crls) if (!newest.has(crl.issuer)) newest.set(crl.issuer, crl);
    return {
      trustedRoots: anchors.filter((a) => a.kind === 'anchor').map((a) => a.certificatePem),
      intermediates: anchors.filter((a) => a.kind === 'intermediate').map((a) => a.certificatePem),
      crls: [...newest.values()].map((c) => c.der),
    };
  }

  /**
   * Adds a CA certificate to the trust store (once: the same certificate is kept a single time; a
   * disabled one given again is enabled again). Refuses what is not a CA certificate.
   */
  async addAnchor(manager: EntityManager, name: string, certificateInput: string | Buffer, options: { kind?: TrustKind; addedBy?: number | null } = {}): Promise<TrustAnchorEntity> {
    const certificate = readCertificate(certificateInput);
    const kind = options.kind ?? 'anchor';
    if (!certificate.ca) throw new InvalidTrustCertificate('not-ca');
    if (kind === 'anchor' && !(certificate.checkIssued(certificate) && certificate.verify(certificate.publicKey))) throw new InvalidTrustCertificate('not-self-signed');
    const fingerprint = fingerprintOf(certificate);
    await manager
      .createQueryBuilder()
      .insert()
      .into(TrustAnchorEntity)
      .values({
        name: name.slice(0, 255),
        certificatePem: certificate.toString(),
        fingerprint,
        kind,
        active: true,
        subject: certificate.subject.slice(0, 1024),
        notAfter: new Date(certificate.validTo),
        addedBy: options.addedBy ?? null,
      })
      .orUpdate(['active', 'kind', 'disabled_by', 'disabled_at'], ['fingerprint'])
      .execute();
    // orUpdate keeps the earlier name; disabled_* are cleared only through the values given.
    await manager.update(TrustAnchorEntity, { fingerprint }, { active: true, kind, disabledBy: null, disabledAt: null });
    return manager.findOneByOrFail(TrustAnchorEntity, { fingerprint });
  }

  async list(manager: EntityManager): Promise<TrustAnchorEntity[]> {
    return manager.find(TrustAnchorEntity, { order: { active: 'DESC', kind: 'ASC', id: 'ASC' } });
  }

  async addRevocationList(manager: EntityManager, issuer: string, der: Buffer, thisUpdate: Date, nextUpdate: Date | null): Promise<void> {
    await manager.insert(RevocationListEntity, { issuer, der, thisUpdate, nextUpdate });
  }
}
