import { OutboxEventType, OutboxPayload } from '@vanthu/server/data-access';
import { LocalizedText } from '@vanthu/shared/contracts';
import { formatDate, formatDateTime, isIsoDate } from '@vanthu/shared/domain';

/** An outbox event as the delivery side reads it. */
export interface NotificationEvent {
  id: string;
  type: string;
  documentId: string | null;
  payload: OutboxPayload;
  createdAt: Date;
  /** Who caused it (payload.actorId), as people know them. */
  actor: { fullName: string; position: string } | null;
}

/** The in-app item's text, in both languages. */
export interface NotificationText {
  title: LocalizedText;
  body: LocalizedText;
  /** Path in the web app. */
  link: string | null;
}

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

interface KindText {
  title: (ref: LocalizedText, event: NotificationEvent) => LocalizedText;
  /** The e-mail's opening sentence. */
  lead: string | ((event: NotificationEvent) => string);
  /** The lines of a kind with details of its own (a signing key, an account, a registration, a recall); `withoutTitled` as in details(). */
  details?: (event: NotificationEvent, withoutTitled: boolean) => Detail[];
  /** Where the web app opens an event about something other than a document. */
  link?: (event: NotificationEvent) => string | null;
}

const KIND_TEXTS: Record<OutboxEventType, KindText> = {
  [OutboxEventType.DocumentDispatched]: {
    title: (ref) => ({ vi: `Văn bản đến mới: ${ref.vi}`, en: `New incoming document: ${ref.en}` }),
    lead: 'Đơn vị của Ông/Bà vừa nhận được văn bản đến mới trên hệ thống VănThư.',
  },
  [OutboxEventType.DocumentAssigned]: {
    title: (ref) => ({ vi: `Được giao xử lý văn bản: ${ref.vi}`, en: `Document assigned to you: ${ref.en}` }),
    lead: 'Ông/Bà (hoặc đơn vị của Ông/Bà) được giao xử lý văn bản dưới đây.',
  },
  [OutboxEventType.DocumentReturned]: {
    title: (ref) => ({ vi: `Dự thảo bị trả lại: ${ref.vi}`, en: `Draft returned: ${ref.en}` }),
    lead: 'Dự thảo của Ông/Bà đã được trả lại để chỉnh sửa.',
  },
  [OutboxEventType.AwaitingReview]: {
    title: (ref) => ({ vi: `Dự thảo chờ duyệt: ${ref.vi}`, en: `Draft awaiting your review: ${ref.en}` }),
    lead: 'Có dự thảo đang chờ Ông/Bà cho ý kiến duyệt.',
  },
  [OutboxEventType.AwaitingSignature]: {
    title: (ref) => ({ vi: `Văn bản chờ ký: ${ref.vi}`, en: `Awaiting your signature: ${ref.en}` }),
    lead: 'Có văn bản đang chờ Ông/Bà ký số.',
  },
  [OutboxEventType.AwaitingIssue]: {
    title: (ref) => ({ vi: `Văn bản chờ ban hành: ${ref.vi}`, en: `Awaiting issuing: ${ref.en}` }),
    lead: 'Có văn bản đã ký đang chờ cho số, đóng dấu và phát hành.',
  },
  [OutboxEventType.SubmittedToLeader]: {
    title: (ref) => ({ vi: `Văn bản trình chờ phân công: ${ref.vi}`, en: `Submitted for your assignment: ${ref.en}` }),
    lead: 'Có văn bản đến được trình Ông/Bà cho ý kiến phân công xử lý.',
  },
  [OutboxEventType.DocumentCompleted]: {
    title: (ref) => ({ vi: `Văn bản đã xử lý xong: ${ref.vi}`, en: `Document completed: ${ref.en}` }),
    lead: 'Văn bản do Ông/Bà giao đã được xử lý xong.',
  },
  [OutboxEventType.DeliveryReturned]: {
    title: (ref) => ({ vi: `Văn bản bị trả lại: ${ref.vi}`, en: `Document returned by a recipient: ${ref.en}` }),
    lead: 'Một đơn vị nhận đã trả lại văn bản của đơn vị Ông/Bà.',
  },
  [OutboxEventType.DeliveryRegistered]: {
    title: (ref, event) => {
      const recipient = text(event.payload['recipientName']);
      const arrival = text(event.payload['arrivalNumber']);
      if (!recipient || !arrival) return { vi: `Nơi nhận đã vào sổ văn bản: ${ref.vi}`, en: `A recipient registered the document: ${ref.en}` };
      return { vi: `${recipient} đã vào sổ, số đến ${arrival}: ${ref.vi}`, en: `${recipient} registered it as arrival number ${arrival}: ${ref.en}` };
    },
    lead: (event) => {
      const recipient = text(event.payload['recipientName']);
      return recipient ? `${recipient} đã vào sổ văn bản đến do đơn vị Ông/Bà gửi.` : 'Một đơn vị nhận đã vào sổ văn bản đến do đơn vị Ông/Bà gửi.';
    },
    details: (event, withoutTitled) => {
      const rows = documentRows(event.payload, withoutTitled);
      const recipient = text(event.payload['recipientName']);
      const arrival = text(event.payload['arrivalNumber']);
      if (recipient) rows.push({ label: { vi: 'Nơi nhận', en: 'Recipient' }, value: recipient });
      if (arrival) rows.push({ label: { vi: 'Số đến', en: 'Arrival number' }, value: arrival });
      if (event.actor) rows.push({ label: { vi: 'Người vào sổ', en: 'Registered by' }, value: `${event.actor.fullName} (${event.actor.position})` });
      return rows;
    },
  },
  [OutboxEventType.DocumentRecalled]: {
    title: (ref, event) => {
      const kind = recallKind(event);
      if (kind === 'replace') return { vi: `Văn bản đến bị thay thế: ${ref.vi}`, en: `Incoming document replaced by its sender: ${ref.en}` };
      if (kind === 'update') return { vi: `Văn bản đến được cập nhật: ${ref.vi}`, en: `Incoming document updated by its sender: ${ref.en}` };
      return { vi: `Văn bản đến bị thu hồi: ${ref.vi}`, en: `Incoming document withdrawn by its sender: ${ref.en}` };
    },
    lead: (event) => {
      const sender = text(event.payload.senderName) ?? 'Nơi gửi';
      const kind = recallKind(event);
      // Only a copy from inside VănThư has an acknowledgement to give (edXML copies: acknowledge false).
      const ask = event.payload['acknowledge'] === false ? '' : ' Đề nghị văn thư xác nhận đã nhận thông báo.';
      if (kind === 'replace') return `${sender} đã thay thế văn bản dưới đây bằng văn bản khác: văn bản cũ dừng xử lý.${ask}`;
      if (kind === 'update') return `${sender} đã cập nhật văn bản dưới đây.${ask}`;
      return `${sender} đã thu hồi văn bản dưới đây: văn bản dừng xử lý.${ask}`;
    },
    details: (event, withoutTitled) => {
      const rows = documentRows(event.payload, withoutTitled);
      const sender = text(event.payload.senderName);
      if (sender) rows.push({ label: { vi: 'Nơi gửi', en: 'From' }, value: sender });
      const kind = recallKind(event);
      rows.push({
        label: { vi: 'Việc', en: 'What' },
        value:
          kind === 'replace'
            ? { vi: 'Thay thế (văn bản cũ dừng xử lý)', en: 'Replaced (the old document is no longer handled)' }
            : kind === 'update'
              ? { vi: 'Cập nhật', en: 'Updated' }
              : { vi: 'Thu hồi (văn bản dừng xử lý)', en: 'Withdrawn (the document is no longer handled)' },
      });
      const replacement = text(event.payload['replacementSymbol']);
      if (replacement) rows.push({ label: kind === 'update' ? { vi: 'Văn bản cập nhật', en: 'Updating document' } : { vi: 'Văn bản thay thế', en: 'Replacing document' }, value: replacement });
      const reason = text(event.payload.comment);
      if (reason) rows.push({ label: { vi: 'Lý do', en: 'Reason' }, value: reason });
      return rows;
    },
  },
  [OutboxEventType.DeliveryReminder]: {
    title: (ref) => ({ vi: `Nhắc mở văn bản đến: ${ref.vi}`, en: `Reminder to open an incoming document: ${ref.en}` }),
    lead: 'Nơi gửi nhắc: văn bản đến dưới đây chưa được mở, đề nghị vào sổ và xử lý.',
  },
  [OutboxEventType.DeadlineNear]: {
    title: (ref) => ({ vi: `Sắp đến hạn xử lý: ${ref.vi}`, en: `Deadline approaching: ${ref.en}` }),
    lead: 'Văn bản dưới đây sắp đến hạn xử lý.',
  },
  [OutboxEventType.DeadlinePassed]: {
    title: (ref) => ({ vi: `Quá hạn xử lý: ${ref.vi}`, en: `Deadline passed: ${ref.en}` }),
    lead: 'Văn bản dưới đây đã quá hạn xử lý mà chưa hoàn thành.',
  },
  [OutboxEventType.CredentialLocked]: {
    title: (_ref, event) =>
      isSeal(event)
        ? { vi: 'Con dấu số của cơ quan bị tạm khóa do nhập sai mã PIN', en: 'The organisation’s digital seal is locked after wrong PINs' }
        : { vi: 'Chứng thư số của Ông/Bà bị tạm khóa do nhập sai mã PIN', en: 'Your signing certificate is locked after wrong PINs' },
    lead: (event) =>
      `${isSeal(event) ? 'Con dấu số của cơ quan' : 'Chứng thư số ký trên máy chủ của Ông/Bà'} đã bị tạm khóa do nhập sai mã PIN nhiều lần liên tiếp. Nếu không phải Ông/Bà nhập, hãy báo ngay cho quản trị hệ thống.`,
    details: (event) => {
      const rows = [credentialRow(event)];
      const until = text(event.payload['lockedUntil']);
      if (until && !Number.isNaN(Date.parse(until))) rows.push({ label: { vi: 'Khóa đến (giờ Việt Nam)', en: 'Locked until (Vietnam time)' }, value: formatDateTime(new Date(until)) });
      const failures = event.payload['failures'];
      if (typeof failures === 'number') rows.push({ label: { vi: 'Số lần nhập sai liên tiếp', en: 'Wrong PINs in a row' }, value: String(failures) });
      rows.push({
        label: { vi: 'Mở khóa sớm', en: 'Unlock earlier' },
        value: { vi: 'quản trị hệ thống (Quản trị › Chứng thư số › Mở khóa)', en: 'the system administrator (Administration › Certificates › Unlock)' },
      });
      return rows;
    },
  },
  [OutboxEventType.CredentialChanged]: {
    title: (_ref, event) => {
      const change = text(event.payload['change']);
      const what = isSeal(event) ? { vi: 'Con dấu số của cơ quan', en: 'The organisation’s digital seal' } : { vi: 'Chứng thư số của Ông/Bà', en: 'Your signing certificate' };
      if (change === 'issued' || change === 'uploaded') {
        return isSeal(event)
          ? { vi: 'Con dấu số mới của cơ quan: hãy đặt mã PIN', en: 'A new digital seal for the organisation: choose its PIN' }
          : { vi: 'Chứng thư số mới của Ông/Bà: hãy đặt mã PIN', en: 'Your new signing certificate: choose its PIN' };
      }
      if (change === 'deactivated') return { vi: `${what.vi} đã bị quản trị tắt`, en: `${what.en} was switched off by an administrator` };
      if (change === 'activated') return { vi: `${what.vi} đã được quản trị bật lại`, en: `${what.en} was switched on by an administrator` };
      if (change === 'unlocked') return { vi: `${what.vi} đã được quản trị mở khóa`, en: `${what.en} was unlocked by an administrator` };
      return { vi: `${what.vi} đã được quản trị thay đổi`, en: `${what.en} was changed by an administrator` };
    },
    lead: (event) =>
      `Quản trị hệ thống vừa thay đổi ${isSeal(event) ? 'con dấu số của cơ quan' : 'chứng thư số ký trên máy chủ của Ông/Bà'}. Nếu việc này không được yêu cầu, hãy báo ngay cho lãnh đạo cơ quan.`,
    details: (event) => {
      const rows = [credentialRow(event)];
      if (event.actor) rows.push({ label: { vi: 'Người thực hiện', en: 'By' }, value: `${event.actor.fullName} (${event.actor.position})` });
      if (event.payload['awaitingPin'] === true) {
        rows.push({
          label: { vi: 'Việc cần làm', en: 'To do' },
          value: isSeal(event)
            ? {
                vi: 'Văn thư của cơ quan tự đặt mã PIN: menu tài khoản › Mã PIN chữ ký số. Chưa có mã PIN thì chưa đóng dấu số được.',
                en: 'A clerk of the organisation chooses the PIN: account menu › Signing PIN. Until then nothing can be sealed.',
              }
            : {
                vi: 'Ông/Bà tự đặt mã PIN: menu tài khoản › Mã PIN chữ ký số. Quản trị không biết và không đặt được mã PIN này.',
                en: 'Choose your PIN yourself: account menu › Signing PIN. The administrator neither knows nor can set it.',
              },
        });
      }
      return rows;
    },
  },
  [OutboxEventType.PasswordReset]: {
    title: () => ({ vi: 'Quản trị đã đặt lại mật khẩu của Ông/Bà', en: 'An administrator reset your password' }),
    lead: 'Quản trị hệ thống vừa đặt mật khẩu mới cho tài khoản của Ông/Bà; các phiên đăng nhập trước đã bị đăng xuất. Nếu việc này không được yêu cầu, hãy báo ngay cho lãnh đạo cơ quan.',
    details: (event) => {
      const rows: Detail[] = [];
      const username = text(event.payload['username']);
      if (username) rows.push({ label: { vi: 'Tài khoản', en: 'Account' }, value: username });
      if (event.actor) rows.push({ label: { vi: 'Người thực hiện', en: 'By' }, value: `${event.actor.fullName} (${event.actor.position})` });
      return rows;
    },
  },
  [OutboxEventType.ArchiveDepositDue]: {
    title: (ref) => ({ vi: `Hồ sơ sắp đến hạn nộp lưu: ${ref.vi}`, en: `File due at the archive: ${ref.en}` }),
    lead: 'Hồ sơ dưới đây đã kết thúc và sắp đến hạn nộp vào Lưu trữ cơ quan (trong vòng 01 năm kể từ ngày công việc kết thúc).',
    details: (event) => {
      const rows: Detail[] = [];
      const code = text(event.payload.symbol);
      const title = text(event.payload.subject);
      if (code) rows.push({ label: { vi: 'Số, ký hiệu hồ sơ', en: 'File number' }, value: code });
      if (title) rows.push({ label: { vi: 'Tiêu đề hồ sơ', en: 'File title' }, value: title });
      const due = text(event.payload['depositDue']);
      if (due && isIsoDate(due)) rows.push({ label: { vi: 'Hạn nộp lưu', en: 'Due at the archive' }, value: formatDate(due) });
      return rows;
    },
    link: (event) => (typeof event.payload['fileId'] === 'number' ? `/records/files/${event.payload['fileId']}` : null),
  },
};

