import { loadConfig } from '@vanthu/server/core';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { DataSource } from 'typeorm';

import { dataSourceOptions, MIGRATIONS } from './database';
import { databaseLock } from './transaction';

describe('migrations', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase('migrations');
    dataSource = new DataSource(dataSourceOptions(loadConfig(testEnv(database.name)), { migrationsRun: false }));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const tables = async (): Promise<string[]> =>
    (await dataSource.query('SELECT table_name AS t FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_name')).map(
      (r: { t: string }) => r.t,
    );

  it('run up on an empty database, creating every table in utf8mb4', async () => {
    expect(await tables()).toEqual([]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    expect(ran.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => new m().name));
    expect(await tables()).toEqual(
      expect.arrayContaining(['organisation', 'user', 'user_role', 'session', 'audit_record', 'audit_head', 'document', 'document_file', 'register', 'delivery', 'assignee', 'outbox_event', 'migrations']),
    );
    const [collation] = await dataSource.query(
      "SELECT table_collation AS c FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = 'organisation'",
    );
    expect(collation.c).toBe('utf8mb4_unicode_ci');
    // Every entity column exists in the migrated schema with the same nullability.
    const columns: Array<{ t: string; c: string; n: string }> = await dataSource.query(
      'SELECT table_name AS t, column_name AS c, is_nullable AS n FROM information_schema.columns WHERE table_schema = DATABASE()',
    );
    const schema = new Map(columns.map((col) => [`${col.t}.${col.c}`, col.n === 'YES']));
    for (const entity of dataSource.entityMetadatas) {
      for (const column of entity.columns) {
        expect([`${entity.tableName}.${column.databaseName}`, schema.get(`${entity.tableName}.${column.databaseName}`)]).toEqual([
          `${entity.tableName}.${column.databaseName}`,
          column.isNullable,
        ]);
      }
    }
  });

  it('run down again cleanly, leaving only the migrations table', async () => {
    for (let i = 0; i < MIGRATIONS.length; i += 1) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual(['migrations']);
    expect(await dataSource.query('SELECT * FROM migrations')).toEqual([]);
  });

  it('run up again after down', async () => {
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await tables()).toContain('audit_head');
  });

  it('takes its start-up locks per database: another database on the same server never waits for them', async () => {
    const other = await createTestDatabase('migrationsother');
    const otherSource = new DataSource(dataSourceOptions(loadConfig(testEnv(other.name)), { migrationsRun: false }));
    await otherSource.initialize();
    const [mine, same, elsewhere] = [dataSource.createQueryRunner(), dataSource.createQueryRunner(), otherSource.createQueryRunner()];
    try {
      const take = async (runner: typeof mine) => Number((await runner.query(`SELECT GET_LOCK(${databaseLock('migrations')}, 0) AS got`))[0].got);
      expect(await take(mine)).toBe(1);
      expect(await take(same)).toBe(0);
      expect(await take(elsewhere)).toBe(1);
      expect(() => databaseLock('Bad name; DROP')).toThrow();
    } finally {
      await Promise.all([mine, same, elsewhere].map((r) => r.release()));
      await otherSource.destroy();
      await other.drop();
    }
  });
});
