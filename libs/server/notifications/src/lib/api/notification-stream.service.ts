import type { IncomingMessage } from 'node:http';

import { Inject, Injectable, Logger, MessageEvent, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuthenticatedUser } from '@vanthu/server/core';
import { redisOptions } from '@vanthu/server/data-access';
import { NotificationStreamEvent } from '@vanthu/shared/contracts';
import { Redis } from 'ioredis';
import { Observable, Subscriber } from 'rxjs';
import { DataSource } from 'typeorm';

import { liveChannel, LiveMessage, parseLiveMessage } from '../queue/live-channel';
import { logRedisErrors } from '../queue/redis-errors';
import { NotificationsService } from './notifications.service';

type StreamEvent = MessageEvent & { type: NotificationStreamEvent['type'] };

interface OpenStream {
  subscriber: Subscriber<StreamEvent>;
  /** The tab's HTTP request, to close its connection when the replica stops. */
  request: IncomingMessage | null;
}

/**
 * The live notification streams (Server-Sent Events) open on this API replica, and the one Redis
 * subscription that feeds them: the worker (or another replica) publishes an id, and the replica
 * holding the person's tabs reads the item and pushes it to each. Streams hold nothing the
 * database does not: a tab that reconnects gets `ready` and reloads its list.
 */
@Injectable()
export class NotificationStream implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('NotificationStream');
  private readonly streams = new Map<number, Set<OpenStream>>();
  private readonly channel: string;
  private subscriber: Redis | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
  ) {
    this.channel = liveChannel(config);
  }

  onModuleInit(): void {
    // Its own connection (a subscribed client can do nothing else), reconnecting and
    // re-subscribing by itself after Redis comes back.
    this.subscriber = new Redis(redisOptions(this.config, { enableOfflineQueue: true, maxRetriesPerRequest: null }));
    logRedisErrors(this.subscriber, this.logger, 'Live notification subscription');
    this.subscriber.on('message', (_channel: string, raw: string) => {
      const message = parseLiveMessage(raw);
      if (message) void this.dispatch(message).catch((error: unknown) => this.logger.warn(`Live push failed: ${(error as Error).message}`));
    });
    this.subscriber.subscribe(this.channel).catch((error: unknown) => this.logger.warn(`Subscribing to live notifications failed: ${(error as Error).message}`));
  }

  onModuleDestroy(): void {
    // Ending the streams, and their connections once the last bytes are out, lets the HTTP server
    // close at once instead of waiting for tabs that never hang up (or for keep-alive to expire).
    for (const set of this.streams.values()) {
      for (const { subscriber, request } of [...set]) {
        subscriber.complete();
        const response = (request as (IncomingMessage & { res?: { writableFinished: boolean; once(event: 'finish', listener: () => void): unknown } }) | null)?.res;
        if (!request || !response || response.writableFinished) request?.socket.destroy();
        else response.once('finish', () => request.socket.destroy());
      }
    }
    this.streams.clear();
    this.subscriber?.disconnect();
  }

  /** Streams open on this replica (all users). */
  get openStreams(): number {
    let count = 0;
    for (const set of this.streams.values()) count += set.size;
    return count;
  }

  /** One tab's stream: `ready` with the unread count, then pushes and heartbeats until it disconnects. */
  open(user: AuthenticatedUser, request: IncomingMessage | null = null): Observable<StreamEvent> {
    return new Observable<StreamEvent>((subscriber) => {
      const set = this.streams.get(user.id) ?? new Set<OpenStream>();
      const entry: OpenStream = { subscriber, request };
      set.add(entry);
      this.streams.set(user.id, set);
      this.notifications.unreadCountOf(user.id).then(
        (unreadCount) => subscriber.next({ type: 'ready', data: { unreadCount } }),
        (error: unknown) => subscriber.error(error),
      );
      const heartbeat = setInterval(() => void this.beat(user, subscriber), this.config.notifications.sseHeartbeatSeconds * 1000);
      return () => {
        clearInterval(heartbeat);
        set.delete(entry);
        if (!set.size && this.streams.get(user.id) === set) this.streams.delete(user.id);
      };
    });
  }

  /** Keeps proxies from closing a quiet stream, and ends it once its session is over (log-out, expiry). */
  private async beat(user: AuthenticatedUser, subscriber: Subscriber<StreamEvent>): Promise<void> {
    try {
      const [session] = await this.dataSource.query('SELECT 1 AS live FROM session WHERE id = ? AND expires_at > UTC_TIMESTAMP(3)', [user.sessionId]);
      if (!session) {
        subscriber.complete();
        return;
      }
    } catch {
      // The database is away: keep the stream, the next beat checks again.
    }
    subscriber.next({ type: 'heartbeat', data: { at: new Date().toISOString() } });
  }

  private async dispatch(message: LiveMessage): Promise<void> {
    const set = this.streams.get(message.userId);
    if (!set?.size) return;
    const unreadCount = await this.notifications.unreadCountOf(message.userId);
    let event: StreamEvent;
    if (message.type === 'created') {
      const item = await this.notifications.findOwn(message.userId, message.notificationId);
      if (!item) return;
      event = { type: 'notification', data: { item, unreadCount } };
    } else {
      event = { type: 'unread', data: { unreadCount } };
    }
    for (const { subscriber } of set) subscriber.next(event);
  }
}