/** Thu hồi (revoke), thay thế (replace) or cập nhật (update), as the recall event names it. */
function recallKind(event: NotificationEvent): 'revoke' | 'replace' | 'update' {
  const kind = event.payload['recall'];
  return kind === 'replace' || kind === 'update' ? kind : 'revoke';
}

/**
 * The number and symbol and the trích yếu of the document an event is about. `withoutTitled`
 * leaves out the one the title already names (documentRef: the symbol, or the subject of a
 * document without one).
 */
function documentRows(payload: OutboxPayload, withoutTitled = false): Detail[] {
  const rows: Detail[] = [];
  const symbol = text(payload.symbol);
  const subject = text(payload.subject);
  if (symbol && !withoutTitled) rows.push({ label: { vi: 'Số, ký hiệu', en: 'Number and symbol' }, value: symbol });
  if (subject && (symbol || !withoutTitled)) rows.push({ label: { vi: 'Trích yếu', en: 'Subject' }, value: subject });
  return rows;
}

/** Whether a signing-key event is about an organisation's seal (kept by its clerks) rather than a person's key. */
function isSeal(event: NotificationEvent): boolean {
  return event.payload['ownerType'] === 'organisation';
}

function credentialRow(event: NotificationEvent): Detail {
  return { label: { vi: 'Chứng thư số', en: 'Certificate' }, value: readableSubject(text(event.payload.subject) ?? '') };
}

