import { createHash, X509Certificate } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { RevocationListEntity, TrustAnchorEntity } from '@vanthu/server/data-access';
import { EntityManager } from 'typeorm';

export interface TrustMaterial {
  trustedRoots: string[];
  crls: Buffer[];
}

/**
 * The roots signatures must chain to and the CRLs known to the system. Read from the database on
 * each verification: an administrator's change reaches every replica at once, and the tables are
 * a handful of rows.
 */
@Injectable()
export class TrustService {
  async material(manager: EntityManager): Promise<TrustMaterial> {
    const [anchors, crls] = await Promise.all([
      manager.find(TrustAnchorEntity, { order: { id: 'ASC' } }),
      manager.find(RevocationListEntity, { order: { thisUpdate: 'DESC' } }),
    ]);
    // The newest list of each issuer is the one in force.
    const newest = new Map<string, RevocationListEntity>();
    for (const crl of crls) if (!newest.has(crl.issuer)) newest.set(crl.issuer, crl);
    return { trustedRoots: anchors.map((a) => a.certificatePem), crls: [...newest.values()].map((c) => c.der) };
  }

  /** Adds a root (once: the same certificate is kept a single time). */
  async addAnchor(manager: EntityManager, name: string, certificatePem: string): Promise<void> {
    const certificate = new X509Certificate(certificatePem);
    const fingerprint = createHash('sha256').update(certificate.raw).digest('hex');
    await manager
      .createQueryBuilder()
      .insert()
      .into(TrustAnchorEntity)
      .values({ name, certificatePem: certificate.toString(), fingerprint })
      .orIgnore()
      .execute();
  }

  async addRevocationList(manager: EntityManager, issuer: string, der: Buffer, thisUpdate: Date, nextUpdate: Date | null): Promise<void> {
    await manager.insert(RevocationListEntity, { issuer, der, thisUpdate, nextUpdate });
  }
}
