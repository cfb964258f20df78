import { Injectable } from '@nestjs/common';
import { DocumentEntity } from '@vanthu/server/data-access';
import { EntityManager, In } from 'typeorm';

import { termsOf } from './search-text';

/**
 * Keeps document_term in step with documents' search words, in the transaction that changed
 * them: every write that sets `searchText` (or moves a document to another organisation) calls
 * {@link SearchIndex.refresh} with the documents it touched.
 */
@Injectable()
export class SearchIndex {
  async refresh(manager: EntityManager, documentIds: Array<string | number>): Promise<void> {
    if (!documentIds.length) return;
    const ids = documentIds.map(String);
    const documents = await manager.find(DocumentEntity, {
      select: { id: true, organisationId: true, listedAt: true, searchText: true },
      where: { id: In(ids) },
    });
    await manager.query('DELETE FROM document_term WHERE document_id IN (?)', [ids]);
    const rows = documents.flatMap((d) => termsOf(d.searchText).map((term) => [d.organisationId, term.slice(0, 64), d.listedAt, d.id]));
    for (let i = 0; i < rows.length; i += 2000) {
      await manager.query('INSERT INTO document_term (organisation_id, term, listed_at, document_id) VALUES ?', [rows.slice(i, i + 2000)]);
    }
  }
}
