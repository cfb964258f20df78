import { loadConfig } from '@vanthu/server/core';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { RegisterKind } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { dataSourceOptions } from './database';
import { RegisterService } from './register.service';

describe('RegisterService', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const registers = new RegisterService();

  beforeAll(async () => {
    database = await createTestDatabase('register');
    dataSource = new DataSource({ ...dataSourceOptions(loadConfig(testEnv(database.name, { DB_POOL_SIZE: '60' }))) });
    await dataSource.initialize();
    await dataSource.query("INSERT INTO organisation (id, path, code, name, kind, abbreviation) VALUES (1, '/1/', 'a', 'UBND huyện A', 'district', 'UBND'), (2, '/1/2/', 'b', 'UBND xã B', 'commune', 'UBND')");
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const take = (org: number, year: number, kind: RegisterKind) => dataSource.transaction((m) => registers.takeNextNumber(m, org, year, kind));

  it('starts at 1 and counts separately per organisation, year and kind', async () => {
    expect((await take(1, 2026, RegisterKind.OutgoingNormal)).number).toBe(1);
    expect((await take(1, 2026, RegisterKind.OutgoingNormal)).number).toBe(2);
    expect((await take(1, 2027, RegisterKind.OutgoingNormal)).number).toBe(1);
    expect((await take(1, 2026, RegisterKind.OutgoingClassified)).number).toBe(1);
    expect((await take(2, 2026, RegisterKind.OutgoingNormal)).number).toBe(1);
    expect((await take(1, 2026, RegisterKind.IncomingNormal)).number).toBe(1);
    expect(await registers.peekNextNumber(dataSource.manager, 1, 2026, RegisterKind.OutgoingNormal)).toBe(3);
  });

  it('gives a number back when the transaction that took it rolls back', async () => {
    await expect(
      dataSource.transaction(async (m) => {
        await registers.takeNextNumber(m, 2, 2030, RegisterKind.OutgoingNormal);
        throw new Error('issue failed');
      }),
    ).rejects.toThrow('issue failed');
    expect((await take(2, 2030, RegisterKind.OutgoingNormal)).number).toBe(1);
  });

  it('hands out 100 concurrent numbers without gaps or duplicates', async () => {
    const numbers = await Promise.all(Array.from({ length: 100 }, () => take(1, 2031, RegisterKind.OutgoingNormal).then((t) => t.number)));
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it('refuses to number outside a transaction', async () => {
    await expect(registers.takeNextNumber(dataSource.manager, 1, 2026, RegisterKind.OutgoingNormal)).rejects.toThrow(/inside the transaction/);
  });
});
