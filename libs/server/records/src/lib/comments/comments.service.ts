import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, DomainError, Forbidden, NotFound, UploadedFile, ValidationFailed } from '@vanthu/server/core';
import {
  AuditService,
  DocumentCommentEntity,
  DocumentCommentFileEntity,
  DocumentEntity,
  FileStorage,
  inTransaction,
  OrganisationEntity,
  UserEntity,
} from '@vanthu/server/data-access';
import { DocumentStore, looksLikePdf, mayRecordResult, refuseActiveContent } from '@vanthu/server/documents';
import { CommentKind, CommentView, DocumentDirection, ErrorCode, RecipientResultView } from '@vanthu/shared/contracts';
import { DataSource, EntityManager, In } from 'typeorm';

const MAX_TEXT = 4000;

class CommentFileNotFound extends NotFound {
  constructor() {
    super({ vi: 'Tệp đính kèm', en: 'The attachment' });
  }
}

class CommentTextRequired extends DomainError {
  constructor() {
    super(400, ErrorCode.CommentRequired, { vi: 'Hãy nhập nội dung ý kiến (tối đa 4.000 ký tự).', en: 'Write the comment (at most 4,000 characters).' });
  }
}

/**
 * The file name as the person's browser sent it: multer reads multipart names as Latin-1 while
 * browsers send UTF-8 (as for document files), so "Báo cáo.pdf" stays "Báo cáo.pdf"; no path
 * parts nor control characters.
 */
export function attachmentName(file: UploadedFile): string {
  const bytes = Buffer.from(file.originalname, 'latin1');
  const utf8 = bytes.toString('utf8');
  const name = Buffer.from(utf8, 'utf8').equals(bytes) ? utf8 : file.originalname;
  const base = (name.split(/[\\/]/).pop() ?? '').replace(/\p{Cc}/gu, '').trim().normalize('NFC');
  return (base || 'tep-dinh-kem').slice(-255);
}

/** A stored attachment to send back: its row and bytes. */
export interface CommentFile {
  file: DocumentCommentFileEntity;
  bytes: Buffer;
}

/**
 * Ý kiến and kết quả xử lý. A comment is for everyone who may see the document (the one access
 * rule); the result is the lead handler's, and the sender of the original reads each recipient's
 * results in its tracking. Each one is written with its audit record in one transaction.
 */
