import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound } from '@vanthu/server/core';
import { isWithin, OrganisationEntity, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import { OrganisationDto, OrganisationKind, UserDto } from '@vanthu/shared/contracts';
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

/** The root of the tree the user belongs to: `/1/` for anyone under the district with id 1. */
export function treeRootPath(organisationPath: string): string {
  const first = organisationPath.split('/').filter(Boolean)[0];
  return `/${first}/`;
}

/** The organisation tree and who works where, as every logged-in user may see it. */
@Injectable()
export class DirectoryService {
  constructor(
    @InjectRepository(OrganisationEntity) private readonly organisations: Repository<OrganisationEntity>,
    @InjectRepository(UserEntity) private readonly users: Repository<UserEntity>,
    @InjectRepository(UserRoleEntity) private readonly roles: Repository<UserRoleEntity>,
  ) {}

  /** Every active organisation of the user's district, parents before children (ids grow downwards). */
  async listOrganisations(user: AuthenticatedUser): Promise<OrganisationDto[]> {
    const rows = await this.organisations
      .createQueryBuilder('o')
      .where('o.path LIKE :root', { root: `${treeRootPath(user.organisationPath)}%` })
      .andWhere('o.active = 1')
      .orderBy('o.id', 'ASC')
      .getMany();
    return rows.map(toOrganisationDto);
  }

  /**
   * The people of an organisation, for assigning work and choosing reviewers and signers. A user
   * sees the members of their own organisation and of its units (office, departments), but not of
   * another commune: a commune is a separate People's Committee even though it hangs under the
   * district in the tree. A unit's people also see the organisation it belongs to: a department
   * drafts in the name of UBND huyện and submits to its chairman.
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
    const isUnit = own.kind === OrganisationKind.Department || own.kind === OrganisationKind.Office;
    if (isUnit && organisation.id === own.parentId) return true;
    return isWithin(organisation.path, own.path) && organisation.kind !== OrganisationKind.Commune;
  }
}
