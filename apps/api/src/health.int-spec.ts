import { loadConfig } from '@vanthu/server/core';
import { createTestDatabase, TcpProxy, TEST_DB, testEnv, TestDatabase, waitFor } from '@vanthu/server/testing';
import { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';

import { createApp } from './bootstrap';

describe('/api/health follows the database and Redis, and recovers without a restart', () => {
  let database: TestDatabase;
  let app: NestExpressApplication;
  const redisProxy = new TcpProxy('127.0.0.1', 6379);
  const dbProxy = new TcpProxy(TEST_DB.host, TEST_DB.port);

  beforeAll(async () => {
    database = await createTestDatabase('health');
    const redisPort = await redisProxy.start();
    const dbPort = await dbProxy.start();
    app = await createApp(loadConfig(testEnv(database.name, { REDIS_URL: `redis://127.0.0.1:${redisPort}`, DB_HOST: '127.0.0.1', DB_PORT: String(dbPort) })));
  });
  afterAll(async () => {
    await app?.close();
    await redisProxy.stop();
    await dbProxy.stop();
    await database?.drop();
  });

  const health = () => request(app.getHttpServer()).get('/api/health');

  it('is 200 with both up', async () => {
    const response = await health().expect(200);
    expect(response.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('turns 503 while Redis is unreachable and 200 again when it returns', async () => {
    await redisProxy.stop();
    const down = await waitFor(async () => {
      const r = await health();
      return r.status === 503 ? r : null;
    });
    expect(down.body).toEqual({ status: 'error', database: 'up', redis: 'down' });

    await redisProxy.start();
    const up = await waitFor(async () => {
      const r = await health();
      return r.status === 200 ? r : null;
    }, 15_000);
    expect(up.body).toEqual({ status: 'ok', database: 'up', redis: 'up' });
  });

  it('turns 503 while the database is unreachable and 200 again when it returns', async () => {
    await dbProxy.stop();
    const down = await waitFor(async () => {
      const r = await health();
      return r.status === 503 ? r : null;
    });
    expect(down.body).toEqual({ status: 'error', database: 'down', redis: 'up' });

    await dbProxy.start();
    const up = await waitFor(async () => {
      const r = await health();
      return r.status === 200 ? r : null;
    }, 15_000);
    expect(up.body.database).toBe('up');
  });
});
