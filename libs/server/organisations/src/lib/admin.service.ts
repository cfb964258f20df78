import { Injectable } from '@nestjs/common';
import { LoginThrottle } from '@vanthu/server/auth';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, Conflict, DomainError, Forbidden, hashPassword, isAcceptablePassword, NotFound, PasswordPolicy, ValidationFailed } from '@vanthu/server/core';
import { AuditService, childPath, inTransaction, OrganisationEntity, OutboxEventType, OutboxService, startsWithPattern, UserEntity, UserRoleEntity } from '@vanthu/server/data-access';
import {
  CreateOrganisationRequest,
  CreateUserRequest,
  ErrorCode,
  isTopKind,
  OrganisationDto,
  Page,
  Role,
  UpdateOrganisationRequest,
  UpdateUserRequest,
  UserDto,
} from '@vanthu/shared/contracts';
import { isIdentifierCode } from '@vanthu/shared/domain';
import { DataSource, EntityManager, In, Not } from 'typeorm';

import { ORGANISATION_TEXT, toOrganisationDto, toUserDto } from './directory.service';

const USER_TEXT = { vi: 'Người dùng', en: 'The user' };

/**
 * Administration of organisations and users. An administrator manages their own organisation
 * and everything under it; every query carries that scope in its `where`.
 */
/** An organisation's mã định danh that is malformed or already another organisation's. */
class InvalidIdentifierCode extends DomainError {
  constructor(code: string, taken: boolean) {
    super(
      422,
      ErrorCode.InvalidIdentifierCode,
      taken
        ? { vi: `Mã định danh ${code} đã được dùng cho một cơ quan, đơn vị khác.`, en: `The identifier code ${code} already belongs to another organisation.` }
        : {
            vi: `Mã định danh "${code.slice(0, 20)}" không hợp lệ: tối đa 13 ký tự, gồm các nhóm chữ và số cách nhau bởi dấu chấm (ví dụ 000.00.00.H41).`,
            en: `The identifier code "${code.slice(0, 20)}" is not valid: at most 13 characters, groups of letters and digits separated by dots (e.g. 000.00.00.H41).`,
          },
    );
  }
}

/**
 * The mã định danh as stored (trimmed; empty: none), refused when it is not an identifier code
 * or another organisation of the installation has it (edXML packets are addressed by it).
 */
async function identifierCodeOf(manager: EntityManager, raw: string | null | undefined, organisationId: number | null): Promise<string | null> {
  const code = raw?.trim() || null;
  if (code === null) return null;
  if (!isIdentifierCode(code)) throw new InvalidIdentifierCode(code, false);
  const taken = await manager.existsBy(OrganisationEntity, organisationId === null ? { identifierCode: code } : { identifierCode: code, id: Not(organisationId) });
  if (taken) throw new InvalidIdentifierCode(code, true);
  return code;
}

