import { LocalizedText } from './errors';

/**
 * Kinds of administrative document (tên loại văn bản), Decree 30/2020, Article 7 and Appendix III.
 *
 * Values are stable lowercase ASCII slugs of the Vietnamese name (`quyet-dinh`, `ke-hoach`): they
 * go into database columns and URLs, so they never change even if a label does. The official
 * abbreviation used in symbols lives in {@link DOCUMENT_TYPES}, not in the value, because it
 * carries Vietnamese letters (`QĐ`, `HĐ`) and mixed case (`TTr`, `QyĐ`).
 */
export enum DocumentType {
  /** Nghị quyết (cá biệt) — NQ */
  Resolution = 'nghi-quyet',
  /** Quyết định (cá biệt) — QĐ */
  Decision = 'quyet-dinh',
  /** Chỉ thị — CT */
  Directive = 'chi-thi',
  /** Quy chế — QC */
  Rules = 'quy-che',
  /** Quy định — QyĐ */
  Regulation = 'quy-dinh',
  /** Thông cáo — TC */
  Communique = 'thong-cao',
  /** Thông báo — TB */
  Notice = 'thong-bao',
  /** Hướng dẫn — HD */
  Guidance = 'huong-dan',
  /** Chương trình — CTr */
  Programme = 'chuong-trinh',
  /** Kế hoạch — KH */
  Plan = 'ke-hoach',
  /** Phương án — PA */
  OperationalPlan = 'phuong-an',
  /** Đề án — ĐA */
  Scheme = 'de-an',
  /** Dự án — DA */
  Project = 'du-an',
  /** Báo cáo — BC */
  Report = 'bao-cao',
  /** Biên bản — BB */
  Minutes = 'bien-ban',
  /** Tờ trình — TTr */
  Submission = 'to-trinh',
  /** Hợp đồng — HĐ */
  Contract = 'hop-dong',
  /** Công văn: no type abbreviation; its symbol is issuer-drafting unit (`134/UBND-VP`). */
  OfficialLetter = 'cong-van',
  /** Công điện — CĐ */
  OfficialDispatch = 'cong-dien',
  /** Bản ghi nhớ — BGN */
  MemorandumOfUnderstanding = 'ban-ghi-nho',
  /** Bản thỏa thuận — BTT */
  Agreement = 'ban-thoa-thuan',
  /** Giấy ủy quyền — GUQ */
  PowerOfAttorney = 'giay-uy-quyen',
  /** Giấy mời — GM */
  Invitation = 'giay-moi',
  /** Giấy giới thiệu — GGT */
  LetterOfIntroduction = 'giay-gioi-thieu',
  /** Giấy nghỉ phép — GNP */
  LeavePermit = 'giay-nghi-phep',
  /** Phiếu gửi — PG */
  TransmittalSlip = 'phieu-gui',
  /** Phiếu chuyển — PC */
  ForwardingSlip = 'phieu-chuyen',
  /** Phiếu báo — PB */
  NotificationSlip = 'phieu-bao',
  /** Bản sao y — SY */
  TrueCopy = 'ban-sao-y',
  /** Bản trích sao — TS */
  ExtractCopy = 'ban-trich-sao',
  /** Bản sao lục — SL */
  TranscribedCopy = 'ban-sao-luc',
}

/** What the system knows about a document type: its symbol abbreviation and its names. */
export interface DocumentTypeInfo {
  type: DocumentType;
  /**
   * Official abbreviation from Decree 30/2020 Appendix III (`KH`, `QĐ`, `TTr`); `null` for
   * Công văn, whose symbol carries the drafting unit instead.
   */
  abbreviation: string | null;
  name: LocalizedText;
}

function info(type: DocumentType, abbreviation: string | null, vi: string, en: string): DocumentTypeInfo {
  return { type, abbreviation, name: { vi, en } };
}

