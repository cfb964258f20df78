import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { DevAuthorityEntity, RevocationListEntity } from '@vanthu/server/data-access';
import { createDevPki, DevPki, exportDevPki, importDevPki } from '@vanthu/dev-pki';
import { EntityManager } from 'typeorm';

import { KeyRing } from './keys/key-ring';
import { TrustService } from './trust.service';

/**
 * The development certificate authority of a demo or test installation (DEV_PKI, on with
 * SEED_DEMO): its root is a trust anchor and its issuing CA issues credentials on an
 * administrator's request. Its private keys are stored sealed with the key-encryption key. A
 * production installation has none, and never creates one (credentials come from the government
 * CA or licensed public CAs).
 */
@Injectable()
export class DevAuthorityService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly trust: TrustService,
    private readonly ring: KeyRing,
  ) {}

  /** Whether this installation has a development CA at all. */
  get enabled(): boolean {
    return this.config.signing.devPki;
  }

  /** The CA, or null where DEV_PKI is off (even if a row was left from a demo) or none exists yet. */
  async load(manager: EntityManager): Promise<DevPki | null> {
    if (!this.enabled) return null;
    const row = await manager.findOne(DevAuthorityEntity, { where: { id: 1 } });
    if (!row) return null;
    const json = row.kekId === null ? row.bundle : this.ring.open(Buffer.from(row.bundle, 'base64'), 'dev-authority').toString('utf8');
    return importDevPki(json);
  }

  /** The installation's development CA, created (with its root trusted and an empty CRL published) on first use. */
  async ensure(manager: EntityManager): Promise<DevPki> {
    if (!this.enabled) throw new Error('The development CA exists only with DEV_PKI on (a demo or test installation)');
    const existing = await this.load(manager);
    if (existing) {
      // A demo made before the root published its CRL: publish it now (the issuing CA's status is then known).
      const rootListed = await manager.countBy(RevocationListEntity, { issuer: existing.root.certificate.subject });
      if (!rootListed) {
        const now = new Date();
        const nextUpdate = new Date(now.getTime() + 30 * 86_400_000);
        await this.trust.addRevocationList(manager, existing.root.certificate.subject, existing.rootCrl({ revokedSerials: [], thisUpdate: now, nextUpdate }).der, now, nextUpdate);
      }
      return existing;
    }
    const pki = createDevPki({ commonName: 'VănThư Demo Root CA' });
    const sealed = this.ring.seal(Buffer.from(exportDevPki(pki), 'utf8'), 'dev-authority');
    await manager.insert(DevAuthorityEntity, { id: 1, bundle: sealed.toString('base64'), kekId: this.ring.currentId });
    await this.trust.addAnchor(manager, 'VănThư Demo Root CA', pki.root.certificatePem);
    const now = new Date();
    const nextUpdate = new Date(now.getTime() + 30 * 86_400_000);
    const crl = pki.crl({ revokedSerials: [], thisUpdate: now, nextUpdate });
    await this.trust.addRevocationList(manager, pki.issuing.certificate.subject, crl.der, now, nextUpdate);
    // The root's CRL too: the issuing CA's own status is then known, and signatures carry no revocation warning.
    const rootCrl = pki.rootCrl({ revokedSerials: [], thisUpdate: now, nextUpdate });
    await this.trust.addRevocationList(manager, pki.root.certificate.subject, rootCrl.der, now, nextUpdate);
    return pki;
  }
}
