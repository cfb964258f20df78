/**
 * The edXML packet of QCVN 102:2016/BTTTT (amended 2022) as VănThư reads and writes it: a
 * document packet (header, trace and attachments) or a status packet. Field names follow the
 * standard's element names; dates are ISO (`yyyy-MM-dd`), instants ISO 8601 in UTC.
 */

/** The namespace every edXML element lives in (prefix `edXML`). */
export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';

/** BussinessDocType (sic, the standard's spelling) of the trace header. */
export enum BusinessType {
  /** Văn bản mới */
  New = 0,
  /** Thu hồi: the recipient's copy is withdrawn. */
  Revoke = 1,
  /** Cập nhật: the recipient's copy is updated. */
  Update = 2,
  /** Thay thế: the document replaces those named in ReplacementInfoList. */
  Replace = 3,
}

/** StatusCode of a status packet. */
export enum StatusCode {
  /** Đã đến: the software received it, no clerk yet. */
  Arrived = '01',
  /** Từ chối tiếp nhận: wrong recipient, faulty, not competent (a reason is required). */
  Refused = '02',
  /** Đã tiếp nhận (vào sổ). */
  Accepted = '03',
  /** Phân công. */
  Assigned = '04',
  /** Đang xử lý. */
  Processing = '05',
  /** Hoàn thành. */
  Completed = '06',
  /** The sender asks to take the document back (lấy lại). */
  TakeBackRequested = '13',
  /** The recipient agrees to an update or take-back. */
  Agreed = '15',
  /** The recipient refuses an update or take-back. */
  Disagreed = '16',
}

export const ALL_STATUS_CODES: readonly StatusCode[] = Object.values(StatusCode);

/** An organisation as a packet names it (From, To). */
export interface EdxmlOrganisation {
  /** Mã định danh, up to 13 characters, e.g. `000.00.00.H41`. */
  organId: string;
  organName: string;
  organizationInCharge?: string | null;
  address?: string | null;
  email?: string | null;
  telephone?: string | null;
  fax?: string | null;
  website?: string | null;
}

/** ResponseFor: the earlier document a reply or a status is about. */
export interface EdxmlResponseFor {
  organId: string;
  /** Its number and notation as one string, `7816/VPCP-TTĐT`. */
  code: string;
  /** yyyy-MM-dd */
  promulgationDate: string | null;
  documentId: string;
}

export interface EdxmlStaff {
  department?: string | null;
  staff?: string | null;
  email?: string | null;
  mobile?: string | null;
}

export interface EdxmlReplacement {
  documentId: string;
  organIds: string[];
}

export interface EdxmlTraceHop {
  organId: string;
  /** ISO 8601 instant. */
  timestamp: string;
}

export interface EdxmlBusiness {
  type: BusinessType;
  reason: string | null;
  /** Whether a paper copy follows. */
  paper: boolean;
  staff: EdxmlStaff | null;
  replacements: EdxmlReplacement[];
}

/** One file of a packet, decoded: after base64 and, when it came zipped, after unzipping. */
export interface EdxmlAttachment {
  contentId: string;
  name: string;
  description: string | null;
  /** Of the decoded file (`application/pdf`), not of its transfer form. */
  contentType: string;
  bytes: Buffer;
}

export interface EdxmlDocumentPacket {
  kind: 'document';
  from: EdxmlOrganisation;
  to: EdxmlOrganisation[];
  /** `senderOrganId,yyyy/MM/dd,number/notation`. */
  documentId: string;
  code: { number: string; notation: string };
  promulgation: { place: string; date: string };
  /** Type: the numeric code (not settled across implementations); TypeName is authoritative. */
  type: { code: string; detail: string | null; name: string };
  subject: string;
  content: string | null;
  signer: { competence: string; position: string; fullName: string };
  /** Hạn trả lời the sender asks for, yyyy-MM-dd. */
  dueDate: string | null;
  other: {
    /** 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc. */
    priority: number;
    sphereOfPromulgation: string | null;
    typerNotation: string | null;
    promulgationAmount: number | null;
    pageAmount: number | null;
    direction: boolean;
    appendixes: string[];
  };
  steeringType: string | null;
  toPlaces: string[];
  responseFor: EdxmlResponseFor | null;
  trace: EdxmlTraceHop[];
  business: EdxmlBusiness;
  attachments: EdxmlAttachment[];
}

export interface EdxmlStatusPacket {
  kind: 'status';
  from: EdxmlOrganisation;
  to: EdxmlOrganisation[];
  responseFor: EdxmlResponseFor;
  staff: EdxmlStaff | null;
  statusCode: StatusCode;
  description: string | null;
  /** ISO 8601 instant. */
  timestamp: string;
}

export type EdxmlPacket = EdxmlDocumentPacket | EdxmlStatusPacket;

/** Size limits of what a packet may hold; refusals name the limit that was passed. */
export interface PacketLimits {
  /** The packet's XML, in bytes. */
  maxPacketBytes: number;
  /** One decoded attachment (after base64, before unzipping), and one unzipped file. */
  maxFileBytes: number;
  /** Everything unzipped from one packet. */
  maxTotalBytes: number;
  /** Files in one packet (after unzipping). */
  maxFiles: number;
  /** Unzipped size over compressed size beyond which a zip entry is taken for a bomb. */
  maxRatio: number;
}

const MB = 1024 * 1024;

export const DEFAULT_PACKET_LIMITS: PacketLimits = {
  maxPacketBytes: 150 * MB,
  maxFileBytes: 50 * MB,
  maxTotalBytes: 100 * MB,
  maxFiles: 50,
  maxRatio: 200,
};

/** Limits that follow the installation's upload limit: a packet may hold what a clerk could upload. */
export function packetLimitsFor(uploadMaxBytes: number): PacketLimits {
  return {
    maxFileBytes: uploadMaxBytes,
    maxTotalBytes: uploadMaxBytes * 2,
    // Base64 grows by a third; the XML around the files is small.
    maxPacketBytes: Math.ceil(uploadMaxBytes * 2 * 1.4) + MB,
    maxFiles: DEFAULT_PACKET_LIMITS.maxFiles,
    maxRatio: DEFAULT_PACKET_LIMITS.maxRatio,
  };
}