/** Every document type with its abbreviation and names. Decree 30/2020, Appendix III. */
export const DOCUMENT_TYPES: Readonly<Record<DocumentType, DocumentTypeInfo>> = {
  [DocumentType.Resolution]: info(DocumentType.Resolution, 'NQ', 'Nghị quyết', 'Resolution'),
  [DocumentType.Decision]: info(DocumentType.Decision, 'QĐ', 'Quyết định', 'Decision'),
  [DocumentType.Directive]: info(DocumentType.Directive, 'CT', 'Chỉ thị', 'Directive'),
  [DocumentType.Rules]: info(DocumentType.Rules, 'QC', 'Quy chế', 'Rules'),
  [DocumentType.Regulation]: info(DocumentType.Regulation, 'QyĐ', 'Quy định', 'Regulation'),
  [DocumentType.Communique]: info(DocumentType.Communique, 'TC', 'Thông cáo', 'Communiqué'),
  [DocumentType.Notice]: info(DocumentType.Notice, 'TB', 'Thông báo', 'Notice'),
  [DocumentType.Guidance]: info(DocumentType.Guidance, 'HD', 'Hướng dẫn', 'Guidance'),
  [DocumentType.Programme]: info(DocumentType.Programme, 'CTr', 'Chương trình', 'Programme'),
  [DocumentType.Plan]: info(DocumentType.Plan, 'KH', 'Kế hoạch', 'Plan'),
  [DocumentType.OperationalPlan]: info(DocumentType.OperationalPlan, 'PA', 'Phương án', 'Operational plan'),
  [DocumentType.Scheme]: info(DocumentType.Scheme, 'ĐA', 'Đề án', 'Scheme'),
  [DocumentType.Project]: info(DocumentType.Project, 'DA', 'Dự án', 'Project'),
  [DocumentType.Report]: info(DocumentType.Report, 'BC', 'Báo cáo', 'Report'),
  [DocumentType.Minutes]: info(DocumentType.Minutes, 'BB', 'Biên bản', 'Minutes'),
  [DocumentType.Submission]: info(DocumentType.Submission, 'TTr', 'Tờ trình', 'Submission'),
  [DocumentType.Contract]: info(DocumentType.Contract, 'HĐ', 'Hợp đồng', 'Contract'),
  [DocumentType.OfficialLetter]: info(DocumentType.OfficialLetter, null, 'Công văn', 'Official letter'),
  [DocumentType.OfficialDispatch]: info(DocumentType.OfficialDispatch, 'CĐ', 'Công điện', 'Official dispatch'),
  [DocumentType.MemorandumOfUnderstanding]: info(
    DocumentType.MemorandumOfUnderstanding,
    'BGN',
    'Bản ghi nhớ',
    'Memorandum of understanding',
  ),
  [DocumentType.Agreement]: info(DocumentType.Agreement, 'BTT', 'Bản thỏa thuận', 'Agreement'),
  [DocumentType.PowerOfAttorney]: info(DocumentType.PowerOfAttorney, 'GUQ', 'Giấy ủy quyền', 'Power of attorney'),
  [DocumentType.Invitation]: info(DocumentType.Invitation, 'GM', 'Giấy mời', 'Invitation'),
  [DocumentType.LetterOfIntroduction]: info(
    DocumentType.LetterOfIntroduction,
    'GGT',
    'Giấy giới thiệu',
    'Letter of introduction',
  ),
  [DocumentType.LeavePermit]: info(DocumentType.LeavePermit, 'GNP', 'Giấy nghỉ phép', 'Leave permit'),
  [DocumentType.TransmittalSlip]: info(DocumentType.TransmittalSlip, 'PG', 'Phiếu gửi', 'Transmittal slip'),
  [DocumentType.ForwardingSlip]: info(DocumentType.ForwardingSlip, 'PC', 'Phiếu chuyển', 'Forwarding slip'),
  [DocumentType.NotificationSlip]: info(DocumentType.NotificationSlip, 'PB', 'Phiếu báo', 'Notification slip'),
  [DocumentType.TrueCopy]: info(DocumentType.TrueCopy, 'SY', 'Bản sao y', 'True copy'),
  [DocumentType.ExtractCopy]: info(DocumentType.ExtractCopy, 'TS', 'Bản trích sao', 'Extract copy'),
  [DocumentType.TranscribedCopy]: info(DocumentType.TranscribedCopy, 'SL', 'Bản sao lục', 'Transcribed copy'),
};

/** Every document type, in the order of Decree 30/2020 Article 7 (the order clerks' pick-lists use). */
export const ALL_DOCUMENT_TYPES: readonly DocumentType[] = Object.values(DocumentType);

/**
 * Độ khẩn: how fast a document must be handled, least to most urgent.
 * Decree 30/2020, Appendix I (dấu chỉ độ khẩn): Khẩn, Thượng khẩn, Hỏa tốc; "thường" means none.
 */
