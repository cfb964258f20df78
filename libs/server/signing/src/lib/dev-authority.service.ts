import { Injectable } from '@nestjs/common';
import { DevAuthorityEntity } from '@vanthu/server/data-access';
import { createDevPki, DevPki, exportDevPki, importDevPki } from '@vanthu/dev-pki';
import { EntityManager } from 'typeorm';

import { TrustService } from './trust.service';

/**
 * The development certificate authority of a demo or test installation: its root is a trust
 * anchor and its issuing CA issues credentials on an administrator's request. A production
 * installation has none (credentials come from the government CA or licensed public CAs).
 */
@Injectable()
export class DevAuthorityService {
  constructor(private readonly trust: TrustService) {}

  async load(manager: EntityManager): Promise<DevPki | null> {
    const row = await manager.findOne(DevAuthorityEntity, { where: { id: 1 } });
    return row ? importDevPki(row.bundle) : null;
  }

  /** The installation's development CA, created (with its root trusted and an empty CRL published) on first use. */
  async ensure(manager: EntityManager): Promise<DevPki> {
    const existing = await this.load(manager);
    if (existing) return existing;
    const pki = createDevPki({ commonName: 'VănThư Demo Root CA' });
    await manager.insert(DevAuthorityEntity, { id: 1, bundle: exportDevPki(pki) });
    await this.trust.addAnchor(manager, 'VănThư Demo Root CA', pki.root.certificatePem);
    const now = new Date();
    const nextUpdate = new Date(now.getTime() + 30 * 86_400_000);
    const crl = pki.crl({ revokedSerials: [], thisUpdate: now, nextUpdate });
    await this.trust.addRevocationList(manager, pki.issuing.certificate.subject, crl.der, now, nextUpdate);
    return pki;
  }
}
