/**
 * Notifications: what someone must hear about (a document arrived, is waiting for them, a
 * deadline is near…), delivered in the app (listed, counted, pushed live) and by e-mail.
 *
 *   GET  /api/notifications?NotificationListQuery        → NotificationListResponse (own items only)
 *   GET  /api/notifications/unread-count                 → UnreadCountResponse
 *   POST /api/notifications/:id/read                     → UnreadCountResponse (404 for another user's item)
 *   POST /api/notifications/read-all                     → UnreadCountResponse
 *   GET  /api/notifications/settings                     → NotificationSettings
 *   PUT  /api/notifications/settings                     UpdateNotificationSettingsRequest → NotificationSettings
 *   GET  /api/notifications/stream                       text/event-stream of {@link NotificationStreamEvent}s
 *   GET  /api/health/queues                              → QueueHealth (admin)
 *   POST /api/admin/queues/dead-letter/retry             → DeadLetterRetryResponse (admin)
 */
import { LocalizedText } from './errors';

/** What a notification is about; the same values as the server's outbox event types. */
export enum NotificationKind {
  /** Văn bản đến: a dispatched document arrived in the recipient's organisation. */
  DocumentDispatched = 'document.dispatched',
  /** Giao xử lý: an incoming document was assigned to the recipient or their unit. */
  DocumentAssigned = 'document.assigned',
  /** Trả lại: a reviewer returned the recipient's draft with a comment. */
  DocumentReturned = 'document.returned',
  /** Chờ duyệt: a draft waits for the recipient's review. */
  AwaitingReview = 'document.awaiting-review',
  /** Chờ ký: an approved draft waits for the recipient's signature. */
  AwaitingSignature = 'document.awaiting-signature',
  /** Chờ ban hành: a signed document waits for the clerk to number, seal and dispatch it. */
  AwaitingIssue = 'document.awaiting-issue',
  /** Trình: an incoming document was submitted to the recipient (a leader) for assignment. */
  SubmittedToLeader = 'document.submitted-to-leader',
  /** Hoàn thành: a handler completed a document the recipient assigned. */
  DocumentCompleted = 'document.completed',
  /** Trả lại nơi gửi: a recipient organisation returned a dispatched document with a reason. */
  DeliveryReturned = 'delivery.returned',
  /** Báo nhận: a recipient organisation registered a dispatched document (with its arrival number). */
  DeliveryRegistered = 'delivery.registered',
  /** Nhắc mở văn bản: the sender reminds the recipient's clerks of a copy nobody has opened. */
  DeliveryReminder = 'delivery.reminder',
  /** Thu hồi, thay thế, cập nhật: the sender recalled, replaced or updated a copy the recipient's organisation received. */
  DocumentRecalled = 'document.recalled',
  /** Sắp đến hạn: an assignment's deadline is within the reminder window. */
  DeadlineNear = 'deadline.near',
  /** Quá hạn: an assignment's deadline has passed and it is not completed. */
  DeadlinePassed = 'deadline.passed',
  /** Chứng thư số bị khóa: too many wrong PINs locked the recipient's signing key (or their organisation's seal). */
  CredentialLocked = 'credential.locked',
  /** An administrator issued, replaced, switched off or unlocked the recipient's signing key (or their organisation's seal). */
  CredentialChanged = 'credential.changed',
  /** An administrator set a new password for the recipient's account. */
  PasswordReset = 'account.password-reset',
  /** Sắp đến hạn nộp lưu: a closed file (hồ sơ) is due at the archive within 30 days. */
  ArchiveDepositDue = 'record-file.deposit-due',
}

export const ALL_NOTIFICATION_KINDS: readonly NotificationKind[] = Object.values(NotificationKind);