export enum Urgency {
  /** thường: handled on the day of receipt or the next working day at the latest. */
  Normal = 'thuong',
  /** Khẩn */
  Urgent = 'khan',
  /** Thượng khẩn */
  VeryUrgent = 'thuong-khan',
  /** Hỏa tốc: the most urgent. */
  Flash = 'hoa-toc',
}

/** Urgency levels from least to most urgent, for pick-lists and sorting. */
export const ALL_URGENCIES: readonly Urgency[] = [Urgency.Normal, Urgency.Urgent, Urgency.VeryUrgent, Urgency.Flash];

/** Labels of the urgency levels as printed on documents and screens. */
export const URGENCY_LABELS: Readonly<Record<Urgency, LocalizedText>> = {
  [Urgency.Normal]: { vi: 'Thường', en: 'Normal' },
  [Urgency.Urgent]: { vi: 'Khẩn', en: 'Urgent' },
  [Urgency.VeryUrgent]: { vi: 'Thượng khẩn', en: 'Very urgent' },
  [Urgency.Flash]: { vi: 'Hỏa tốc', en: 'Flash' },
};

/**
 * Độ mật, from least to most secret. Law on Protection of State Secrets 2018, Article 8.
 * Anything but `Normal` is classified: the system keeps its register entry and never its content.
 */
export enum SecurityLevel {
  /** thường: not classified. */
  Normal = 'thuong',
  /** Mật */
  Confidential = 'mat',
  /** Tối mật */
  Secret = 'toi-mat',
  /** Tuyệt mật */
  TopSecret = 'tuyet-mat',
}

/** Security levels from least to most secret. */
export const ALL_SECURITY_LEVELS: readonly SecurityLevel[] = [
  SecurityLevel.Normal,
  SecurityLevel.Confidential,
  SecurityLevel.Secret,
  SecurityLevel.TopSecret,
];

/** Labels of the security levels as printed on documents and screens. */
export const SECURITY_LEVEL_LABELS: Readonly<Record<SecurityLevel, LocalizedText>> = {
  [SecurityLevel.Normal]: { vi: 'Thường', en: 'Unclassified' },
  [SecurityLevel.Confidential]: { vi: 'Mật', en: 'Confidential' },
  [SecurityLevel.Secret]: { vi: 'Tối mật', en: 'Secret' },
  [SecurityLevel.TopSecret]: { vi: 'Tuyệt mật', en: 'Top secret' },
};

/** Whether a document leaves the organisation (văn bản đi) or arrives in it (văn bản đến). */
export enum DocumentDirection {
  /** văn bản đi */
  Outgoing = 'outgoing',
  /** văn bản đến */
  Incoming = 'incoming',
}

/** Labels of the two directions. */
export const DOCUMENT_DIRECTION_LABELS: Readonly<Record<DocumentDirection, LocalizedText>> = {
  [DocumentDirection.Outgoing]: { vi: 'Văn bản đi', en: 'Outgoing' },
  [DocumentDirection.Incoming]: { vi: 'Văn bản đến', en: 'Incoming' },
};

/**
 * Which register (sổ văn bản) a document is numbered in; each is its own yearly sequence.
 * Decree 30/2020, Articles 15 and 22: classified documents are numbered and registered separately.
 */
export enum RegisterKind {
  /** sổ văn bản đi */
  OutgoingNormal = 'outgoing-normal',
  /** sổ văn bản đi mật */
  OutgoingClassified = 'outgoing-classified',
  /** sổ văn bản đến */
  IncomingNormal = 'incoming-normal',
  /** sổ văn bản đến mật */
  IncomingClassified = 'incoming-classified',
}

/** Every register kind. */
export const ALL_REGISTER_KINDS: readonly RegisterKind[] = Object.values(RegisterKind);

/** Register names as clerks call them. */
export const REGISTER_KIND_LABELS: Readonly<Record<RegisterKind, LocalizedText>> = {
  [RegisterKind.OutgoingNormal]: { vi: 'Sổ văn bản đi', en: 'Outgoing register' },
  [RegisterKind.OutgoingClassified]: { vi: 'Sổ văn bản đi mật', en: 'Classified outgoing register' },
  [RegisterKind.IncomingNormal]: { vi: 'Sổ văn bản đến', en: 'Incoming register' },
  [RegisterKind.IncomingClassified]: { vi: 'Sổ văn bản đến mật', en: 'Classified incoming register' },
};
