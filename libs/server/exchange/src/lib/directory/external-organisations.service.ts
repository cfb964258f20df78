import { createHash, randomBytes } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, DomainError, NotFound } from '@vanthu/server/core';
import { AuditService, ExchangePeerEntity, ExternalOrganisationEntity, inTransaction } from '@vanthu/server/data-access';
import { CsvImportResult, ErrorCode, ExchangePeerCreated, ExchangePeerDto, ExternalOrganisationDto, ExternalOrganisationRequest, LocalizedText } from '@vanthu/shared/contracts';
import { foldVietnamese } from '@vanthu/shared/domain';
import { DataSource, EntityManager } from 'typeorm';

import { isIdentifierCode } from '../mapping';

export class InvalidIdentifierCode extends DomainError {
  constructor(text: LocalizedText) {
    super(422, ErrorCode.InvalidIdentifierCode, text);
  }
}

const badCode = (code: string) =>
  new InvalidIdentifierCode({
    vi: `Mã định danh "${code.slice(0, 20)}" không hợp lệ: tối đa 13 ký tự, gồm các nhóm chữ và số cách nhau bởi dấu chấm (ví dụ 000.00.00.H41).`,
    en: `The identifier code "${code.slice(0, 20)}" is not valid: at most 13 characters, groups of letters and digits separated by dots (e.g. 000.00.00.H41).`,
  });

const takenCode = (code: string) =>
  new InvalidIdentifierCode({ vi: `Mã định danh ${code} đã có trong danh bạ.`, en: `The identifier code ${code} is already in the directory.` });

export function toExternalDto(o: ExternalOrganisationEntity): ExternalOrganisationDto {
  return { id: o.id, identifierCode: o.identifierCode, name: o.name, address: o.address, email: o.email, telephone: o.telephone, website: o.website, active: o.active };
}

const clean = (v: string | null | undefined, max: number) => (v === undefined ? undefined : v?.trim().slice(0, max) || null);

/** A line of the CSV: fields separated by commas, a field in double quotes may hold commas and "" for a quote. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === ';') {
      fields.push(current);
      current = '';
    } else current += c;
  }
  fields.push(current);
  return fields.map((f) => f.trim());
}

/**
 * The directory of organisations outside this installation (province, its departments, other
 * districts, ministries) by their identifier codes: administrators edit it and import it from CSV;
 * clerks choose external recipients from it; incoming packets name their senders by it. Also the
 * peers allowed to post packets, each known by the hash of its token.
 */
@Injectable()
export class ExternalOrganisations {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(q?: string, includeInactive = false): Promise<ExternalOrganisationDto[]> {
    const query = this.dataSource.getRepository(ExternalOrganisationEntity).createQueryBuilder('o').orderBy('o.name', 'ASC').limit(1000);
    if (!includeInactive) query.andWhere('o.active = 1');
    const rows = await query.getMany();
    const folded = q ? foldVietnamese(q) : null;
    return rows.filter((o) => !folded || foldVietnamese(`${o.name} ${o.identifierCode}`).includes(folded)).map(toExternalDto);
  }

