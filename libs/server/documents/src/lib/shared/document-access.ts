import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@vanthu/server/core';
import { DocumentEntity } from '@vanthu/server/data-access';
import { DocumentStatus } from '@vanthu/shared/contracts';
import { EntityManager, SelectQueryBuilder } from 'typeorm';

import { DocumentNotFound } from './errors';

/**
 * Who may see a document, as one SQL condition (the organisation scope is always in the `where`,
 * never filtered after loading):
 * - a draft never sent for review: its creator alone (a specialist's unfinished work is not the
 *   leader's or the clerk's to read);
 * - otherwise its owner organisation (issuing or receiving) and the drafting unit;
 * - the people it names: creator, reviewers, signer;
 * - the units and people it is assigned to.
 */
export function visibleTo(alias: string, user: AuthenticatedUser): { sql: string; params: Record<string, number | string> } {
  const sql = `(${notOthersUnsentDraft(alias, 'visUser', 'visDraft')} AND (${alias}.created_by = :visUser
    OR (
      ${alias}.organisation_id = :visOrg
      OR ${alias}.drafting_unit_id = :visOrg
      OR ${alias}.signer_id = :visUser)
    OR EXISTS (SELECT 1 FROM review_step vr WHERE vr.document_id = ${alias}.id AND vr.reviewer_id = :visUser)
    OR EXISTS (SELECT 1 FROM assignee va WHERE va.document_id = ${alias}.id AND (va.user_id = :visUser OR va.organisation_id = :visOrg))))`;
  return { sql, params: { visOrg: user.organisationId, visUser: user.id, visDraft: DocumentStatus.Draft } };
}

/**
 * The first part of the rule above, on its own for the list's branches (they scope by
 * organisation in their own `where` for speed): a draft never sent for review is its creator's
 * alone. `userParam` and `draftParam` name the query parameters holding the user's id and
 * `DocumentStatus.Draft`.
 */
export function notOthersUnsentDraft(alias: string, userParam: string, draftParam: string): string {
  return `(${alias}.status <> :${draftParam} OR ${alias}.created_by = :${userParam})`;
}

@Injectable()
export class DocumentAccess {
  /** The document if the user may see it; otherwise "not found" (we do not tell that it exists). */
  async findVisible(manager: EntityManager, user: AuthenticatedUser, id: string | number, options: { lock?: boolean } = {}): Promise<DocumentEntity> {
    if (!/^\d{1,19}$/.test(String(id))) throw new DocumentNotFound();
    const visibility = visibleTo('d', user);
    let query: SelectQueryBuilder<DocumentEntity> = manager
      .getRepository(DocumentEntity)
      .createQueryBuilder('d')
      .where('d.id = :id', { id: String(id) })
      .andWhere(visibility.sql, visibility.params);
    if (options.lock) query = query.setLock('pessimistic_write');
    const document = await query.getOne();
    if (!document) throw new DocumentNotFound();
    return document;
  }
}
