import { HttpClient } from '@angular/common/http';
import { DestroyRef, inject, Injectable, NgZone, signal } from '@angular/core';
import {
  NotificationItem,
  NotificationListQuery,
  NotificationListResponse,
  NotificationSettings,
  UnreadCountResponse,
  UpdateNotificationSettingsRequest,
} from '@vanthu/shared/contracts';
import { firstValueFrom, Observable, Subject } from 'rxjs';
import { API_BASE } from '../api/api-base';
import { toParams } from '../api/routing-api';

/** The /api/notifications endpoints. */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);
  private readonly base = `${API_BASE}/notifications`;

  list(query: NotificationListQuery): Observable<NotificationListResponse> {
    return this.http.get<NotificationListResponse>(this.base, { params: toParams(query) });
  }

  markRead(id: number): Observable<UnreadCountResponse> {
    return this.http.post<UnreadCountResponse>(`${this.base}/${id}/read`, {});
  }

  markAllRead(): Observable<UnreadCountResponse> {
    return this.http.post<UnreadCountResponse>(`${this.base}/read-all`, {});
  }

  settings(): Observable<NotificationSettings> {
    return this.http.get<NotificationSettings>(`${this.base}/settings`);
  }

  saveSettings(request: UpdateNotificationSettingsRequest): Observable<NotificationSettings> {
    return this.http.put<NotificationSettings>(`${this.base}/settings`, request);
  }

  /** The Server-Sent Events address; same-origin, so the session cookie goes along. */
  readonly streamUrl = `${this.base}/stream`;
}

/** How many notifications the bell's menu keeps. */
const RECENT_LIMIT = 10;

/**
 * The bell: unread count and the latest notifications, kept live over Server-Sent Events.
 * Screens that show something a notification may change (work counts, delivery tracking)
 * listen to {@link arrivals}.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsStore {
  private readonly api = inject(NotificationsApi);
  private readonly zone = inject(NgZone);
  private readonly unread = signal(0);
  private readonly recentItems = signal<NotificationItem[]>([]);
  private readonly live = signal(false);
  private readonly arrived = new Subject<NotificationItem>();
  private source: EventSource | null = null;

  readonly unreadCount = this.unread.asReadonly();
  readonly recent = this.recentItems.asReadonly();
  /** Whether the live stream is connected. */
  readonly connected = this.live.asReadonly();
  /** Each notification pushed while the page is open. */
  readonly arrivals: Observable<NotificationItem> = this.arrived.asObservable();

  /** Loads the latest items and listens live until `destroyRef` ends (the shell's lifetime). */
  start(destroyRef: DestroyRef): void {
    void this.reload();
    this.connect();
    destroyRef.onDestroy(() => this.stop());
  }

  stop(): void {
    this.source?.close();
    this.source = null;
    this.live.set(false);
  }

  async reload(): Promise<void> {
    try {
      const page = await firstValueFrom(this.api.list({ limit: RECENT_LIMIT }));
      this.recentItems.set(page.items);
      this.unread.set(page.unreadCount);
    } catch {
      // The bell is secondary: keep what it showed; the stream's next "ready" tries again.
    }
  }

  async markRead(item: NotificationItem): Promise<void> {
    if (item.readAt) return;
    const { unreadCount } = await firstValueFrom(this.api.markRead(item.id));
    this.unread.set(unreadCount);
    const readAt = new Date().toISOString();
    this.recentItems.update((items) => items.map((i) => (i.id === item.id ? { ...i, readAt } : i)));
  }

  async markAllRead(): Promise<void> {
    const { unreadCount } = await firstValueFrom(this.api.markAllRead());
    this.unread.set(unreadCount);
    const readAt = new Date().toISOString();
    this.recentItems.update((items) => items.map((i) => (i.readAt ? i : { ...i, readAt })));
  }

  private connect(): void {
    if (this.source || typeof EventSource === 'undefined') return;
    const source = new EventSource(this.api.streamUrl, { withCredentials: true });
    this.source = source;
    const on = (type: string, handle: (data: never) => void) =>
      source.addEventListener(type, (event) => {
        const data = JSON.parse((event as MessageEvent<string>).data) as never;
        this.zone.run(() => handle(data));
      });
    on('ready', (data: UnreadCountResponse) => {
      this.live.set(true);
      this.unread.set(data.unreadCount);
      // Pushes missed while disconnected are not replayed: reload the list.
      void this.reload();
    });
    on('notification', (data: { item: NotificationItem; unreadCount: number }) => {
      this.unread.set(data.unreadCount);
      this.recentItems.update((items) => [data.item, ...items.filter((i) => i.id !== data.item.id)].slice(0, RECENT_LIMIT));
      this.arrived.next(data.item);
    });
    on('unread', (data: UnreadCountResponse) => this.unread.set(data.unreadCount));
    // EventSource reconnects by itself after an error; the next "ready" marks it live again.
    source.onerror = () => this.zone.run(() => this.live.set(false));
  }
}