/** `CN=Nguyễn Văn Hùng\nO=UBND huyện Tuy Đức…` as one line, the name first. */
function readableSubject(subject: string): string {
  const values = subject
    .split('\n')
    .map((line) => line.slice(line.indexOf('=') + 1).trim())
    .filter(Boolean);
  return values.length ? [...new Set(values)].join(', ') : subject;
}

// An event kind added to the outbox before this table learns it still reaches people.
const UNKNOWN_KIND: KindText = {
  title: (ref) => ({ vi: `Thông báo về văn bản: ${ref.vi}`, en: `About a document: ${ref.en}` }),
  lead: 'Có thông báo mới về văn bản dưới đây.',
};

const ROLE_NAMES: Record<string, LocalizedText> = {
  lead: { vi: 'Chủ trì', en: 'Lead' },
  coordinate: { vi: 'Phối hợp', en: 'Co-ordinating' },
  inform: { vi: 'Để biết', en: 'For information' },
};

function kindText(type: string): KindText {
  return KIND_TEXTS[type as OutboxEventType] ?? UNKNOWN_KIND;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim() : null;
}

/** Cuts a long trích yếu at a word boundary for titles and subjects (one line). */
export function shorten(value: string, max: number): string {
  return cut(value.replace(/\s+/g, ' ').trim(), max);
}

