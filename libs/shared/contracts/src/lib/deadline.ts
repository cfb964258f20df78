import { LocalizedText } from './errors';

/**
 * Where a handled item (an assignment of an incoming document) stands against its deadline.
 * The first three are final (completed); the last two describe open items. The on-time rate that
 * districts publish counts `Early` and `OnTime` together.
 */
export enum DeadlineStatus {
  /** trước hạn: completed before the deadline day. */
  Early = 'early',
  /** đúng hạn: completed on the deadline day. */
  OnTime = 'on-time',
  /** trễ hạn: completed after the deadline day. */
  Late = 'late',
  /** quá hạn: still open after the deadline day. */
  Overdue = 'overdue',
  /** đang xử lý: still open, deadline day not yet past. */
  InProgress = 'in-progress',
}

/** Every deadline status, completed ones first. */
export const ALL_DEADLINE_STATUSES: readonly DeadlineStatus[] = Object.values(DeadlineStatus);

/** Labels of the deadline statuses as reports print them. */
export const DEADLINE_STATUS_LABELS: Readonly<Record<DeadlineStatus, LocalizedText>> = {
  [DeadlineStatus.Early]: { vi: 'Trước hạn', en: 'Early' },
  [DeadlineStatus.OnTime]: { vi: 'Đúng hạn', en: 'On time' },
  [DeadlineStatus.Late]: { vi: 'Trễ hạn', en: 'Late' },
  [DeadlineStatus.Overdue]: { vi: 'Quá hạn', en: 'Overdue' },
  [DeadlineStatus.InProgress]: { vi: 'Đang xử lý', en: 'In progress' },
};
