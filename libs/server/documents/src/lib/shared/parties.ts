import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@vanthu/server/core';
import { OrganisationEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { LocalizedText, Role } from '@vanthu/shared/contracts';
import { EntityManager, In } from 'typeorm';

import { InvalidParty } from './errors';

function rootPathOf(path: string): string {
  return `/${path.split('/').filter(Boolean)[0]}/`;
}

/**
 * Who may take part in a document: the organisation it is issued in, its recipients, reviewers,
 * signers, leaders and assignees — all checked against the organisation tree on the server.
 */
@Injectable()
export class Parties {
  async organisation(manager: EntityManager, id: number): Promise<OrganisationEntity> {
    return manager.findOneByOrFail(OrganisationEntity, { id });
  }

  /**
   * The organisation a draft is issued in: the drafter's own, or one above it (a department's
   * draft is usually issued in the name of UBND huyện, with the symbol `…-UBND`).
   */
  async issuingOrganisation(manager: EntityManager, user: AuthenticatedUser, requestedId?: number | null): Promise<OrganisationEntity> {
    const own = await this.organisation(manager, user.organisationId);
    if (!requestedId || requestedId === own.id) return own;
    const requested = await manager.findOneBy(OrganisationEntity, { id: requestedId, active: true });
    if (!requested || !own.path.startsWith(requested.path)) {
      throw new InvalidParty({
        vi: 'Chỉ được ban hành văn bản nhân danh đơn vị của mình hoặc cơ quan cấp trên trực tiếp quản lý.',
        en: 'A document can only be issued in the name of your own organisation or one above it.',
      });
    }
    return requested;
  }

  /** Recipients (nơi nhận): active organisations of the same district tree, other than the issuer. */
  async recipients(manager: EntityManager, issuer: OrganisationEntity, ids: readonly number[]): Promise<OrganisationEntity[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids: unique })
      .andWhere('o.active = 1')
      .andWhere('o.path LIKE :root', { root: `${rootPathOf(issuer.path)}%` })
      .andWhere('o.id <> :issuer', { issuer: issuer.id })
      .getMany();
    if (found.length !== unique.length) {
      throw new InvalidParty({
        vi: 'Nơi nhận không hợp lệ: chỉ chọn các cơ quan, đơn vị đang hoạt động trong huyện (không gồm chính cơ quan ban hành).',
        en: 'Invalid recipients: choose active organisations of the district other than the issuer itself.',
      });
    }
    return found;
  }

  /** People holding `role` in one of `organisationIds`, all of `ids` or a clear error. */
  async people(manager: EntityManager, ids: readonly number[], role: Role, organisationIds: readonly number[], error: LocalizedText): Promise<UserEntity[]> {
    const unique = [...new Set(ids)];
    if (!unique.length || unique.length !== ids.length) throw new InvalidParty(error);
    const users = await manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(UserRoleEntity, 'r', 'r.user_id = u.id AND r.role = :role', { role })
      .where('u.id IN (:...ids)', { ids: unique })
      .andWhere('u.active = 1')
      .andWhere('u.organisationId IN (:...orgs)', { orgs: [...new Set(organisationIds)] })
      .getMany();
    if (users.length !== unique.length) throw new InvalidParty(error);
    return unique.flatMap((id) => users.filter((u) => u.id === id));
  }

  /** Active members of an organisation holding a role (for notifications and pickers). */
  async holders(manager: EntityManager, organisationId: number, role: Role): Promise<UserEntity[]> {
    return manager
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(UserRoleEntity, 'r', 'r.user_id = u.id AND r.role = :role', { role })
      .where('u.organisationId = :organisationId AND u.active = 1', { organisationId })
      .getMany();
  }

  async users(manager: EntityManager, ids: number[]): Promise<Map<number, UserEntity>> {
    if (!ids.length) return new Map();
    const rows = await manager.find(UserEntity, { where: { id: In([...new Set(ids)]) } });
    return new Map(rows.map((u) => [u.id, u]));
  }
}
