import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, DomainError, NotFound } from '@vanthu/server/core';
import { DocumentEntity, DocumentFileEntity, FileAccessEntity, FileStorage, OrganisationEntity, UserEntity } from '@vanthu/server/data-access';
import { DocumentStore, FileAccessLog } from '@vanthu/server/documents';
import { ErrorCode, FileAccessAction, FileAccessView, Page, Role } from '@vanthu/shared/contracts';
import { DataSource, In } from 'typeorm';

import { watermarkCopy } from './watermark';

class FileNotFound extends NotFound {
  constructor() {
    super({ vi: 'Tệp', en: 'The file' });
  }
}

class NoPdfCopy extends DomainError {
  constructor() {
    super(422, ErrorCode.NotAPdf, {
      vi: 'Tệp này không phải PDF nên không có bản in, bản sao đóng dấu; hãy tải tệp gốc.',
      en: 'This file is not a PDF, so it has no stamped print or copy; download the original.',
    });
  }
}

/** A PDF begins with %PDF- within its first kilobyte (ISO 32000-1, 7.5.2). */
function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 1024).includes('%PDF-');
}

/**
 * The watermarked copy of a document's file, for print or to save, and the access log (nhật ký
 * truy cập) read back: administrators see their tree's documents, leaders their organisation's.
 */
@Injectable()
export class FileAccessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly storage: FileStorage,
    private readonly accessLog: FileAccessLog,
  ) {}

  async copy(user: AuthenticatedUser, id: string, fileId: string, print: boolean, ip: string, now = new Date()): Promise<{ pdf: Buffer; fileName: string }> {
    const manager = this.dataSource.manager;
    const document = await this.store.visible(manager, user, id);
    const file = /^\d{1,19}$/.test(fileId) ? await manager.findOneBy(DocumentFileEntity, { id: fileId, documentId: document.id }) : null;
    if (!file) throw new FileNotFound();
    const bytes = await this.storage.get(file.sha256);
    if (!isPdf(bytes)) throw new NoPdfCopy();
    const reader = await manager.findOneByOrFail(UserEntity, { id: user.id });
    const pdf = await watermarkCopy(bytes, { fullName: reader.fullName, username: reader.username }, now);
    await this.accessLog.record(manager, { user, document, file, action: print ? FileAccessAction.Print : FileAccessAction.Copy, ip });
    return { pdf, fileName: `ban-sao-${file.name.replace(/\.pdf$/i, '')}.pdf` };
  }

  async log(user: AuthenticatedUser, query: { documentId?: number; page?: number; pageSize?: number }): Promise<Page<FileAccessView>> {
    const page = Math.max(1, query.page ?? 1);
    const pageSize = Math.min(100, Math.max(1, query.pageSize ?? 50));
    const q = this.dataSource.manager.createQueryBuilder(FileAccessEntity, 'a');
    if (user.roles.includes(Role.Admin)) {
      // An administrator's scope is the tree under their organisation.
      q.innerJoin(OrganisationEntity, 'o', 'o.id = a.documentOrganisationId').where('o.path LIKE :path', { path: `${user.organisationPath}%` });
    } else {
      q.where('a.documentOrganisationId = :org', { org: user.organisationId });
    }
    if (query.documentId) q.andWhere('a.documentId = :documentId', { documentId: String(query.documentId) });
    const [rows, total] = await q
      .orderBy('a.id', 'DESC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    if (!rows.length) return { items: [], total, page, pageSize };
    const manager = this.dataSource.manager;
    const [users, documents, files] = await Promise.all([
      manager.find(UserEntity, { where: { id: In([...new Set(rows.map((r) => r.userId))]) } }),
      manager.find(DocumentEntity, { where: { id: In([...new Set(rows.map((r) => r.documentId))]) }, select: { id: true, symbol: true, subject: true } }),
      manager.find(DocumentFileEntity, { where: { id: In([...new Set(rows.map((r) => r.fileId))]) }, select: { id: true, name: true } }),
    ]);
    const person = new Map(users.map((u) => [u.id, u]));
    const doc = new Map(documents.map((d) => [d.id, d]));
    const fileOf = new Map(files.map((f) => [f.id, f]));
    return {
      items: rows.map((r) => {
        const u = person.get(r.userId);
        const d = doc.get(r.documentId);
        return {
          id: Number(r.id),
          at: r.at.toISOString(),
          action: r.action,
          user: { id: r.userId, fullName: u?.fullName ?? '', position: u?.position ?? '' },
          ip: r.ip,
          document: { id: Number(r.documentId), symbol: d?.symbol ?? null, subject: d?.subject ?? '' },
          file: { id: Number(r.fileId), name: fileOf.get(r.fileId)?.name ?? '' },
        };
      }),
      total,
      page,
      pageSize,
    };
  }
}