/** Names of the kinds as the settings page lists them. */
export const NOTIFICATION_KIND_LABELS: Readonly<Record<NotificationKind, LocalizedText>> = {
  [NotificationKind.DocumentDispatched]: { vi: 'Văn bản đến mới', en: 'New incoming documents' },
  [NotificationKind.DocumentAssigned]: { vi: 'Được giao xử lý văn bản', en: 'Documents assigned to me' },
  [NotificationKind.DocumentReturned]: { vi: 'Dự thảo bị trả lại', en: 'Drafts returned to me' },
  [NotificationKind.AwaitingReview]: { vi: 'Dự thảo chờ tôi duyệt', en: 'Drafts awaiting my review' },
  [NotificationKind.AwaitingSignature]: { vi: 'Văn bản chờ tôi ký', en: 'Documents awaiting my signature' },
  [NotificationKind.AwaitingIssue]: { vi: 'Văn bản chờ ban hành', en: 'Documents awaiting issuing' },
  [NotificationKind.SubmittedToLeader]: { vi: 'Văn bản trình chờ phân công', en: 'Documents submitted for my assignment' },
  [NotificationKind.DocumentCompleted]: { vi: 'Văn bản đã xử lý xong', en: 'Documents completed' },
  [NotificationKind.DeliveryReturned]: { vi: 'Văn bản bị trả lại nơi gửi', en: 'Documents returned by a recipient' },
  [NotificationKind.DeliveryRegistered]: { vi: 'Nơi nhận đã vào sổ văn bản đã gửi', en: 'Recipients registered a document I sent' },
  [NotificationKind.DeliveryReminder]: { vi: 'Nhắc mở văn bản đến chưa mở', en: 'Reminders of incoming documents not yet opened' },
  [NotificationKind.DocumentRecalled]: { vi: 'Văn bản đến bị thu hồi, thay thế hoặc cập nhật', en: 'Incoming documents recalled, replaced or updated' },
  [NotificationKind.DeadlineNear]: { vi: 'Văn bản sắp đến hạn xử lý', en: 'Deadlines approaching' },
  [NotificationKind.DeadlinePassed]: { vi: 'Văn bản quá hạn xử lý', en: 'Deadlines passed' },
  [NotificationKind.CredentialLocked]: { vi: 'Chứng thư số bị tạm khóa do nhập sai mã PIN', en: 'Signing certificate locked after wrong PINs' },
  [NotificationKind.CredentialChanged]: { vi: 'Quản trị thay đổi chứng thư số của tôi', en: 'An administrator changed my signing certificate' },
  [NotificationKind.PasswordReset]: { vi: 'Quản trị đặt lại mật khẩu của tôi', en: 'An administrator reset my password' },
  [NotificationKind.ArchiveDepositDue]: { vi: 'Hồ sơ sắp đến hạn nộp lưu', en: 'Files due at the archive' },
};

/** One in-app notification, in both languages. */
export interface NotificationItem {
  id: number;
  kind: NotificationKind;
  /** The recipient's own copy of the document, when the notification is about one. */
  documentId: number | null;
  title: LocalizedText;
  body: LocalizedText;
  /** Where the web app opens it, e.g. `/documents/42`. */
  link: string | null;
  /** ISO 8601 (UTC). */
  createdAt: string;
  readAt: string | null;
}

/** GET /api/notifications: newest first. */
export interface NotificationListQuery {
  /** Only items older than this id (the previous page's `nextBefore`). */
  before?: number;
  /** 1–100, default 20. */
  limit?: number;
  unreadOnly?: boolean;
}

export interface NotificationListResponse {
  items: NotificationItem[];
  unreadCount: number;
  /** Pass as `before` for the next page; null on the last page. */
  nextBefore: number | null;
}

export interface UnreadCountResponse {
  unreadCount: number;
}

/** One kind on the settings page. In-app notifications cannot be turned off. */
export interface NotificationKindSetting {
  kind: NotificationKind;
  label: LocalizedText;
  /** Whether this kind is also sent by e-mail (default true). */
  email: boolean;
}

/** GET/PUT /api/notifications/settings */
export interface NotificationSettings {
  /** Whether this server sends e-mail at all (an SMTP server is configured). */
  emailConfigured: boolean;
  /** Where e-mails go; null when the account has no address (then none is sent). */
  emailAddress: string | null;
  kinds: NotificationKindSetting[];
}

export interface UpdateNotificationSettingsRequest {
  /** Only the kinds listed change. */
  kinds: Array<{ kind: NotificationKind; email: boolean }>;
}

/**
 * Events of `GET /api/notifications/stream` (Server-Sent Events; the `event:` field names them,
 * `data:` is JSON). `ready` comes first on every (re)connection with the current count; the
 * client should then reload its list, since pushes missed while disconnected are not replayed.
 */
export type NotificationStreamEvent =
  | { type: 'ready'; data: UnreadCountResponse }
  | { type: 'notification'; data: { item: NotificationItem; unreadCount: number } }
  | { type: 'unread'; data: UnreadCountResponse }
  | { type: 'heartbeat'; data: { at: string } };

/** Counts of one BullMQ queue. */
export interface QueueCounts {
  name: string;
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

/** GET /api/health/queues: 200 while Redis answers, 503 otherwise. */
export interface QueueHealth {
  status: 'ok' | 'error';
  queues: QueueCounts[];
  /** Jobs that used every attempt and wait in the dead-letter queue for an administrator (null while Redis is unreachable). */
  deadLettered: number | null;
  /** Outbox events committed but not yet relayed to the queue. */
  outbox: { backlog: number; oldestAgeSeconds: number | null };
}

/** POST /api/admin/queues/dead-letter/retry */
export interface DeadLetterRetryResponse {
  retried: number;
}
