import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatBadgeModule } from '@angular/material/badge';
import { MatButtonModule } from '@angular/material/button';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { Router, RouterLink } from '@angular/router';
import { NotificationItem } from '@vanthu/shared/contracts';
import { I18n, LocalizedPipe, NotificationsStore, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';

/** The toolbar's bell: unread count (live), the latest notifications, a link to all of them. */
@Component({
  selector: 'vt-notification-bell',
  imports: [MatBadgeModule, MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, RouterLink, TranslatePipe, LocalizedPipe, VtDateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <button
      mat-icon-button
      type="button"
      [matMenuTriggerFor]="menu"
      [attr.aria-label]="'notif.bell' | t: { count: store.unreadCount() }"
      [matBadge]="badge()"
      [matBadgeHidden]="store.unreadCount() === 0"
      matBadgeColor="warn"
      matBadgeSize="medium"
      data-testid="notification-bell"
    >
      <!-- A medium badge shows the number (Material's small one is a bare dot); the label says it to screen readers. -->
      <mat-icon svgIcon="bell" aria-hidden="true" />
    </button>
    <mat-menu #menu="matMenu" xPosition="before" class="vt-bell-menu">
      <div class="bell__head" role="presentation">
        <span class="bell__title">{{ 'notif.title' | t }}</span>
        @if (store.unreadCount() > 0) {
          <button mat-button type="button" (click)="$event.stopPropagation(); markAll()">{{ 'notif.markAllRead' | t }}</button>
        }
      </div>
      <mat-divider />
      @for (item of store.recent(); track item.id) {
        <button mat-menu-item type="button" class="bell__item" [class.bell__item--unread]="!item.readAt" (click)="open(item)" data-testid="notification-item">
          <span class="bell__item-title">{{ item.title | localized }}</span>
          <span class="bell__item-body">{{ item.body | localized }}</span>
          <span class="bell__item-at">{{ item.createdAt | vtDateTime }}</span>
        </button>
      } @empty {
        <p class="bell__empty">{{ 'notif.empty' | t }}</p>
      }
      <mat-divider />
      <a mat-menu-item routerLink="/notifications">{{ 'notif.seeAll' | t }}</a>
    </mat-menu>
  `,
  styles: `
    .bell__head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 8px;
      padding: 4px 8px 4px 16px;
      min-width: 300px;
    }
    .bell__title {
      font: var(--mat-sys-title-small);
    }
    .bell__empty {
      padding: 12px 16px;
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NotificationBell {
  protected readonly store = inject(NotificationsStore);
  protected readonly i18n = inject(I18n);
  /** The unread count as the badge shows it: up to 99, then 99+. */
  protected readonly badge = computed(() => {
    const count = this.store.unreadCount();
    return count > 99 ? '99+' : String(count);
  });
  private readonly router = inject(Router);

  protected async open(item: NotificationItem): Promise<void> {
    try {
      await this.store.markRead(item);
    } catch {
      // Opening the document matters more than the read mark.
    }
    const link = item.link ?? (item.documentId ? `/documents/${item.documentId}` : '/notifications');
    await this.router.navigateByUrl(link);
  }

  protected async markAll(): Promise<void> {
    try {
      await this.store.markAllRead();
    } catch {
      // Nothing to show: the count stays as it was.
    }
  }
}
