import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound } from '@vanthu/server/core';
import { isWithin, OrganisationEntity, startsWithPattern, treeRootPath, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { isUnitKind, OrganisationDto, UserDto } from '@vanthu/shared/contracts';
import { In, Repository } from 'typeorm';

export const ORGANISATION_TEXT = { vi: 'Đơn vị', en: 'The organisation' };

export function toOrganisationDto(o: OrganisationEntity): OrganisationDto {
  return {
    id: o.id,
    parentId: o.parentId,
    code: o.code,
    name: o.name,
    kind: o.kind,
    abbreviation: o.abbreviation,
    identifierCode: o.identifierCode,
    placeName: o.placeName,
    active: o.active,
  };
}

export function toUserDto(u: UserEntity, roles: UserRoleEntity[]): UserDto {
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    position: u.position,
    email: u.email,
    organisationId: u.organisationId,
    roles: roles.filter((r) => r.userId === u.id).map((r) => r.role).sort(),
    active: u.active,
    locked: !!u.lockedUntil && u.lockedUntil > new Date(),
  };
}

/** The organisation tree and who works where, as every logged-in user may see it. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserRoleEntity) private readonly roles: Repository<UserRoleEntity>,
  ) {}

  /** Every active organisation of the user's tree (province or district), parents before children (ids grow downwards). */
  async listOrganisations(user: AuthenticatedUser): Promise<OrganisationDto[]> {
    const rows = await this.organisations
      .createQueryBuilder('o')
      .where('o.path LIKE :root', { root: startsWithPattern(treeRootPath(user.organisationPath)) })
      .andWhere('o.active = 1')
      .orderBy('o.id', 'ASC')
      .getMany();
    return rows.map(toOrganisationDto);
  }

  /**
   * The people of an organisation, for assigning work and choosing reviewers and signers. A user
   * sees the members of their own organisation and of its units (office, departments), but not of
   * a commune: a commune is a People's Committee of its own even though it hangs under the
   * province or district in the tree. A unit's people also see the organisation it belongs to: a
   * sở or phòng drafts in the name of UBND tỉnh or huyện and submits to its chairman.
   */
  async listMembers(user: AuthenticatedUser, organisationId: number): Promise<UserDto[]> {
    const [organisation, own] = await Promise.all([
      this.organisations.findOneBy({ id: organisationId }),
      this.organisations.findOneBy({ id: user.organisationId }),
    ]);
    if (!organisation || !own || !this.mayListMembers(own, organisation)) throw new NotFound(ORGANISATION_TEXT);
    const members = await this.users.find({ where: { organisationId, active: true }, order: { fullName: 'ASC' } });
    const roles = members.length ? await this.roles.findBy({ userId: In(members.map((m) => m.id)) }) : [];
    return members.map((m) => toUserDto(m, roles));
  }

  private mayListMembers(own: OrganisationEntity, organisation: OrganisationEntity): boolean {
    if (organisation.id === own.id) return true;
    if (isUnitKind(own.kind) && organisation.id === own.parentId) return true;
    return isWithin(organisation.path, own.path) && isUnitKind(organisation.kind);
  }
}
