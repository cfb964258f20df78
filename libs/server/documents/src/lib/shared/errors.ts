import { DomainError, NotFound } from '@vanthu/server/core';
import { DocumentStatus, ErrorCode, LocalizedText } from '@vanthu/shared/contracts';
import { formatRegisterNumber } from '@vanthu/shared/domain';

const STATUS_LABELS: Record<DocumentStatus, LocalizedText> = {
  [DocumentStatus.Draft]: { vi: 'dự thảo', en: 'draft' },
  [DocumentStatus.InReview]: { vi: 'đang chờ duyệt', en: 'in review' },
  [DocumentStatus.Returned]: { vi: 'bị trả lại', en: 'returned' },
  [DocumentStatus.AwaitingSignature]: { vi: 'chờ ký', en: 'awaiting signature' },
  [DocumentStatus.Signed]: { vi: 'đã ký', en: 'signed' },
  [DocumentStatus.Issued]: { vi: 'đã ban hành', en: 'issued' },
  [DocumentStatus.Dispatched]: { vi: 'đã phát hành', en: 'dispatched' },
  [DocumentStatus.Received]: { vi: 'chờ vào sổ', en: 'awaiting registration' },
  [DocumentStatus.Registered]: { vi: 'đã vào sổ', en: 'registered' },
  [DocumentStatus.Submitted]: { vi: 'đã trình lãnh đạo', en: 'submitted to a leader' },
  [DocumentStatus.InProgress]: { vi: 'đang xử lý', en: 'in progress' },
  [DocumentStatus.Completed]: { vi: 'đã hoàn thành', en: 'completed' },
  [DocumentStatus.ReturnedToSender]: { vi: 'đã trả lại nơi gửi', en: 'returned to the sender' },
  [DocumentStatus.Withdrawn]: { vi: 'đã bị thu hồi', en: 'withdrawn by the sender' },
};

export function statusLabel(status: DocumentStatus): LocalizedText {
  return STATUS_LABELS[status];
}

export class DocumentNotFound extends NotFound {
  constructor() {
    super({ vi: 'Văn bản', en: 'The document' });
  }
}

/** Decree 30 / Law on Protection of State Secrets: classified content never enters the system. */
export class ClassifiedContent extends DomainError {
  constructor() {
    super(422, ErrorCode.ClassifiedContent, {
      vi: 'Văn bản mật (Mật, Tối mật, Tuyệt mật) không được tải lên hay gửi qua hệ thống; nội dung lưu trên giấy, hệ thống chỉ giữ thông tin đăng ký.',
      en: 'Classified documents (Confidential, Secret, Top secret) cannot be uploaded or sent electronically; the content stays on paper and the system keeps only the register entry.',
    });
  }
}

/** The action does not fit the document's current state. */
export class InvalidTransition extends DomainError {
  constructor(status: DocumentStatus, action: LocalizedText) {
    const label = statusLabel(status);
    super(409, ErrorCode.InvalidState, {
      vi: `Không thể ${action.vi} khi văn bản đang ở trạng thái "${label.vi}".`,
      en: `Cannot ${action.en} while the document is ${label.en}.`,
    });
  }
}

export class MissingMainFile extends DomainError {
  constructor() {
    super(409, ErrorCode.MainFileMissing, {
      vi: 'Văn bản chưa có tệp chính (PDF).',
      en: 'The document has no main PDF file yet.',
    });
  }
}




export class InvalidParty extends DomainError {
  constructor(text: LocalizedText) {
    super(422, ErrorCode.InvalidParty, text);
  }
}

export class SignerMissing extends DomainError {
  constructor() {
    super(422, ErrorCode.SignerMissing, {
      vi: 'Hãy chọn lãnh đạo ký văn bản trước khi gửi duyệt.',
      en: 'Choose the leader who will sign before submitting for review.',
    });
  }
}

export class ReturnNeedsComment extends DomainError {
  constructor() {
    super(400, ErrorCode.CommentRequired, {
      vi: 'Khi trả lại, hãy ghi rõ ý kiến để người soạn thảo chỉnh sửa.',
      en: 'Returning a draft needs a comment telling the drafter what to change.',
    });
  }
}