  async create(user: AuthenticatedUser, request: ExternalOrganisationRequest, ip: string): Promise<ExternalOrganisationDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const saved = await this.insert(manager, request);
      await this.record(manager, user, 'external-organisation.created', saved.id, ip, { identifierCode: saved.identifierCode, name: saved.name });
      return toExternalDto(saved);
    });
  }

  async update(user: AuthenticatedUser, id: number, request: Partial<ExternalOrganisationRequest> & { active?: boolean }, ip: string): Promise<ExternalOrganisationDto> {
    return inTransaction(this.dataSource, async (manager) => {
      const existing = await manager.findOne(ExternalOrganisationEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!existing) throw new NotFound({ vi: 'Cơ quan bên ngoài', en: 'The external organisation' });
      const changes: Partial<ExternalOrganisationEntity> = {};
      if (request.identifierCode !== undefined && request.identifierCode.trim() !== existing.identifierCode) {
        const code = request.identifierCode.trim();
        if (!isIdentifierCode(code)) throw badCode(code);
        if (await manager.findOneBy(ExternalOrganisationEntity, { identifierCode: code })) throw takenCode(code);
        changes.identifierCode = code;
      }
      if (request.name !== undefined) changes.name = request.name.trim().slice(0, 255);
      for (const key of ['address', 'email', 'website'] as const) if (request[key] !== undefined) changes[key] = clean(request[key], 255) ?? null;
      if (request.telephone !== undefined) changes.telephone = clean(request.telephone, 64) ?? null;
      if (request.active !== undefined) changes.active = request.active;
      if (Object.keys(changes).length) await manager.update(ExternalOrganisationEntity, { id }, changes);
      await this.record(manager, user, 'external-organisation.updated', id, ip, { changes: Object.keys(changes) });
      return toExternalDto(await manager.findOneByOrFail(ExternalOrganisationEntity, { id }));
    });
  }

  /**
   * Imports `identifierCode,name,address,email,telephone,website` lines (a header line is
   * recognised and skipped): a known code is updated, a new one added; a bad line is reported
   * and the others still count. One transaction with one audit record.
   */
  async importCsv(user: AuthenticatedUser, csv: string, ip: string): Promise<CsvImportResult> {
    return inTransaction(this.dataSource, async (manager) => {
      const result: CsvImportResult = { created: 0, updated: 0, errors: [] };
      const lines = csv.replace(/^\uFEFF/, '').split(/\r?\n/);
      for (const [index, line] of lines.entries()) {
        if (!line.trim()) continue;
        const [code = '', name = '', address, email, telephone, website] = csvFields(line);
        if (index === 0 && /identifier|ma ?dinh ?danh|mã/i.test(foldVietnamese(code))) continue;
        if (!isIdentifierCode(code)) {
          result.errors.push({ line: index + 1, message: badCode(code).text });
          continue;
        }
        if (!name) {
          result.errors.push({ line: index + 1, message: { vi: 'Thiếu tên cơ quan.', en: 'The organisation’s name is missing.' } });
          continue;
        }
        const fields = { name: name.slice(0, 255), address: clean(address, 255) ?? null, email: clean(email, 255) ?? null, telephone: clean(telephone, 64) ?? null, website: clean(website, 255) ?? null };
        const existing = await manager.findOneBy(ExternalOrganisationEntity, { identifierCode: code });
        if (existing) {
          await manager.update(ExternalOrganisationEntity, { id: existing.id }, { ...fields, active: true });
          result.updated++;
        } else {
          await manager.insert(ExternalOrganisationEntity, { identifierCode: code, ...fields, active: true });
          result.created++;
        }
      }
      await this.record(manager, user, 'external-organisation.imported', null, ip, { created: result.created, updated: result.updated, errors: result.errors.length });
      return result;
    });
  }

  async peers(): Promise<ExchangePeerDto[]> {
    const rows = await this.dataSource.getRepository(ExchangePeerEntity).find({ order: { id: 'ASC' } });
    return rows.map(toPeerDto);
  }

  /**
   * A new peer and its token, shown this once (only its SHA-256 is kept). `organIds`: the
   * organisations it receives for (a peer that pulls gets only their packets); none: every packet.
   */
  async createPeer(user: AuthenticatedUser, name: string, organIds: readonly string[], ip: string): Promise<ExchangePeerCreated> {
    const codes = [...new Set(organIds.map((c) => c.trim()))];
    for (const code of codes) if (!isIdentifierCode(code)) throw badCode(code);
    const token = randomBytes(32).toString('base64url');
    return inTransaction(this.dataSource, async (manager) => {
      const inserted = await manager.insert(ExchangePeerEntity, {
        name: name.trim().slice(0, 255),
        tokenSha256: createHash('sha256').update(token).digest('hex'),
        organIds: codes.length ? codes.join(',') : null,
        active: true,
      });
      const peer = await manager.findOneByOrFail(ExchangePeerEntity, { id: Number(inserted.identifiers[0].id) });
      await this.record(manager, user, 'exchange-peer.created', peer.id, ip, { name: peer.name, organIds: codes });
      return { ...toPeerDto(peer), token };
    });
  }

  /** The active peer holding this token, or null. */
  async peerByToken(token: string): Promise<ExchangePeerEntity | null> {
    if (!token) return null;
    return this.dataSource.getRepository(ExchangePeerEntity).findOneBy({ tokenSha256: createHash('sha256').update(token).digest('hex'), active: true });
  }

  private async insert(manager: EntityManager, request: ExternalOrganisationRequest): Promise<ExternalOrganisationEntity> {
    const code = request.identifierCode.trim();
    if (!isIdentifierCode(code)) throw badCode(code);
    if (await manager.findOneBy(ExternalOrganisationEntity, { identifierCode: code })) throw takenCode(code);
    const inserted = await manager.insert(ExternalOrganisationEntity, {
      identifierCode: code,
      name: request.name.trim().slice(0, 255),
      address: clean(request.address, 255) ?? null,
      email: clean(request.email, 255) ?? null,
      telephone: clean(request.telephone, 64) ?? null,
      website: clean(request.website, 255) ?? null,
      active: true,
    });
    return manager.findOneByOrFail(ExternalOrganisationEntity, { id: Number(inserted.identifiers[0].id) });
  }

  private record(manager: EntityManager, user: AuthenticatedUser, action: string, id: number | null, ip: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action, entityType: 'external-organisation', entityId: id, ip, details });
  }
}

function toPeerDto(peer: ExchangePeerEntity): ExchangePeerDto {
  return { id: peer.id, name: peer.name, organIds: peerOrganIds(peer), active: peer.active, createdAt: peer.createdAt.toISOString() };
}

/** The mã định danh a peer receives for; empty: every packet. */
export function peerOrganIds(peer: ExchangePeerEntity): string[] {
  return peer.organIds ? peer.organIds.split(',').filter(Boolean) : [];
}
