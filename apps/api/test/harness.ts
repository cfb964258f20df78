import { rmSync } from 'node:fs';

import { NestExpressApplication } from '@nestjs/platform-express';
import { AppConfig, loadConfig } from '@vanthu/server/core';
import { DevKeyType } from '@vanthu/dev-pki';
import { DemoSigningSeed } from '@vanthu/server/signing';
import { DemoSeedService } from '@vanthu/server/organisations';
import { createTestDatabase, testEnv, TestDatabase } from '@vanthu/server/testing';
import { CSRF_HEADER, SessionResponse } from '@vanthu/shared/contracts';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';

import { createApp } from '../src/bootstrap';

export interface TestApp {
  app: NestExpressApplication;
  config: AppConfig;
  database: TestDatabase;
  url: string;
  /** A client without a session. */
  anonymous(): TestAgent;
  /** Logs in and returns a client that sends the session cookie and the CSRF header. */
  logIn(username: string, password?: string): Promise<{ agent: TestAgent; session: SessionResponse; csrf: string }>;
  close(): Promise<void>;
}

/**
 * The real API on a database of its own (migrated on start), optionally seeded with the demo
 * district, listening on a free port.
 */
export async function startTestApp(
  label: string,
  options: {
    seed?: boolean;
    env?: Record<string, string>;
    /** Also issue demo signing credentials (PIN 123456): leaders' signatures and organisations' seals. */
    signing?: DevKeyType;
  } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(label);
  const config = loadConfig(testEnv(database.name, options.env));
  let app: NestExpressApplication;
  try {
    app = await createApp(config);
    if (options.seed ?? true) await app.get(DemoSeedService).seed();
    if (options.signing) await app.get(DemoSigningSeed).seed({ keyType: options.signing });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await database.drop();
    rmSync(config.storageDir, { recursive: true, force: true });
    throw error;
  }
  const url = await app.getUrl();
  return {
    app,
    config,
    database,
    url: url.replace('[::1]', '127.0.0.1'),
    anonymous: () => request.agent(app.getHttpServer()),
    async logIn(username: string, password = 'Demo@123') {
      const agent = request.agent(app.getHttpServer());
      const response = await agent.post('/api/auth/login').send({ username, password }).expect(200);
      const session = response.body as SessionResponse;
      agent.set(CSRF_HEADER, session.csrfToken);
      return { agent, session, csrf: session.csrfToken };
    },
    async close() {
      await app.close();
      await database.drop();
      rmSync(config.storageDir, { recursive: true, force: true });
    },
  };
}
