import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { NotificationItem, NotificationSettings } from '@vanthu/shared/contracts';
import {
  ApiFailure,
  LocalizedPipe,
  NotificationsApi,
  NotificationsStore,
  toApiFailure,
  TranslatePipe,
  VtDateTimePipe,
} from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

const PAGE = 20;

/** Every notification of the user, newest first, each opening its document; and the e-mail settings per kind. */
@Component({
  selector: 'vt-notifications-page',
  imports: [MatButtonModule, MatCheckboxModule, MatExpansionModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="notif">
      <header class="notif__head">
        <h1>{{ 'notif.title' | t }}</h1>
        <span class="notif__live" [class.notif__live--off]="!store.connected()">
          {{ (store.connected() ? 'notif.live' : 'notif.offline') | t }}
        </span>
        @if (store.unreadCount() > 0) {
          <button mat-stroked-button type="button" (click)="markAll()">{{ 'notif.markAllRead' | t }}</button>
        }
      </header>
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <ul class="notif__list">
        @for (item of items(); track item.id) {
          <li class="notif__item" [class.notif__item--unread]="!item.readAt" data-testid="notification-row">
            <div class="notif__text">
              <span class="notif__title">{{ item.title | localized }}</span>
              <span class="notif__body">{{ item.body | localized }}</span>
              <span class="notif__at">{{ item.createdAt | vtDateTime }}</span>
            </div>
            <div class="notif__buttons">
              @if (item.link || item.documentId) {
                <button mat-flat-button type="button" (click)="open(item)">{{ 'notif.openDocument' | t }}</button>
              }
              @if (!item.readAt) {
                <button mat-button type="button" (click)="markRead(item)">{{ 'notif.markRead' | t }}</button>
              }
            </div>
          </li>
        } @empty {
          @if (!loading()) {
            <li class="notif__empty">{{ 'notif.empty' | t }}</li>
          }
        }
      </ul>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (nextBefore() !== null && !loading()) {
        <button mat-button type="button" (click)="more()">{{ 'notif.seeAll' | t }}</button>
      }

      @if (settings(); as settings) {
        <mat-expansion-panel class="notif__settings">
          <mat-expansion-panel-header>
            <mat-panel-title>{{ 'notif.settingsTitle' | t }}</mat-panel-title>
          </mat-expansion-panel-header>
          @if (settings.emailAddress) {
            <p class="notif__at">{{ settings.emailAddress }}</p>
          }
          @for (kind of settings.kinds; track kind.kind) {
            <mat-checkbox [checked]="kind.email" [disabled]="!settings.emailConfigured || !settings.emailAddress" (change)="setEmail(kind.kind, $event.checked)">
              {{ kind.label | localized }}
            </mat-checkbox>
          }
        </mat-expansion-panel>
      }
    </section>
  `,
  styles: `
    .notif {
      max-width: 900px;
    }
    .notif__head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      margin-bottom: 12px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0;
      flex: 1;
    }
    .notif__live {
      font: var(--mat-sys-label-medium);
      color: #0f5223;
    }
    .notif__live--off {
      color: #8c1d18;
    }
    .notif__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .notif__item {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .notif__item--unread {
      border-left: 4px solid var(--mat-sys-primary);
      background: var(--mat-sys-surface-container-low);
    }
    .notif__text {
      flex: 1 1 300px;
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .notif__title {
      font: var(--mat-sys-title-small);
    }
    .notif__body {
      white-space: pre-line;
    }
    .notif__at {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .notif__buttons {
      display: flex;
      gap: 8px;
    }
    .notif__empty {
      color: var(--mat-sys-on-surface-variant);
    }
    .notif__settings {
      margin-top: 24px;
    }
    .notif__settings mat-checkbox {
      display: block;
    }
  `,
})
export class NotificationsPage implements OnInit {
  private readonly api = inject(NotificationsApi);
  private readonly router = inject(Router);
  protected readonly store = inject(NotificationsStore);
  protected readonly items = signal<NotificationItem[]>([]);
  protected readonly nextBefore = signal<number | null>(null);
  protected readonly settings = signal<NotificationSettings | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);

  constructor() {
    // A live notification goes on top at once.
    this.store.arrivals.pipe(takeUntilDestroyed()).subscribe((item) => this.items.update((items) => [item, ...items.filter((i) => i.id !== item.id)]));
  }

  async ngOnInit(): Promise<void> {
    await this.more();
    try {
      this.settings.set(await firstValueFrom(this.api.settings()));
    } catch {
      // Settings are optional on this page.
    }
  }

  protected async more(): Promise<void> {
    this.loading.set(true);
    try {
      const page = await firstValueFrom(this.api.list({ limit: PAGE, before: this.nextBefore() ?? undefined }));
      this.items.update((items) => [...items, ...page.items.filter((n) => !items.some((i) => i.id === n.id))]);
      this.nextBefore.set(page.nextBefore);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async open(item: NotificationItem): Promise<void> {
    await this.markRead(item);
    await this.router.navigateByUrl(item.link ?? `/documents/${item.documentId}`);
  }

  protected async markRead(item: NotificationItem): Promise<void> {
    try {
      await this.store.markRead(item);
      const readAt = new Date().toISOString();
      this.items.update((items) => items.map((i) => (i.id === item.id ? { ...i, readAt } : i)));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async markAll(): Promise<void> {
    try {
      await this.store.markAllRead();
      const readAt = new Date().toISOString();
      this.items.update((items) => items.map((i) => (i.readAt ? i : { ...i, readAt })));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async setEmail(kind: NotificationSettings['kinds'][number]['kind'], email: boolean): Promise<void> {
    try {
      this.settings.set(await firstValueFrom(this.api.saveSettings({ kinds: [{ kind, email }] })));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