@Injectable()
export class CommentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly storage: FileStorage,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthenticatedUser, id: string): Promise<CommentView[]> {
    const document = await this.store.visible(this.dataSource.manager, user, id);
    const comments = await this.dataSource.manager.find(DocumentCommentEntity, { where: { documentId: document.id }, order: { id: 'ASC' } });
    return this.views(this.dataSource.manager, comments);
  }

  async addOpinion(user: AuthenticatedUser, id: string, text: string | undefined, files: UploadedFile[], ip: string): Promise<CommentView> {
    const clean = this.checkText(text);
    const stored = await this.storeFiles(files);
    return inTransaction(this.dataSource, async (manager) => {
      const document = await this.store.visible(manager, user, id);
      return this.write(manager, user, document, CommentKind.Opinion, clean, stored, ip);
    });
  }

  async recordResult(user: AuthenticatedUser, id: string, text: string | undefined, file: UploadedFile | undefined, ip: string): Promise<CommentView> {
    const clean = this.checkText(text);
    const stored = await this.storeFiles(file ? [file] : []);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      if (!mayRecordResult(user, facts)) throw new Forbidden();
      return this.write(manager, user, facts.document, CommentKind.Result, clean, stored, ip);
    });
  }

  /**
   * The results of every recipient's copy of an outgoing document the user may see (the sender's
   * tracking); for an incoming document, its own results.
   */
  async results(user: AuthenticatedUser, id: string): Promise<RecipientResultView[]> {
    const manager = this.dataSource.manager;
    const document = await this.store.visible(manager, user, id);
    const copies =
      document.direction === DocumentDirection.Outgoing ? await manager.find(DocumentEntity, { where: { sourceDocumentId: document.id }, order: { id: 'ASC' } }) : [document];
    if (!copies.length) return [];
    const [organisations, comments] = await Promise.all([
      manager.find(OrganisationEntity, { where: { id: In(copies.map((c) => c.organisationId)) } }),
      manager.find(DocumentCommentEntity, { where: { documentId: In(copies.map((c) => c.id)), kind: CommentKind.Result }, order: { id: 'ASC' } }),
    ]);
    const views = await this.views(manager, comments);
    const org = new Map(organisations.map((o) => [o.id, o]));
    return copies.map((c) => {
      const o = org.get(c.organisationId);
      return {
        recipient: { id: c.organisationId, name: o?.name ?? '', abbreviation: o?.abbreviation ?? '' },
        incomingDocumentId: Number(c.id),
        status: c.status,
        completedAt: c.completedAt?.toISOString() ?? null,
        results: views.filter((v) => v.documentId === Number(c.id)),
      };
    });
  }

  /**
   * An attachment, if the user may see the document it was written on — or, for a result, the
   * outgoing document that copy came from (the sender reads its recipients' results).
   */
  async file(user: AuthenticatedUser, id: string, commentId: string, fileId: string): Promise<CommentFile> {
    if (![commentId, fileId].every((v) => /^\d{1,19}$/.test(v))) throw new CommentFileNotFound();
    const manager = this.dataSource.manager;
    const document = await this.store.visible(manager, user, id);
    const file = await manager.findOneBy(DocumentCommentFileEntity, { id: fileId, commentId });
    const comment = file ? await manager.findOneBy(DocumentCommentEntity, { id: commentId }) : null;
    if (!file || !comment) throw new CommentFileNotFound();
    const own = comment.documentId === document.id;
    const recipientsResult =
      comment.kind === CommentKind.Result && (await manager.existsBy(DocumentEntity, { id: comment.documentId, sourceDocumentId: document.id }));
    if (!own && !recipientsResult) throw new CommentFileNotFound();
    return { file, bytes: await this.storage.get(file.sha256) };
  }

  private checkText(text: string | undefined): string {
    const clean = (text ?? '').trim();
    if (!clean || clean.length > MAX_TEXT) throw new CommentTextRequired();
    return clean;
  }

  /**
   * Stored before the transaction (content-addressed: an unreferenced file is swept later), once
   * every one is checked: an attachment that is a PDF (by its bytes, whatever its name) gets the
   * active-content check document uploads get, so a viewer opening it runs nothing.
   */
  private async storeFiles(files: UploadedFile[]): Promise<Array<{ upload: UploadedFile; sha256: string }>> {
    for (const f of files) {
      if (!f.size || !f.originalname) {
        throw new ValidationFailed([{ field: 'files', message: { vi: 'Tệp đính kèm rỗng.', en: 'An attachment is empty.' } }]);
      }
    }
    for (const f of files) if (looksLikePdf(f.buffer)) await refuseActiveContent(f.buffer);
    return Promise.all(files.map(async (upload) => ({ upload, sha256: await this.storage.put(upload.buffer) })));
  }

  private async write(
    manager: EntityManager,
    user: AuthenticatedUser,
    document: DocumentEntity,
    kind: CommentKind,
    text: string,
    files: Array<{ upload: UploadedFile; sha256: string }>,
    ip: string,
  ): Promise<CommentView> {
    const comment = await manager.save(manager.create(DocumentCommentEntity, { documentId: document.id, kind, authorId: user.id, organisationId: user.organisationId, text }));
    for (const f of files) {
      await manager.save(
        manager.create(DocumentCommentFileEntity, {
          commentId: comment.id,
          documentId: document.id,
          name: attachmentName(f.upload),
          contentType: (f.upload.mimetype || 'application/octet-stream').slice(0, 127),
          sha256: f.sha256,
          size: String(f.upload.size),
        }),
      );
    }
    await this.audit.record(manager, {
      userId: user.id,
      organisationId: user.organisationId,
      action: kind === CommentKind.Result ? 'document.result-recorded' : 'document.commented',
      entityType: 'document',
      entityId: document.id,
      ip,
      details: { comment: text, commentId: comment.id, files: files.map((f) => attachmentName(f.upload)) },
    });
    const [view] = await this.views(manager, [comment]);
    return view;
  }

  private async views(manager: EntityManager, comments: DocumentCommentEntity[]): Promise<CommentView[]> {
    if (!comments.length) return [];
    const [files, users, organisations] = await Promise.all([
      manager.find(DocumentCommentFileEntity, { where: { commentId: In(comments.map((c) => c.id)) }, order: { id: 'ASC' } }),
      manager.find(UserEntity, { where: { id: In([...new Set(comments.map((c) => c.authorId))]) } }),
      manager.find(OrganisationEntity, { where: { id: In([...new Set(comments.map((c) => c.organisationId))]) } }),
    ]);
    const person = new Map(users.map((u) => [u.id, u]));
    const org = new Map(organisations.map((o) => [o.id, o]));
    return comments.map((c) => {
      const u = person.get(c.authorId);
      const o = org.get(c.organisationId);
      return {
        id: Number(c.id),
        documentId: Number(c.documentId),
        kind: c.kind,
        author: { id: c.authorId, fullName: u?.fullName ?? '', position: u?.position ?? '' },
        organisation: o ? { id: o.id, name: o.name, abbreviation: o.abbreviation } : null,
        text: c.text,
        files: files.filter((f) => f.commentId === c.id).map((f) => ({ id: Number(f.id), name: f.name, size: Number(f.size), contentType: f.contentType })),
        createdAt: c.createdAt.toISOString(),
      };
    });
  }
}