export class TooManyAttachments extends DomainError {
  constructor() {
    super(422, ErrorCode.TooManyAttachments, { vi: 'Văn bản có tối đa 20 phụ lục.', en: 'A document has at most 20 attachments.' });
  }
}

export class ReasonRequired extends DomainError {
  constructor() {
    super(400, ErrorCode.ReasonRequired, { vi: 'Hãy ghi rõ lý do.', en: 'Give a reason.' });
  }
}

/** A deadline day that is not a date or is already past: the handling deadline (hạn xử lý) or the reply deadline (hạn trả lời). */
export class InvalidDeadline extends DomainError {
  constructor(kind: 'handling' | 'reply' = 'handling') {
    super(
      422,
      ErrorCode.InvalidDeadline,
      kind === 'reply'
        ? { vi: 'Hạn trả lời phải là một ngày hợp lệ, không sớm hơn hôm nay.', en: 'The reply deadline must be a valid date, today or later.' }
        : { vi: 'Hạn xử lý phải là một ngày hợp lệ, không sớm hơn hôm nay.', en: 'The deadline must be a valid date, today or later.' },
    );
  }
}

/**
 * A PDF that could act on its own in a reader (scripts, actions that launch programs or send
 * data, embedded files, XFA forms) is refused, with what was found and how to get a clean file.
 * Refused rather than cleaned: removing parts would change the bytes people signed or are about
 * to sign (and break the signatures of a received PDF), and a clean export is one click away.
 */
export class ActiveContentRefused extends DomainError {
  constructor(found: LocalizedText[]) {
    super(422, ErrorCode.ActiveContent, {
      vi: `Tệp PDF có nội dung có thể tự chạy nên không được nhận: ${found.map((f) => f.vi).join('; ')}. Hãy xuất lại tệp PDF từ Word/LibreOffice (hoặc in ra PDF) rồi tải lên lại.`,
      en: `The PDF holds content that can act on its own, so it is refused: ${found.map((f) => f.en).join('; ')}. Export the PDF again from Word/LibreOffice (or print to PDF) and upload that.`,
    });
  }
}

/** A PDF of a document that came from another system (an edXML packet) holds active content: the whole arrival is refused. */
export class ExternalActiveContentRefused extends DomainError {
  constructor(name: string, found: LocalizedText[]) {
    super(422, ErrorCode.ActiveContent, {
      vi: `Tệp PDF "${name}" trong gói tin có nội dung có thể tự chạy nên văn bản không được nhận: ${found.map((f) => f.vi).join('; ')}. Không có gì được lưu; nơi gửi cần xuất lại tệp PDF rồi gửi lại.`,
      en: `The PDF "${name}" in the packet holds content that can act on its own, so the document is refused: ${found.map((f) => f.en).join('; ')}. Nothing was stored; the sender needs to export the PDF again and resend it.`,
    });
  }
}

/**
 * Decree 30/2020, Appendix VI: a warning when an incoming document with the same number and
 * symbol, issuer and year is registered again (the paper and the electronic copy of one letter).
 * The clerk confirms with `acceptDuplicate` when it really is another document.
 */
export class IncomingDuplicate extends DomainError {
  constructor(d: { symbol: string; senderName: string; arrivalNumber: number | null; receivedAt: string | null }) {
    const vi = d.arrivalNumber ? ` (số đến ${formatRegisterNumber(d.arrivalNumber)}${d.receivedAt ? `, ngày ${d.receivedAt}` : ''})` : '';
    const en = d.arrivalNumber ? ` (arrival number ${formatRegisterNumber(d.arrivalNumber)}${d.receivedAt ? `, ${d.receivedAt}` : ''})` : '';
    super(409, ErrorCode.IncomingDuplicate, {
      vi: `Văn bản số ${d.symbol} của ${d.senderName} cùng năm đã được vào sổ${vi}. Nếu đúng là văn bản khác, hãy xác nhận để vẫn vào sổ.`,
      en: `Document ${d.symbol} from ${d.senderName} of the same year is already registered${en}. If it really is another document, confirm to register it anyway.`,
    });
  }
}
