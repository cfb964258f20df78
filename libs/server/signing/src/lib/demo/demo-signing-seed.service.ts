import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { databaseLock, OrganisationEntity, SigningCredentialEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { demoSealImage, demoSignatureImage, DevKeyType } from '@vanthu/dev-pki';
import { Role } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { CredentialsService } from '../credentials.service';
import { DevAuthorityService } from '../dev-authority.service';

/** PIN of every demo signing key (leaders' signatures and organisations' seals), printed by `npm start`. */
export const DEMO_SIGNING_PIN = '123456';

/**
 * Gives a demo installation (DEV_PKI on) what real signing needs: a development CA whose root is trusted, a
 * personal certificate (with a blue signature image) for every leader and an organisation
 * certificate (with a red seal image) for every organisation. Runs once; later runs only fill gaps.
 */
@Injectable()
export class DemoSigningSeed {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authority: DevAuthorityService,
    private readonly credentials: CredentialsService,
  ) {}

  async seed(options: { keyType?: DevKeyType } = {}): Promise<{ issued: number }> {
    // The demo's PINs are known to everyone: they exist only where the development CA does.
    if (!this.authority.enabled) throw new Error('The demo signing credentials need DEV_PKI on (a demo or test installation)');
    return this.dataSource.transaction(async (manager) => {
      const [lock] = await manager.query(`SELECT GET_LOCK(${databaseLock('demo-signing-seed')}, 60) AS got`);
      if (Number(lock.got) !== 1) throw new Error('Could not take the demo signing seed lock within 60 s');
      try {
        await this.authority.ensure(manager);
        const holders = await manager
          .createQueryBuilder(SigningCredentialEntity, 'c')
          .select(['c.ownerType AS ownerType', 'c.ownerId AS ownerId'])
          .where('c.active = 1')
          .getRawMany<{ ownerType: string; ownerId: number }>();
        const has = new Set(holders.map((h) => `${h.ownerType}:${Number(h.ownerId)}`));
        const leaders = await manager
          .createQueryBuilder(UserEntity, 'u')
          .innerJoin(UserRoleEntity, 'r', 'r.user_id = u.id AND r.role = :role', { role: Role.Leader })
          .where('u.active = 1')
          .orderBy('u.id')
          .getMany();
        const organisations = await manager.find(OrganisationEntity, { where: { active: true }, order: { id: 'ASC' } });
        let issued = 0;
        for (const leader of leaders) {
          if (has.has(`user:${leader.id}`)) continue;
          await this.credentials.issue(
            manager,
            null,
            { ownerType: 'user', ownerId: leader.id },
            { pin: DEMO_SIGNING_PIN, image: demoSignatureImage({ seed: leader.username }), keyType: options.keyType },
          );
          issued += 1;
        }
        for (const organisation of organisations) {
          if (has.has(`organisation:${organisation.id}`)) continue;
          await this.credentials.issue(
            manager,
            null,
            { ownerType: 'organisation', ownerId: organisation.id },
            { pin: DEMO_SIGNING_PIN, image: demoSealImage({ organisation: organisation.name }), keyType: options.keyType },
          );
          issued += 1;
        }
        if (issued) this.logger.log(`Demo signing credentials issued: ${issued} (PIN ${DEMO_SIGNING_PIN})`);
        return { issued };
      } finally {
        await manager.query(`SELECT RELEASE_LOCK(${databaseLock('demo-signing-seed')})`);
      }
    });
  }
}
