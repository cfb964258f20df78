import { MessageEvent } from '@nestjs/common';
import { AuthenticatedUser, loadConfig } from '@vanthu/server/core';
import { AuditService, dataSourceOptions } from '@vanthu/server/data-access';
import { createTestDatabase, dropRedisPrefix, TEST_REDIS_URL, testEnv, TestDatabase, waitFor } from '@vanthu/server/testing';
import { Role } from '@vanthu/shared/contracts';
import { Redis } from 'ioredis';
import { Subscription } from 'rxjs';
import { DataSource } from 'typeorm';

import { organisationWithPeople, Person } from '../../../test/fixtures';

import { liveChannel } from '../queue/live-channel';
import { NotificationStream } from './notification-stream.service';
import { NotificationsService } from './notifications.service';

describe('the live stream registry of one API replica (real MariaDB and Redis pub/sub)', () => {
  const env = testEnv('placeholder');
  let database: TestDatabase;
  let dataSource: DataSource;
  let publisher: Redis;
  let stream: NotificationStream;
  let channel: string;
  let people: Person[];

  const userOf = (person: Person): AuthenticatedUser => ({
    id: person.id,
    username: person.username,
    organisationId: 1,
    organisationPath: '/1/',
    roles: [Role.Clerk],
    permissions: [],
    sessionId: 'x'.repeat(64),
  });

  async function notify(person: Person, title: string): Promise<string> {
    const result = await dataSource.query(
      "INSERT INTO notification (user_id, event_id, kind, title_vi, title_en, body_vi, body_en, created_at) VALUES (?, ?, 'document.dispatched', ?, ?, '', '', UTC_TIMESTAMP(3))",
      [person.id, Math.floor(Math.random() * 1e9), title, title],
    );
    const notificationId = String(result.insertId);
    await publisher.publish(channel, JSON.stringify({ type: 'created', userId: person.id, notificationId }));
    return notificationId;
  }

  beforeAll(async () => {
    database = await createTestDatabase('stream');
    const config = loadConfig({ ...env, DB_NAME: database.name });
    channel = liveChannel(config);
    dataSource = new DataSource(dataSourceOptions(config, { migrationsRun: true }));
    await dataSource.initialize();
    ({ people } = await organisationWithPeople(dataSource, 'stream', 'UBND xã Quảng Tân', Role.Clerk, 2));
    publisher = new Redis(TEST_REDIS_URL);
    stream = new NotificationStream(config, dataSource, new NotificationsService(config, dataSource, publisher, new AuditService()));
    stream.onModuleInit();
    await waitFor(async () => {
      const [, subscribers] = (await publisher.pubsub('NUMSUB', channel)) as [string, number];
      return Number(subscribers) === 1;
    });
  }, 30_000);

  afterAll(async () => {
    stream?.onModuleDestroy();
    publisher?.disconnect();
    await dataSource?.destroy();
    await database?.drop();
    await dropRedisPrefix(env['REDIS_PREFIX']);
  });

  it('pushes a person’s notifications to each of their tabs only, and forgets a tab that disconnects', async () => {
    const [anh, binh] = people;
    const tabs: Array<{ events: MessageEvent[]; subscription: Subscription }> = [];
    for (let i = 0; i < 2; i++) {
      const events: MessageEvent[] = [];
      tabs.push({ events, subscription: stream.open(userOf(anh)).subscribe((e) => events.push(e)) });
    }
    const other: MessageEvent[] = [];
    const otherSubscription = stream.open(userOf(binh)).subscribe((e) => other.push(e));
    await waitFor(async () => tabs.every((t) => t.events.some((e) => e.type === 'ready')) && other.length > 0);
    expect(stream.openStreams).toBe(3);

    await notify(binh, 'Cho người khác');
    const id = await notify(anh, 'Văn bản đến mới: 27/KH-UBND');
    for (const tab of tabs) {
      const pushed = await waitFor(async () => tab.events.find((e) => e.type === 'notification'));
      expect(pushed.data).toMatchObject({ item: { id: Number(id), title: { vi: 'Văn bản đến mới: 27/KH-UBND' } }, unreadCount: 1 });
      expect(tab.events.filter((e) => e.type === 'notification')).toHaveLength(1);
    }
    await waitFor(async () => other.some((e) => e.type === 'notification'));
    expect(other.filter((e) => e.type === 'notification').map((e) => (e.data as { item: { title: { vi: string } } }).item.title.vi)).toEqual(['Cho người khác']);

    // A tab that goes away is removed at once; the other keeps receiving.
    tabs[0].subscription.unsubscribe();
    expect(stream.openStreams).toBe(2);
    await notify(anh, 'Văn bản đến mới: 28/KH-UBND');
    await waitFor(async () => tabs[1].events.filter((e) => e.type === 'notification').length === 2);
    expect(tabs[0].events.filter((e) => e.type === 'notification')).toHaveLength(1);

    tabs[1].subscription.unsubscribe();
    otherSubscription.unsubscribe();
    expect(stream.openStreams).toBe(0);
  });

  it('completes every open stream when the replica shuts down', async () => {
    let completed = false;
    stream.open(userOf(people[0])).subscribe({ complete: () => (completed = true) });
    expect(stream.openStreams).toBe(1);
    stream.onModuleDestroy();
    expect(completed).toBe(true);
    expect(stream.openStreams).toBe(0);
  });
});
