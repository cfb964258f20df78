import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@vanthu/server/core';
import { OrganisationEntity, startsWithPattern, treeRootPath, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { isUnitKind, LocalizedText, Role } from '@vanthu/shared/contracts';
import { EntityManager, In } from 'typeorm';

import { InvalidParty } from './errors';

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
   * The organisation a draft is issued in: the drafter's own, or, for a unit (office, sở, phòng),
   * the People's Committee it works for (a sở's draft is usually issued in the name of UBND tỉnh,
   * a phòng's in that of UBND huyện, with the symbol `…-UBND`). A commune is a People's
   * Committee of its own and never drafts in the name of the province or district above it.
   */
  async issuingOrganisation(manager: EntityManager, user: AuthenticatedUser, requestedId?: number | null): Promise<OrganisationEntity> {
    const own = await this.organisation(manager, user.organisationId);
    if (!requestedId || requestedId === own.id) return own;
    const requested = isUnitKind(own.kind) && requestedId === own.parentId ? await manager.findOneBy(OrganisationEntity, { id: requestedId, active: true }) : null;
    if (!requested) {
      throw new InvalidParty({
        vi: 'Chỉ được ban hành văn bản nhân danh cơ quan, đơn vị của mình; văn phòng và cơ quan chuyên môn (sở, phòng) còn được soạn nhân danh Ủy ban nhân dân mà mình trực thuộc.',
        en: 'A document can only be issued in the name of your own organisation; an office or department (sở, phòng) may also draft in the name of the People’s Committee it belongs to.',
      });
    }
    return requested;
  }

  /** Recipients (nơi nhận): active organisations of the issuer's tree (its province or district), other than the issuer. */
  async recipients(manager: EntityManager, issuer: OrganisationEntity, ids: readonly number[]): Promise<OrganisationEntity[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id IN (:...ids)', { ids: unique })
      .andWhere('o.active = 1')
      .andWhere('o.path LIKE :root', { root: startsWithPattern(treeRootPath(issuer.path)) })
      .andWhere('o.id <> :issuer', { issuer: issuer.id })
      .getMany();
    if (found.length !== unique.length) {
      throw new InvalidParty({
        vi: 'Nơi nhận không hợp lệ: chỉ chọn các cơ quan, đơn vị đang hoạt động trong cùng tỉnh hoặc huyện với cơ quan ban hành (không gồm chính cơ quan ban hành).',
        en: 'Invalid recipients: choose active organisations of the issuer’s own province or district, other than the issuer itself.',
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