/** Cuts text to `max` characters, at a word boundary when there is one, marking the cut with an ellipsis. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max - 1);
  // The cut falls just before a space: the head ends with a whole word.
  if (/\s/.test(text[max - 1])) return `${head.trimEnd()}…`;
  const space = Math.max(head.lastIndexOf(' '), head.lastIndexOf('\n'));
  return `${(space > max / 2 ? head.slice(0, space) : head).trimEnd()}…`;
}

/** How the document is named in a title: its symbol once issued, else its subject (a draft has no number yet), cut at `max`. */
function documentRef(payload: OutboxPayload, max = 80): LocalizedText {
  const symbol = text(payload.symbol);
  if (symbol) return { vi: symbol, en: symbol };
  const subject = text(payload.subject);
  if (subject) {
    const short = shorten(subject, max);
    return { vi: short, en: short };
  }
  return { vi: 'văn bản', en: 'a document' };
}

interface Detail {
  label: LocalizedText;
  /** What people typed or the system named (the same in both languages), or a text of our own in each. */
  value: string | LocalizedText;
}

function valueIn(row: Detail, language: keyof LocalizedText): string {
  return typeof row.value === 'string' ? row.value : row.value[language];
}

/**
 * The lines under the title. `withoutTitled` leaves out the line the title already names (the
 * symbol, or the subject of a document without one), so an in-app card says each thing once.
 */