@Injectable()
export class AdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly throttle: LoginThrottle,
    private readonly outbox: OutboxService,
  ) {}

  async createOrganisation(admin: AuthenticatedUser, request: CreateOrganisationRequest, ip: string): Promise<OrganisationDto> {
    // Only the platform's root administrator (whose organisation is a root) could create a new tree.
    if (request.parentId === null) throw new Forbidden();
    // A province or district is the top of its tree, never a child: the kind would mislead every list.
    if (isTopKind(request.kind)) {
      throw new ValidationFailed([
        {
          field: 'kind',
          message: {
            vi: 'UBND tỉnh, UBND huyện chỉ có thể là cấp cao nhất của hệ thống, không trực thuộc đơn vị nào. Hãy chọn văn phòng, cơ quan chuyên môn hoặc UBND xã, phường.',
            en: 'A province or district can only be the top of the tree, never under another organisation. Choose an office, a department or a commune.',
          },
        },
      ]);
    }
    return inTransaction(this.dataSource, async (manager) => {
      const parent = await this.scopedOrganisation(manager, admin, request.parentId as number);
      if (await manager.existsBy(OrganisationEntity, { code: request.code })) {
        throw new Conflict({ vi: `Mã đơn vị "${request.code}" đã tồn tại.`, en: `Organisation code "${request.code}" already exists.` });
      }
      const inserted = await manager.insert(OrganisationEntity, {
        parentId: parent.id,
        path: '',
        code: request.code,
        name: request.name.trim(),
        kind: request.kind,
        abbreviation: request.abbreviation.trim(),
        identifierCode: await identifierCodeOf(manager, request.identifierCode, null),
        placeName: request.placeName ?? null,
        active: true,
      });
      const id = Number(inserted.identifiers[0].id);
      await manager.update(OrganisationEntity, { id }, { path: childPath(parent.path, id) });
      await this.audit.record(manager, {
        userId: admin.id,
        organisationId: admin.organisationId,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: id,
        ip,
        details: { code: request.code, name: request.name, parentId: parent.id },
      });
      return toOrganisationDto(await manager.findOneByOrFail(OrganisationEntity, { id }));
    });
  }

  async updateOrganisation(admin: AuthenticatedUser, id: number, request: UpdateOrganisationRequest, ip: string): Promise<OrganisationDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const organisation = await this.scopedOrganisation(manager, admin, id);
      // An administrator cannot switch off their own organisation and lock themselves out.
      if (request.active === false && organisation.id === admin.organisationId) throw new Forbidden();
      const changes: Partial<OrganisationEntity> = {};
      if (request.name !== undefined) changes.name = request.name.trim();
      if (request.abbreviation !== undefined) changes.abbreviation = request.abbreviation.trim();
      if (request.identifierCode !== undefined) changes.identifierCode = await identifierCodeOf(manager, request.identifierCode, id);
      if (request.placeName !== undefined) changes.placeName = request.placeName;
      if (request.active !== undefined) changes.active = request.active;
      if (Object.keys(changes).length) await manager.update(OrganisationEntity, { id }, changes);
      await this.audit.record(manager, {
        userId: admin.id,
        organisationId: admin.organisationId,
        action: 'organisation.updated',
        entityType: 'organisation',
        entityId: id,
        ip,
        details: { ...changes },
      });
      return toOrganisationDto(await manager.findOneByOrFail(OrganisationEntity, { id }));
    });
  }

  async listUsers(admin: AuthenticatedUser, organisationId: number | undefined, page = 1, pageSize = 50): Promise<Page<UserDto>> {
    const size = Math.min(pageSize, 200);
    const query = this.dataSource
      .getRepository(UserEntity)
      .createQueryBuilder('u')
      .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisation_id')
      .where('o.path LIKE :scope', { scope: startsWithPattern(admin.organisationPath) });
    if (organisationId !== undefined) {
      await this.scopedOrganisation(this.dataSource.manager, admin, organisationId);
      query.andWhere('u.organisation_id = :organisationId', { organisationId });
    }
    const [users, total] = await query
      .orderBy('u.organisationId', 'ASC')
      .addOrderBy('u.username', 'ASC')
      .skip((page - 1) * size)
      .take(size)
      .getManyAndCount();
    const roles = users.length ? await this.dataSource.getRepository(UserRoleEntity).findBy({ userId: In(users.map((u) => u.id)) }) : [];
    return { items: users.map((u) => toUserDto(u, roles)), total, page, pageSize: size };
  }

  async createUser(admin: AuthenticatedUser, request: CreateUserRequest, ip: string): Promise<UserDto> {
    if (!isAcceptablePassword(request.password)) throw new PasswordPolicy();
    const passwordHash = await hashPassword(request.password);
    return inTransaction(this.dataSource, async (manager) => {
      const organisation = await this.scopedOrganisation(manager, admin, request.organisationId);
      const username = request.username.toLowerCase();
      if (await manager.existsBy(UserEntity, { username })) {
        throw new Conflict({ vi: `Tên đăng nhập "${username}" đã được dùng.`, en: `Username "${username}" is already taken.` });
      }
      const inserted = await manager.insert(UserEntity, {
        organisationId: organisation.id,
        username,
        fullName: request.fullName.trim(),
        position: request.position.trim(),
        email: request.email ?? null,
        passwordHash,
        active: true,
      });
      const id = Number(inserted.identifiers[0].id);
      await this.replaceRoles(manager, id, organisation.id, request.roles);
      await this.audit.record(manager, {
        userId: admin.id,
        organisationId: admin.organisationId,
        action: 'user.created',
        entityType: 'user',
        entityId: id,
        ip,
        details: { username, organisationId: organisation.id, roles: request.roles },
      });
      return this.userDto(manager, id);
    });
  }

  async updateUser(admin: AuthenticatedUser, id: number, request: UpdateUserRequest, ip: string): Promise<UserDto> {
    if (request.password !== undefined && !isAcceptablePassword(request.password)) throw new PasswordPolicy();
    const passwordHash = request.password !== undefined ? await hashPassword(request.password) : undefined;
    return inTransaction(this.dataSource, async (manager) => {
      const user = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisation_id')
        .where('u.id = :id', { id })
        .andWhere('o.path LIKE :scope', { scope: startsWithPattern(admin.organisationPath) })
        .getOne();
      if (!user) throw new NotFound(USER_TEXT);
      // An administrator cannot remove their own admin role or switch themselves off.
      if (user.id === admin.id && (request.active === false || (request.roles && !request.roles.includes(Role.Admin)))) {
        throw new Forbidden();
      }
      const changes: Partial<UserEntity> = {};
      if (request.fullName !== undefined) changes.fullName = request.fullName.trim();
      if (request.position !== undefined) changes.position = request.position.trim();
      if (request.email !== undefined) changes.email = request.email;
      if (request.active !== undefined) changes.active = request.active;
      if (request.unlock) {
        Object.assign(changes, { failedLogins: 0, lockedUntil: null });
        // The waits live in Redis: forgetting them lets the person in from anywhere at once.
        await this.throttle.forget(user.username);
      }
      if (passwordHash) Object.assign(changes, { passwordHash, passwordChangedAt: new Date() });
      if (Object.keys(changes).length) await manager.update(UserEntity, { id }, changes);
      if (request.roles) await this.replaceRoles(manager, id, user.organisationId, request.roles);
      if (request.active === false || passwordHash) await manager.query('DELETE FROM session WHERE user_id = ?', [id]);
      const { passwordHash: _secret, ...logged } = changes;
      await this.audit.record(manager, {
        userId: admin.id,
        organisationId: admin.organisationId,
        action: 'user.updated',
        entityType: 'user',
        entityId: id,
        ip,
        details: { ...logged, ...(request.roles ? { roles: request.roles } : {}), ...(passwordHash ? { passwordReset: true } : {}) },
      });
      // A new password set by someone else is told to the account's owner: with a leader's account
      // it would otherwise go unseen.
      if (passwordHash && user.id !== admin.id) {
        await this.audit.record(manager, { userId: admin.id, organisationId: admin.organisationId, action: 'user.password-reset', entityType: 'user', entityId: id, ip, details: { username: user.username } });
        await this.outbox.emit(manager, { type: OutboxEventType.PasswordReset, payload: { userIds: [id], actorId: admin.id, subject: user.fullName, username: user.username } });
      }
      return this.userDto(manager, id);
    });
  }

  private async scopedOrganisation(manager: EntityManager, admin: AuthenticatedUser, id: number): Promise<OrganisationEntity> {
    const organisation = await manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = :id', { id })
      .andWhere('o.path LIKE :scope', { scope: startsWithPattern(admin.organisationPath) })
      .getOne();
    if (!organisation) throw new NotFound(ORGANISATION_TEXT);
    return organisation;
  }

  private async replaceRoles(manager: EntityManager, userId: number, organisationId: number, roles: Role[]): Promise<void> {
    await manager.delete(UserRoleEntity, { userId });
    await manager.insert(
      UserRoleEntity,
      [...new Set(roles)].map((role) => ({ userId, role, organisationId })),
    );
  }

  private async userDto(manager: EntityManager, id: number): Promise<UserDto> {
    const user = await manager.findOneByOrFail(UserEntity, { id });
    return toUserDto(user, await manager.findBy(UserRoleEntity, { userId: id }));
  }
}
