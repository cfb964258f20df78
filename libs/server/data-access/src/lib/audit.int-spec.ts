import { loadConfig } from '@vanthu/server/core';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { DataSource } from 'typeorm';

import { AuditService } from './audit.service';
import { dataSourceOptions } from './database';

describe('the audit chain', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const audit = new AuditService();

  beforeAll(async () => {
    database = await createTestDatabase('audit');
    dataSource = new DataSource(dataSourceOptions(loadConfig(testEnv(database.name))));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const append = (n: number) =>
    Promise.all(
      Array.from({ length: n }, (_, i) =>
        dataSource.transaction((manager) =>
          audit.record(manager, { userId: i, organisationId: 1, action: 'test.action', entityType: 'test', entityId: i, ip: '127.0.0.1', details: { i, text: 'Kế hoạch số 27' } }),
        ),
      ),
    );

  it('refuses to record outside a transaction', async () => {
    await expect(audit.record(dataSource.manager, { userId: 1, organisationId: 1, action: 'x', entityType: 'y' })).rejects.toThrow(/inside the transaction/);
  });

  it('chains concurrent records without gaps and verifies', async () => {
    await append(40);
    const report = await audit.verifyChain(dataSource.manager, 7);
    expect(report).toEqual({ valid: true, checked: 40, brokenAt: null, reason: null });
  });

  it('drops a record whose transaction rolls back, leaving the chain valid', async () => {
    await expect(
      dataSource.transaction(async (manager) => {
        await audit.record(manager, { userId: 1, organisationId: 1, action: 'test.rolled-back', entityType: 'test' });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect((await audit.verifyChain(dataSource.manager)).valid).toBe(true);
    expect(await dataSource.query("SELECT id FROM audit_record WHERE action = 'test.rolled-back'")).toEqual([]);
  });

  it('detects a changed record', async () => {
    await dataSource.query("UPDATE audit_record SET details = REPLACE(details, '27', '28') WHERE id = 12");
    expect(await audit.verifyChain(dataSource.manager)).toMatchObject({ valid: false, brokenAt: '12', reason: 'hash-mismatch', checked: 11 });
  });

  it('detects a deleted record in the middle and at the end', async () => {
    const fresh = await createTestDatabase('audit2');
    const ds = new DataSource(dataSourceOptions(loadConfig(testEnv(fresh.name))));
    await ds.initialize();
    try {
      for (let i = 0; i < 5; i += 1) await ds.transaction((m) => audit.record(m, { userId: 1, organisationId: 1, action: 'a', entityType: 't', entityId: i }));
      await ds.query('DELETE FROM audit_record WHERE id = 5');
      expect(await audit.verifyChain(ds.manager)).toMatchObject({ valid: false, reason: 'head-mismatch' });
      await ds.query('DELETE FROM audit_record WHERE id = 2');
      expect(await audit.verifyChain(ds.manager)).toMatchObject({ valid: false, brokenAt: '3', reason: 'link-mismatch' });
    } finally {
      await ds.destroy();
      await fresh.drop();
    }
  });
});
