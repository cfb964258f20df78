import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { DeadlineStatus } from '@vanthu/shared/contracts';
import { deadlineStatus, epochDay, formatDate } from '@vanthu/shared/domain';
import { I18n, MessageKey } from '@vanthu/web/i18n';
import { asDay, vietnamToday } from './day';

/**
 * A deadline and where the item stands against it, in words: "Hạn 05/03/2026 · còn 2 ngày",
 * "Quá hạn · quá 3 ngày", "Trước hạn". Completed items show how they finished.
 */
@Component({
  selector: 'vt-deadline-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    class: 'vt-deadline',
    '[class]': "'vt-deadline vt-deadline--' + (status() ?? 'none')",
    '[attr.data-status]': 'status()',
  },
  template: `
    @if (deadline(); as due) {
      <span class="vt-deadline__state">{{ stateText() }}</span>&ngsp;<span class="vt-deadline__date">{{ dueText() }}</span>
    } @else {
      <span class="vt-deadline__date">{{ i18n.t('deadline.none') }}</span>
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0 6px;
      padding: 2px 8px;
      border-radius: 999px;
      font: var(--mat-sys-label-medium);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      white-space: nowrap;
    }
    .vt-deadline__state {
      font-weight: 600;
    }
    :host(.vt-deadline--overdue),
    :host(.vt-deadline--late) {
      background: #fde7e9;
      color: #8c1d18;
    }
    :host(.vt-deadline--early),
    :host(.vt-deadline--on-time) {
      background: #e3f4e8;
      color: #0f5223;
    }
    :host(.vt-deadline--soon) {
      background: #fff3d6;
      color: #6b4a00;
    }
  `,
})
export class DeadlineBadge {
  protected readonly i18n = inject(I18n);

  /** The deadline day (YYYY-MM-DD), or null when none was set. */
  readonly deadline = input<string | null>(null);
  /** When the item was completed, if it was. */
  readonly completedAt = input<string | null>(null);
  /** How the server classified the completion; wins over the local computation. */
  readonly timeliness = input<DeadlineStatus | null>(null);
  /** Today's date in Vietnam (YYYY-MM-DD); tests pin it. */
  readonly today = input<string>(vietnamToday());

  private readonly daysLeft = computed(() => {
    const due = this.deadline();
    return due ? epochDay(asDay(due)) - epochDay(this.today()) : null;
  });

  /** Early, on time, late, overdue, in progress, or `soon` (in progress and due within 2 days). */
  readonly status = computed<DeadlineStatus | 'soon' | null>(() => {
    const due = this.deadline();
    if (!due) return null;
    const completed = this.completedAt();
    const status =
      this.timeliness() ?? deadlineStatus(asDay(due), this.today(), completed ? asDay(completed) : null);
    if (status === DeadlineStatus.InProgress && (this.daysLeft() ?? 99) <= 2) return 'soon';
    return status;
  });

  protected readonly stateText = computed(() => {
    const status = this.status();
    const days = this.daysLeft() ?? 0;
    const t = (key: MessageKey, params?: Record<string, number>) => this.i18n.t(key, params);
    switch (status) {
      case 'soon':
      case DeadlineStatus.InProgress:
        return days === 0 ? t('deadline.today') : t('deadline.daysLeft', { days });
      case DeadlineStatus.Overdue:
        return `${t('deadline.overdue')} · ${t('deadline.daysOver', { days: -days })}`;
      case DeadlineStatus.Early:
        return t('deadline.early');
      case DeadlineStatus.OnTime:
        return t('deadline.on-time');
      case DeadlineStatus.Late:
        return t('deadline.late');
      default:
        return '';
    }
  });

  protected readonly dueText = computed(() => {
    const due = this.deadline();
    return due ? this.i18n.t('deadline.due', { date: formatDate(asDay(due)) }) : '';
  });
}