function details(event: NotificationEvent, withoutTitled = false): Detail[] {
  const own = kindText(event.type).details;
  if (own) return own(event, withoutTitled);
  const p = event.payload;
  const rows = documentRows(p, withoutTitled);
  const sender = text(p.senderName);
  if (sender) rows.push({ label: { vi: 'Nơi gửi', en: 'From' }, value: sender });
  else if (event.actor) rows.push({ label: { vi: 'Người gửi', en: 'By' }, value: `${event.actor.fullName} (${event.actor.position})` });
  const assignee = text(p['assignee']);
  const role = text(p['assigneeRole']);
  if (assignee) rows.push({ label: role && ROLE_NAMES[role] ? ROLE_NAMES[role] : { vi: 'Đơn vị, người xử lý', en: 'Handled by' }, value: assignee });
  const deadline = text(p.deadline);
  if (deadline && isIsoDate(deadline)) rows.push({ label: { vi: 'Hạn xử lý', en: 'Deadline' }, value: formatDate(deadline) });
  const comment = text(p.comment);
  if (comment) {
    const returned = event.type === OutboxEventType.DocumentReturned || event.type === OutboxEventType.DeliveryReturned;
    rows.push({ label: returned ? { vi: 'Lý do', en: 'Reason' } : { vi: 'Ý kiến', en: 'Comment' }, value: comment });
  }
  return rows;
}

