import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An organisation's mã định danh is unique in the installation: edXML packets are addressed by it,
 * so two organisations with one code would both receive what is meant for one. Empty codes become
 * NULL (none). If duplicates are already there, the migration stops and names them, so that an
 * administrator settles which organisation keeps the code (nothing is changed silently).
 */
export class OrganisationIdentifierUnique1764690000000 implements MigrationInterface {
  name = 'OrganisationIdentifierUnique1764690000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query("UPDATE organisation SET identifier_code = NULL WHERE TRIM(identifier_code) = ''");
    const duplicates: Array<{ code: string; ids: string }> = await q.query(
      'SELECT identifier_code AS code, GROUP_CONCAT(id ORDER BY id) AS ids FROM organisation WHERE identifier_code IS NOT NULL GROUP BY identifier_code HAVING COUNT(*) > 1',
    );
    if (duplicates.length) {
      const list = duplicates.map((d) => `${d.code} (organisation ids ${d.ids})`).join('; ');
      throw new Error(
        `Mã định danh trùng nhau giữa các cơ quan, đơn vị: ${list}. Hãy sửa trong Quản trị trước khi nâng cấp. / ` +
          `Identifier codes shared by several organisations: ${list}. Correct them in administration before upgrading.`,
      );
    }
    await q.query('ALTER TABLE organisation ADD UNIQUE KEY uq_organisation_identifier_code (identifier_code)');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE organisation DROP KEY uq_organisation_identifier_code');
  }
}
