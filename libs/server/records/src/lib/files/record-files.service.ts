import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, Forbidden, ValidationFailed } from '@vanthu/server/core';
import {
  AuditService,
  DocumentEntity,
  FileStorage,
  inTransaction,
  OrganisationEntity,
  RecordFileDocumentEntity,
  RecordFileEntity,
  UserEntity,
} from '@vanthu/server/data-access';
import { DocumentStore } from '@vanthu/server/documents';
import { Permission, RecordFileDetail, RecordFileStatus, RecordFileView, SaveRecordFileRequest } from '@vanthu/shared/contracts';
import { toIsoDate } from '@vanthu/shared/domain';
import { DataSource, EntityManager, In } from 'typeorm';

import { FileExport, ExportedDocument } from './record-file-export';
import { RecordFileClosed, RecordFileCodeTaken, RecordFileEmpty, RecordFileNotFound, RecordFileOpen } from './record-file-errors';

/** Law on Archives (Art. 11): a file goes to the organisation's archive within a year of its work ending. */
export function depositDueAfter(closedOn: string): string {
  const [y, m, d] = closedOn.split('-').map(Number);
  // 29 February closes to 28 February of the next year.
  const day = m === 2 && d === 29 ? 28 : d;
  return `${y + 1}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function can(user: AuthenticatedUser, permission: Permission): boolean {
  return user.permissions.includes(permission);
}

/**
 * Hồ sơ: the organisation's file list per year, kept by its clerks; documents filed by clerks and
 * handlers (only documents the one access rule lets them see); closed when the work ends, then
 * exported for the archive. Every file is the user's organisation's: another's is "not found".
 */
@Injectable()
export class RecordFilesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser, year: number): Promise<RecordFileView[]> {
    const files = await this.dataSource.manager.find(RecordFileEntity, { where: { organisationId: user.organisationId, year }, order: { code: 'ASC', id: 'ASC' } });
    return this.views(this.dataSource.manager, files);
  }

  async detail(user: AuthenticatedUser, id: string): Promise<RecordFileDetail> {
    return this.detailOf(this.dataSource.manager, await this.own(this.dataSource.manager, user, id));
  }

  async create(user: AuthenticatedUser, request: SaveRecordFileRequest, ip: string): Promise<RecordFileView> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.checkPerson(manager, user, request.personInChargeId);
      await this.checkCode(manager, user, request, null);
      const file = await manager.save(
        manager.create(RecordFileEntity, {
          organisationId: user.organisationId,
          year: request.year,
          code: request.code.trim(),
          title: request.title.trim(),
          retentionYears: request.retentionYears,
          personInChargeId: request.personInChargeId,
          description: request.description?.trim() || null,
          status: RecordFileStatus.Open,
          closedAt: null,
          closedBy: null,
          depositDue: null,
          depositRemindedAt: null,
        }),
      );
      await this.record(manager, user, 'record-file.created', file, ip, { code: file.code, title: file.title, year: file.year });
      const [view] = await this.views(manager, [file]);
      return view;
    });
  }

  async update(user: AuthenticatedUser, id: string, request: SaveRecordFileRequest, ip: string): Promise<RecordFileView> {
    return inTransaction(this.dataSource, async (manager) => {
      const file = await this.own(manager, user, id, true);
      if (file.status !== RecordFileStatus.Open) throw new RecordFileClosed();
      await this.checkPerson(manager, user, request.personInChargeId);
      await this.checkCode(manager, user, request, file.id);
      Object.assign(file, {
        year: request.year,
        code: request.code.trim(),
        title: request.title.trim(),
        retentionYears: request.retentionYears,
        personInChargeId: request.personInChargeId,
        description: request.description?.trim() || null,
      });
      await manager.save(file);
      await this.record(manager, user, 'record-file.updated', file, ip, { code: file.code, title: file.title, year: file.year });
      const [view] = await this.views(manager, [file]);
      return view;
    });
  }

  /** Files a document the user may see into an open file of the user's organisation (at the end). */
  async addDocument(user: AuthenticatedUser, id: string, documentId: number, ip: string): Promise<RecordFileDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const file = await this.own(manager, user, id, true);
      if (file.status !== RecordFileStatus.Open) throw new RecordFileClosed();
      const document = await this.store.visible(manager, user, documentId);
      const already = await manager.existsBy(RecordFileDocumentEntity, { fileId: file.id, documentId: document.id });
      if (!already) {
        const last = await manager.maximum(RecordFileDocumentEntity, 'position', { fileId: file.id });
        await manager.insert(RecordFileDocumentEntity, { fileId: file.id, documentId: document.id, position: (last ?? 0) + 1, addedBy: user.id });
        await this.record(manager, user, 'record-file.document-added', file, ip, { documentId: document.id, code: file.code });
      }
      return this.detailOf(manager, file);
    });
  }

  async removeDocument(user: AuthenticatedUser, id: string, documentId: string, ip: string): Promise<RecordFileDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const file = await this.own(manager, user, id, true);
      if (file.status !== RecordFileStatus.Open) throw new RecordFileClosed();
      if (!/^\d{1,19}$/.test(documentId)) throw new RecordFileNotFound();
      const link = await manager.findOneBy(RecordFileDocumentEntity, { fileId: file.id, documentId });
      if (!link) throw new RecordFileNotFound();
      // Whoever filed it, or the clerk who keeps the list, takes it out again.
      if (link.addedBy !== user.id && !can(user, Permission.ManageRecordFiles)) throw new Forbidden();
      await manager.delete(RecordFileDocumentEntity, { fileId: file.id, documentId });
      await this.record(manager, user, 'record-file.document-removed', file, ip, { documentId, code: file.code });
      return this.detailOf(manager, file);
    });
  }

  /** Kết thúc hồ sơ: the clerk or the person in charge; no more documents; due at the archive a year later. */
  async close(user: AuthenticatedUser, id: string, ip: string, now = new Date()): Promise<RecordFileDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const file = await this.own(manager, user, id, true);
      if (!can(user, Permission.ManageRecordFiles) && file.personInChargeId !== user.id) throw new Forbidden();
      if (file.status !== RecordFileStatus.Open) throw new RecordFileClosed();
      if (!(await manager.existsBy(RecordFileDocumentEntity, { fileId: file.id }))) throw new RecordFileEmpty();
      file.status = RecordFileStatus.Closed;
      file.closedAt = now;
      file.closedBy = user.id;
      file.depositDue = depositDueAfter(toIsoDate(now));
      await manager.save(file);
      await this.record(manager, user, 'record-file.closed', file, ip, { code: file.code, depositDue: file.depositDue });
      return this.detailOf(manager, file);
    });
  }

  /**
   * What the archive export holds: the file, its organisation and its documents in order, each
   * with its current files (main first). The clerk or the person in charge exports, and only a
   * closed file.
   */
  async exportOf(user: AuthenticatedUser, id: string): Promise<FileExport> {
    const manager = this.dataSource.manager;
    const file = await this.own(manager, user, id);
    if (!can(user, Permission.ManageRecordFiles) && file.personInChargeId !== user.id) throw new Forbidden();
    if (file.status !== RecordFileStatus.Closed) throw new RecordFileOpen();
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: file.organisationId });
    const links = await manager.find(RecordFileDocumentEntity, { where: { fileId: file.id }, order: { position: 'ASC' } });
    const documents = await manager.find(DocumentEntity, { where: { id: In(links.map((l) => l.documentId)) } });
    const byId = new Map(documents.map((d) => [d.id, d]));
    const signerIds = [...new Set(documents.map((d) => d.signerId).filter((x): x is number => x !== null))];
    const signers = new Map((signerIds.length ? await manager.find(UserEntity, { where: { id: In(signerIds) } }) : []).map((u) => [u.id, u]));
    const issuerIds = [...new Set(documents.map((d) => d.organisationId))];
    const issuers = new Map((await manager.find(OrganisationEntity, { where: { id: In(issuerIds) } })).map((o) => [o.id, o]));
    const exported: ExportedDocument[] = [];
    for (const link of links) {
      const d = byId.get(link.documentId);
      if (!d) continue;
      const files = await this.store.currentFiles(manager, d.id);
      const signer = d.signerId !== null ? signers.get(d.signerId) : undefined;
      exported.push({
        document: d,
        organName: d.senderName ?? issuers.get(d.organisationId)?.name ?? '',
        signer: signer ? { fullName: signer.fullName, position: signer.position } : null,
        files: await Promise.all(files.map(async (f) => ({ name: f.name, bytes: await this.storage.get(f.sha256) }))),
      });
    }
    return { file, organisation, documents: exported };
  }

  /** The file of the user's organisation, else "not found" (locked for change when asked). */
  private async own(manager: EntityManager, user: AuthenticatedUser, id: string, lock = false): Promise<RecordFileEntity> {
    if (!/^\d{1,10}$/.test(id)) throw new RecordFileNotFound();
    const file = await manager.findOne(RecordFileEntity, {
      where: { id: Number(id), organisationId: user.organisationId },
      ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    if (!file) throw new RecordFileNotFound();
    return file;
  }

  private async checkPerson(manager: EntityManager, user: AuthenticatedUser, personId: number | null): Promise<void> {
    if (personId === null) return;
    if (!(await manager.existsBy(UserEntity, { id: personId, organisationId: user.organisationId }))) {
      throw new ValidationFailed([{ field: 'personInChargeId', message: { vi: 'Người lập hồ sơ phải thuộc cơ quan, đơn vị.', en: 'The person in charge must belong to the organisation.' } }]);
    }
  }

  private async checkCode(manager: EntityManager, user: AuthenticatedUser, request: SaveRecordFileRequest, ownId: number | null): Promise<void> {
    const same = await manager.findOneBy(RecordFileEntity, { organisationId: user.organisationId, year: request.year, code: request.code.trim() });
    if (same && same.id !== ownId) throw new RecordFileCodeTaken(request.code.trim(), request.year);
  }

  private record(manager: EntityManager, user: AuthenticatedUser, action: string, file: RecordFileEntity, ip: string, details: Record<string, unknown>): Promise<void> {
    return this.audit.record(manager, { userId: user.id, organisationId: user.organisationId, action, entityType: 'record-file', entityId: String(file.id), ip, details });
  }

  private async views(manager: EntityManager, files: RecordFileEntity[]): Promise<RecordFileView[]> {
    if (!files.length) return [];
    const personIds = [...new Set(files.map((f) => f.personInChargeId).filter((x): x is number => x !== null))];
    const [people, counts] = await Promise.all([
      personIds.length ? manager.find(UserEntity, { where: { id: In(personIds) } }) : Promise.resolve([]),
      manager
        .createQueryBuilder(RecordFileDocumentEntity, 'l')
        .select('l.fileId', 'fileId')
        .addSelect('COUNT(*)', 'count')
        .where('l.fileId IN (:...ids)', { ids: files.map((f) => f.id) })
        .groupBy('l.fileId')
        .getRawMany<{ fileId: number; count: string }>(),
    ]);
    const person = new Map(people.map((u) => [u.id, u]));
    const count = new Map(counts.map((c) => [Number(c.fileId), Number(c.count)]));
    return files.map((f) => {
      const p = f.personInChargeId !== null ? person.get(f.personInChargeId) : undefined;
      return {
        id: f.id,
        year: f.year,
        code: f.code,
        title: f.title,
        retentionYears: f.retentionYears,
        personInCharge: p ? { id: p.id, fullName: p.fullName, position: p.position } : null,
        description: f.description,
        status: f.status,
        documentCount: count.get(f.id) ?? 0,
        closedAt: f.closedAt?.toISOString() ?? null,
        depositDue: f.depositDue,
      };
    });
  }

  private async detailOf(manager: EntityManager, file: RecordFileEntity): Promise<RecordFileDetail> {
    const [view] = await this.views(manager, [file]);
    const links = await manager.find(RecordFileDocumentEntity, { where: { fileId: file.id }, order: { position: 'ASC' } });
    if (!links.length) return { ...view, documents: [] };
    const [documents, people] = await Promise.all([
      manager.find(DocumentEntity, { where: { id: In(links.map((l) => l.documentId)) } }),
      manager.find(UserEntity, { where: { id: In([...new Set(links.map((l) => l.addedBy))]) } }),
    ]);
    const byId = new Map(documents.map((d) => [d.id, d]));
    const person = new Map(people.map((u) => [u.id, u]));
    return {
      ...view,
      documents: links.map((l, i) => {
        const d = byId.get(l.documentId) as DocumentEntity;
        const u = person.get(l.addedBy);
        return {
          id: Number(d.id),
          position: i + 1,
          direction: d.direction,
          symbol: d.symbol,
          documentDate: d.documentDate,
          subject: d.subject,
          addedBy: { id: l.addedBy, fullName: u?.fullName ?? '', position: u?.position ?? '' },
          addedAt: l.addedAt.toISOString(),
        };
      }),
    };
  }
}