/**
 * The in-app notification of an event: a title naming the document (its symbol, or its whole
 * subject when it has none), and the other details line by line, none repeating the title.
 */
export function renderNotification(event: NotificationEvent): NotificationText {
  const title = kindText(event.type).title(documentRef(event.payload, 400), event);
  const rows = details(event, true);
  return {
    title: { vi: shorten(title.vi, 500), en: shorten(title.en, 500) },
    body: {
      vi: cut(rows.map((r) => `${r.label.vi}: ${valueIn(r, 'vi')}`).join('\n'), 2000),
      en: cut(rows.map((r) => `${r.label.en}: ${valueIn(r, 'en')}`).join('\n'), 2000),
    },
    link: event.documentId ? `/documents/${event.documentId}` : (kindText(event.type).link?.(event) ?? null),
  };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The base URL without a trailing slash, so links never read `//documents`. */
function base(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

/** The document's address for people reading the e-mail: `${PUBLIC_URL}/documents/${documentId}`. */
export function documentUrl(publicUrl: string, documentId: string): string {
  return `${base(publicUrl)}/documents/${documentId}`;
}

/**
 * The e-mail of an event, in Vietnamese: the subject names the kind, the document's symbol and
 * its trích yếu; the body gives the details (deadline as dd/MM/yyyy) and the link to the document.
 */
export function composeEmail(event: NotificationEvent, recipient: { fullName: string }, publicUrl: string): EmailMessage {
  const kind = kindText(event.type);
  const title = kind.title(documentRef(event.payload), event).vi;
  const lead = typeof kind.lead === 'string' ? kind.lead : kind.lead(event);
  // The trích yếu follows a document's title; a signing key's subject (or a file's title) is in the details instead.
  const subjectText = event.documentId ? text(event.payload.subject) : null;
  // A title naming the symbol gains the trích yếu; one already naming the subject does not repeat it.
  const subject = shorten(subjectText && text(event.payload.symbol) ? `${title} — ${subjectText}` : title, 200);
  const rows = details(event);
  const link = event.documentId ? documentUrl(publicUrl, event.documentId) : null;
  const settings = `${base(publicUrl)}/notifications/settings`;
  const footer = 'Thư này được gửi tự động từ hệ thống VănThư, vui lòng không trả lời.';
  const optOut = `Để ngừng nhận loại thông báo này qua thư điện tử, vào Cài đặt thông báo: ${settings}`;

  const textBody = [
    `Kính gửi Ông/Bà ${recipient.fullName},`,
    '',
    lead,
    '',
    ...rows.map((r) => `${r.label.vi}: ${valueIn(r, 'vi')}`),
    ...(link ? ['', `Xem văn bản: ${link}`] : []),
    '',
    '--',
    footer,
    optOut,
    '',
  ].join('\n');

  const htmlRows = rows
    .map((r) => `<tr><td style="padding:2px 12px 2px 0;color:#555;vertical-align:top">${escapeHtml(r.label.vi)}</td><td style="padding:2px 0">${escapeHtml(valueIn(r, 'vi'))}</td></tr>`)
    .join('');
  const html = [
    '<!doctype html><html lang="vi"><head><meta charset="utf-8"></head>',
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222">',
    `<p>Kính gửi Ông/Bà ${escapeHtml(recipient.fullName)},</p>`,
    `<p>${escapeHtml(lead)}</p>`,
    `<table style="border-collapse:collapse">${htmlRows}</table>`,
    link ? `<p><a href="${escapeHtml(link)}">Xem văn bản</a></p>` : '',
    `<p style="color:#777;font-size:12px">${escapeHtml(footer)}<br><a href="${escapeHtml(settings)}">Cài đặt thông báo</a></p>`,
    '</body></html>',
  ].join('');

  return { subject, text: textBody, html };
}
