import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { DestroyRef, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { NotificationItem, NotificationKind } from '@vanthu/shared/contracts';
import { provideApiHttp } from '../provide-core';
import { NotificationsStore } from './notifications.store';

/** Stands in for the browser's EventSource: the test pushes server events by hand. */
class FakeEventSource {
  static last: FakeEventSource | null = null;
  readonly listeners = new Map<string, ((event: MessageEvent<string>) => void)[]>();
  onerror: (() => void) | null = null;
  closed = false;

  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.last = this;
  }

  addEventListener(type: string, listener: (event: MessageEvent<string>) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  emit(type: string, data: unknown): void {
    for (const listener of this.listeners.get(type) ?? []) listener(new MessageEvent(type, { data: JSON.stringify(data) }));
  }

  close(): void {
    this.closed = true;
  }
}

const item: NotificationItem = {
  id: 7,
  kind: NotificationKind.DocumentDispatched,
  documentId: 42,
  title: { vi: 'Văn bản đến mới', en: 'New incoming document' },
  body: { vi: '27/KH-UBND: Triển khai chuyển đổi số', en: '27/KH-UBND: Digital transformation' },
  link: '/documents/42',
  createdAt: '2026-03-05T02:41:00.000Z',
  readAt: null,
};

describe('NotificationsStore', () => {
  let http: HttpTestingController;
  let store: NotificationsStore;
  const destroyCallbacks: (() => void)[] = [];
  const destroyRef = { onDestroy: (callback: () => void) => destroyCallbacks.push(callback) } as unknown as DestroyRef;

  beforeEach(() => {
    (globalThis as unknown as { EventSource: unknown }).EventSource = FakeEventSource;
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    store = TestBed.inject(NotificationsStore);
  });

  afterEach(() => {
    destroyCallbacks.splice(0).forEach((callback) => callback());
    delete (globalThis as unknown as { EventSource?: unknown }).EventSource;
    http.verify();
  });

  it('opens the stream with the session cookie and reloads the list on every (re)connection', async () => {
    store.start(destroyRef);
    http.expectOne('/api/notifications?limit=10').flush({ items: [], unreadCount: 0, nextBefore: null });
    expect(FakeEventSource.last?.url).toBe('/api/notifications/stream');
    expect(FakeEventSource.last?.init?.withCredentials).toBe(true);

    FakeEventSource.last?.emit('ready', { unreadCount: 3 });
    expect(store.connected()).toBe(true);
    expect(store.unreadCount()).toBe(3);
    http.expectOne('/api/notifications?limit=10').flush({ items: [item], unreadCount: 3, nextBefore: null });
    await Promise.resolve();
    expect(store.recent()).toEqual([item]);
  });

  it('puts a pushed notification on top, counts it and tells the screens at once', async () => {
    const arrived: NotificationItem[] = [];
    store.arrivals.subscribe((n) => arrived.push(n));
    store.start(destroyRef);
    http.expectOne('/api/notifications?limit=10').flush({ items: [], unreadCount: 0, nextBefore: null });
    await Promise.resolve();

    FakeEventSource.last?.emit('notification', { item, unreadCount: 1 });
    expect(store.unreadCount()).toBe(1);
    expect(store.recent()[0].id).toBe(7);
    expect(arrived).toEqual([item]);

    FakeEventSource.last?.onerror?.();
    expect(store.connected()).toBe(false);
  });

  it('marks one as read on the server and keeps the count the server gives', async () => {
    store.start(destroyRef);
    http.expectOne('/api/notifications?limit=10').flush({ items: [item], unreadCount: 4, nextBefore: null });
    await Promise.resolve();
    const read = store.markRead(item);
    http.expectOne({ method: 'POST', url: '/api/notifications/7/read' }).flush({ unreadCount: 3 });
    await read;
    expect(store.unreadCount()).toBe(3);
    expect(store.recent()[0].readAt).not.toBeNull();
  });

  it('closes the stream when the shell goes away (log-out)', () => {
    store.start(destroyRef);
    http.expectOne('/api/notifications?limit=10').flush({ items: [], unreadCount: 0, nextBefore: null });
    const source = FakeEventSource.last;
    destroyCallbacks.splice(0).forEach((callback) => callback());
    expect(source?.closed).toBe(true);
  });
});
