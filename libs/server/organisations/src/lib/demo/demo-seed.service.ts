import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hashPassword } from '@vanthu/server/core';
import { AuditService, childPath, databaseLock, OrganisationEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { DataSource, EntityManager } from 'typeorm';

import { DEMO_DISTRICT_EXTRAS, DEMO_EMAIL_DOMAIN, DEMO_ORGANISATIONS, DEMO_PASSWORD, DemoOrganisation, DemoUser, demoUsersOf } from './demo-data';

export interface DemoSeedResult {
  created: boolean;
  organisations: number;
  users: number;
}

/** Puts the demo district into an empty database, once, whatever the number of replicas starting. */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async seed(): Promise<DemoSeedResult> {
    // One hash for every demo account: the same password, and 50 scrypt runs would slow each start.
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    return this.dataSource.transaction(async (manager) => {
      // Serialises concurrent seeders: the second waits, then finds the district and stops.
      const [lock] = await manager.query(`SELECT GET_LOCK(${databaseLock('demo-seed')}, 30) AS got`);
      if (Number(lock.got) !== 1) throw new Error('Could not take the demo seed lock within 30 s');
      try {
        if (await manager.existsBy(OrganisationEntity, { code: DEMO_ORGANISATIONS.district.code })) {
          return { created: false, organisations: 0, users: 0 };
        }
        const district = await this.insertOrganisation(manager, DEMO_ORGANISATIONS.district, null);
        let users = 0;
        for (const user of [...demoUsersOf(DEMO_ORGANISATIONS.district), ...DEMO_DISTRICT_EXTRAS]) {
          await this.insertUser(manager, user, district, passwordHash);
          users += 1;
        }
        for (const child of DEMO_ORGANISATIONS.children) {
          const organisation = await this.insertOrganisation(manager, child, district);
          for (const user of demoUsersOf(child)) {
            await this.insertUser(manager, user, organisation, passwordHash);
            users += 1;
          }
        }
        await this.audit.record(manager, {
          userId: null,
          organisationId: district.id,
          action: 'demo.seeded',
          entityType: 'organisation',
          entityId: district.id,
          details: { organisations: 1 + DEMO_ORGANISATIONS.children.length, users },
        });
        this.logger.log(`Demo data created: ${1 + DEMO_ORGANISATIONS.children.length} organisations, ${users} users`);
        return { created: true, organisations: 1 + DEMO_ORGANISATIONS.children.length, users };
      } finally {
        await manager.query(`SELECT RELEASE_LOCK(${databaseLock('demo-seed')})`);
      }
    });
  }

  private async insertOrganisation(manager: EntityManager, data: DemoOrganisation, parent: OrganisationEntity | null): Promise<OrganisationEntity> {
    const inserted = await manager.insert(OrganisationEntity, {
      parentId: parent?.id ?? null,
      path: '',
      code: data.code,
      name: data.name,
      kind: data.kind,
      abbreviation: data.abbreviation,
      identifierCode: data.identifierCode,
      placeName: data.placeName,
      active: true,
    });
    const id = Number(inserted.identifiers[0].id);
    await manager.update(OrganisationEntity, { id }, { path: childPath(parent?.path ?? null, id) });
    return manager.findOneByOrFail(OrganisationEntity, { id });
  }

  private async insertUser(manager: EntityManager, user: DemoUser, organisation: OrganisationEntity, passwordHash: string): Promise<void> {
    const inserted = await manager.insert(UserEntity, {
      organisationId: organisation.id,
      username: user.username,
      fullName: user.fullName,
      position: user.position,
      email: `${user.username}@${DEMO_EMAIL_DOMAIN}`,
      passwordHash,
      active: true,
    });
    const userId = Number(inserted.identifiers[0].id);
    await manager.insert(
      UserRoleEntity,
      user.roles.map((role) => ({ userId, role, organisationId: organisation.id })),
    );
  }
}
