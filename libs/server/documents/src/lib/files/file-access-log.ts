import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@vanthu/server/core';
import { DocumentEntity, DocumentFileEntity, FileAccessEntity } from '@vanthu/server/data-access';
import { FileAccessAction } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

/**
 * Writes the access log (nhật ký truy cập, Decree 30/2020 Appendix VI): one row per view,
 * download or print of a document's file, before its bytes are sent.
 */
@Injectable()
export class FileAccessLog {
  async record(
    manager: EntityManager,
    entry: { user: AuthenticatedUser; document: Pick<DocumentEntity, 'id' | 'organisationId'>; file: Pick<DocumentFileEntity, 'id'>; action: FileAccessAction; ip: string },
  ): Promise<void> {
    await manager.insert(FileAccessEntity, {
      action: entry.action,
      userId: entry.user.id,
      documentId: entry.document.id,
      documentOrganisationId: entry.document.organisationId,
      fileId: entry.file.id,
      ip: entry.ip.slice(0, 45),
    });
  }
}
