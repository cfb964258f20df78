import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Assignees found by index at a province's scale (hundreds of thousands of assignments):
 * - by document (a document's detail read every assignee by a scan of the whole table);
 * - the assignments a unit or person holds on another organisation's documents — the third
 *   branch of every list and search — flagged at assignment time (`from_other_organisation`), so
 *   that branch reads only those instead of every assignment the unit ever had on its own
 *   register, each then looked up and discarded;
 * - a person's open assignments by status (the "my assignments" count skips the completed ones);
 * - a unit's drafts issued by another organisation (the UBND above it): every outgoing document a
 *   unit drafts has it as drafting unit, so the index now holds the issuing organisation before
 *   the date and that branch reads only the others' instead of the unit's whole outgoing register.
 */
export class AssigneeLookups1764620000000 implements MigrationInterface {
  name = 'AssigneeLookups1764620000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE assignee ADD COLUMN from_other_organisation TINYINT(1) NOT NULL DEFAULT 0 AFTER user_id');
    await q.query(
      'UPDATE assignee a JOIN document d ON d.id = a.document_id SET a.from_other_organisation = 1 WHERE a.organisation_id IS NOT NULL AND a.organisation_id <> d.organisation_id',
    );
    await q.query(
      `ALTER TABLE assignee
         ADD KEY ix_assignee_document (document_id),
         ADD KEY ix_assignee_organisation_other (organisation_id, from_other_organisation, document_id),
         ADD KEY ix_assignee_user_other (user_id, from_other_organisation, document_id),
         ADD KEY ix_assignee_user_status (user_id, status, document_id)`,
    );
    await q.query('ALTER TABLE document DROP KEY ix_document_drafting_unit, ADD KEY ix_document_drafting_unit (drafting_unit_id, direction, organisation_id, listed_at)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE document DROP KEY ix_document_drafting_unit, ADD KEY ix_document_drafting_unit (drafting_unit_id, direction, listed_at)');
    await q.query(
      `ALTER TABLE assignee
         DROP KEY ix_assignee_document,
         DROP KEY ix_assignee_organisation_other,
         DROP KEY ix_assignee_user_other,
         DROP KEY ix_assignee_user_status`,
    );
    await q.query('ALTER TABLE assignee DROP COLUMN from_other_organisation');
  }
}
