import { isIdentifierCode } from '@vanthu/shared/domain';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { parseEdxmlDate, parseEdxmlTimestamp } from './dates';
import { refuse } from './errors';
import {
  ALL_STATUS_CODES,
  BusinessType,
  DEFAULT_PACKET_LIMITS,
  EDXML_NS,
  EdxmlAttachment,
  EdxmlBusiness,
  EdxmlDocumentPacket,
  EdxmlOrganisation,
  EdxmlPacket,
  EdxmlResponseFor,
  EdxmlStaff,
  EdxmlStatusPacket,
  PacketLimits,
  StatusCode,
} from './model';
import { looksLikeZip, safeFileName, unzipBounded } from './zip';

type Raw = Record<string, unknown>;

/**
 * One element with its namespace resolved. fast-xml-parser keeps prefixes as written, so the
 * namespace of each element is worked out here from the `xmlns` declarations in scope.
 */
class Element {
  constructor(
    readonly ns: string | null,
    readonly local: string,
    readonly text: string,
    readonly elements: Element[],
  ) {}

  /** Children named `local` in the edXML namespace or in none (some senders drop the prefix). */
  all(local: string): Element[] {
    return this.elements.filter((e) => e.local === local && (e.ns === EDXML_NS || e.ns === null));
  }

  one(local: string): Element | null {
    return this.all(local)[0] ?? null;
  }

  /** The trimmed text of a child, or null when absent or empty. */
  value(local: string): string | null {
    const text = this.one(local)?.text.trim();
    return text ? text : null;
  }

  require(local: string, path: string): Element {
    const found = this.one(local);
    if (!found) throw refuse.missing(path);
    return found;
  }

  requireValue(local: string, path: string): string {
    const found = this.value(local);
    if (found === null) throw refuse.missing(path);
    return found;
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Every element as an array, so that one and many look alike; attributes stay single.
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only the five XML entities and character references (&#7841;): a DOCTYPE is refused before
  // parsing, so no declared entity can exist to be expanded.
  processEntities: true,
  htmlEntities: true,
});

function splitName(name: string): [string | null, string] {
  const at = name.indexOf(':');
  return at < 0 ? [null, name] : [name.slice(0, at), name.slice(at + 1)];
}

function toElement(name: string, raw: unknown, scope: ReadonlyMap<string | null, string | null>): Element {
  const [prefix, local] = splitName(name);
  if (typeof raw !== 'object' || raw === null) {
    return new Element(resolvePrefix(prefix, scope), local, String(raw ?? ''), []);
  }
  const node = raw as Raw;
  let inner = scope;
  for (const key of Object.keys(node)) {
    if (key === '@xmlns' || key.startsWith('@xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string | null, string | null>).set(key === '@xmlns' ? null : key.slice(7), String(node[key]) || null);
    }
  }
  const children: Element[] = [];
  let text = '';
  for (const [key, value] of Object.entries(node)) {
    if (key === '#text') text += String(value);
    else if (!key.startsWith('@')) for (const item of value as unknown[]) children.push(toElement(key, item, inner));
  }
  return new Element(resolvePrefix(prefix, inner), local, text, children);
}

function resolvePrefix(prefix: string | null, scope: ReadonlyMap<string | null, string | null>): string | null {
  const ns = scope.get(prefix);
  if (ns === undefined) return prefix === null ? null : `undeclared prefix ${prefix}`;
  return ns;
}

/** The root element of a packet's bytes, after the checks no parser option can make. */
function readRoot(bytes: Buffer, limits: PacketLimits): Element {
  if (bytes.length > limits.maxPacketBytes) throw refuse.tooLarge({ vi: 'Gói tin', en: 'The packet' }, limits.maxPacketBytes);
  let text = bytes.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // No DTD at all: it is the door to external entities (XXE) and entity expansion ("billion laughs").
  if (/<!DOCTYPE|<!ENTITY/i.test(text)) throw refuse.unsafe();
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw refuse.malformed(`${valid.err.msg} (line ${valid.err.line})`);
  const parsed = parser.parse(text) as Raw;
  const roots = Object.entries(parsed).filter(([key]) => !key.startsWith('?') && !key.startsWith('#'));
  if (roots.length !== 1 || (roots[0][1] as unknown[]).length !== 1) throw refuse.malformed('one root element expected');
  const root = toElement(roots[0][0], (roots[0][1] as unknown[])[0], new Map());
  if (root.ns !== EDXML_NS) throw refuse.namespace(root.ns);
  if (root.local !== 'edXML') throw refuse.malformed(`the root element is ${root.local}, not edXML`);
  return root;
}

function organisation(e: Element, path: string): EdxmlOrganisation {
  const organId = e.requireValue('OrganId', `${path}/OrganId`);
  // Never cut to fit: a code that is not a mã định danh would match the wrong organisation.
  if (!isIdentifierCode(organId)) throw refuse.identifier(`${path}/OrganId`, organId);
  return {
    organId,
    organName: e.value('OrganName') ?? e.value('OrganizationInCharge') ?? e.requireValue('OrganName', `${path}/OrganName`),
    organizationInCharge: e.value('OrganizationInCharge'),
    address: e.value('OrganAdd'),
    email: e.value('Email'),
    telephone: e.value('Telephone'),
    fax: e.value('Fax'),
    website: e.value('Website'),
  };
}

function staff(e: Element | null): EdxmlStaff | null {
  if (!e) return null;
  return { department: e.value('Department'), staff: e.value('Staff'), email: e.value('Email'), mobile: e.value('Mobile') };
}

function responseFor(e: Element, path: string): EdxmlResponseFor {
  return {
    organId: e.value('OrganId') ?? '',
    code: e.value('Code') ?? '',
    promulgationDate: parseEdxmlDate(e.value('PromulgationDate')),
    documentId: e.requireValue('DocumentId', `${path}/DocumentId`),
  };
}

function integer(raw: string | null, fallback: number | null): number | null {
  return raw !== null && /^\d+$/.test(raw) ? Number(raw) : fallback;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const PDF = 'application/pdf';

/** Office and OpenDocument files are zip archives themselves: they travel as they are, never unzipped. */
const ZIP_BASED_DOCUMENT = /\.(docx|xlsx|pptx|odt|ods|odp)$/i;

/** Whether an attachment is a zip of the files (how many senders transfer them), to be opened here. */
function isZipTransfer(name: string, declared: string | null, bytes: Buffer): boolean {
  if (/\.zip$/i.test(name)) return true;
  if (ZIP_BASED_DOCUMENT.test(name)) return false;
  return declared === 'application/zip' || looksLikeZip(bytes);
}

function contentTypeOf(name: string, declared: string | null): string {
  if (/\.pdf$/i.test(name)) return PDF;
  if (/\.docx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
  if (/\.doc$/i.test(name)) return 'application/msword';
  if (/\.xlsx$/i.test(name)) return 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
  if (/\.xls$/i.test(name)) return 'application/vnd.ms-excel';
  return declared && declared !== 'application/zip' ? declared : 'application/octet-stream';
}

/** Every file of the packet decoded from base64 and, when zipped, unzipped, under the limits. */
function attachments(root: Element, limits: PacketLimits): EdxmlAttachment[] {
  const encoded = root.one('AttachmentEncoded');
  const list = encoded ? encoded.all('Attachment') : [];
  const budget = { remaining: limits.maxTotalBytes };
  const files: EdxmlAttachment[] = [];
  for (const [index, a] of list.entries()) {
    const contentId = a.value('ContentId') ?? `cid:${index + 1}`;
    const name = safeFileName(a.value('AttachmentName') ?? '', `tep-${index + 1}`);
    const declared = a.value('ContentType');
    const payload = a.one('ContentTransferEncoded')?.text.replace(/\s+/g, '') ?? '';
    if (!payload) throw refuse.missing(`AttachmentEncoded/Attachment[${index + 1}]/ContentTransferEncoded`);
    if (payload.length % 4 !== 0 || !BASE64.test(payload)) {
      throw refuse.badAttachment(name, { vi: 'nội dung không phải base64 hợp lệ', en: 'its content is not valid base64' });
    }
    if ((payload.length / 4) * 3 > limits.maxFileBytes + 2) throw refuse.tooLarge({ vi: `Tệp đính kèm "${name}"`, en: `The attachment "${name}"` }, limits.maxFileBytes);
    const bytes = Buffer.from(payload, 'base64');
    const description = a.value('Description');
    if (isZipTransfer(name, declared, bytes)) {
      for (const entry of unzipBounded(bytes, name, limits, budget)) {
        files.push({ contentId, name: entry.name, description, contentType: contentTypeOf(entry.name, null), bytes: entry.bytes });
      }
    } else {
      if (bytes.length > budget.remaining) throw refuse.tooLarge({ vi: 'Tổng dung lượng các tệp', en: 'The packet’s files together' }, limits.maxTotalBytes);
      budget.remaining -= bytes.length;
      files.push({ contentId, name, description, contentType: contentTypeOf(name, declared), bytes });
    }
    if (files.length > limits.maxFiles) throw refuse.tooManyFiles(limits.maxFiles);
  }
  return files;
}

function business(trace: Element | null): EdxmlBusiness {
  const b = trace?.one('Bussiness') ?? trace?.one('Business') ?? null;
  const rawType = b?.value('BussinessDocType') ?? b?.value('BusinessDocType') ?? '0';
  if (!/^[0-3]$/.test(rawType)) throw refuse.invalid('TraceHeaderList/Bussiness/BussinessDocType', rawType);
  const list = b?.one('ReplacementInfoList');
  return {
    type: Number(rawType) as BusinessType,
    reason: b?.value('BussinessDocReason') ?? b?.value('BusinessDocReason') ?? null,
    paper: b?.value('Paper') === '1',
    staff: staff(b?.one('StaffInfo') ?? null),
    replacements: (list?.all('ReplacementInfo') ?? []).map((r, i) => ({
      documentId: r.requireValue('DocumentId', `ReplacementInfoList/ReplacementInfo[${i + 1}]/DocumentId`),
      organIds: (r.one('OrganIdList')?.all('OrganId') ?? []).map((o) => o.text.trim()).filter(Boolean),
    })),
  };
}

function documentPacket(root: Element, header: Element, message: Element, limits: PacketLimits): EdxmlDocumentPacket {
  const h = 'edXMLHeader/MessageHeader';
  const to = message.all('To');
  if (!to.length) throw refuse.missing(`${h}/To`);
  const code = message.require('Code', `${h}/Code`);
  const promulgation = message.require('PromulgationInfo', `${h}/PromulgationInfo`);
  const rawDate = promulgation.requireValue('PromulgationDate', `${h}/PromulgationInfo/PromulgationDate`);
  const date = parseEdxmlDate(rawDate);
  if (!date) throw refuse.invalid(`${h}/PromulgationInfo/PromulgationDate`, rawDate);
  const type = message.require('DocumentType', `${h}/DocumentType`);
  const signer = message.one('SignerInfo');
  const other = message.one('OtherInfo');
  const rawDue = message.value('DueDate');
  const trace = header.one('TraceHeaderList');
  const biz = business(trace);
  const response = message.one('ResponseFor');
  return {
    kind: 'document',
    from: organisation(message.require('From', `${h}/From`), `${h}/From`),
    to: to.map((t) => organisation(t, `${h}/To`)),
    documentId: message.requireValue('DocumentId', `${h}/DocumentId`),
    code: { number: code.requireValue('CodeNumber', `${h}/Code/CodeNumber`), notation: code.requireValue('CodeNotation', `${h}/Code/CodeNotation`) },
    promulgation: { place: promulgation.value('Place') ?? '', date },
    type: { code: type.value('Type') ?? '', detail: type.value('TypeDetail'), name: type.requireValue('TypeName', `${h}/DocumentType/TypeName`) },
    subject: message.requireValue('Subject', `${h}/Subject`),
    content: message.value('Content'),
    signer: { competence: signer?.value('Competence') ?? '', position: signer?.value('Position') ?? '', fullName: signer?.value('FullName') ?? '' },
    dueDate: rawDue ? parseEdxmlDate(rawDue) : null,
    other: {
      priority: Math.min(3, integer(other?.value('Priority') ?? null, 0) ?? 0),
      sphereOfPromulgation: other?.value('SphereOfPromulgation') ?? null,
      typerNotation: other?.value('TyperNotation') ?? null,
      promulgationAmount: integer(other?.value('PromulgationAmount') ?? null, null),
      pageAmount: integer(other?.value('PageAmount') ?? null, null),
      direction: other?.value('Direction') === '1' || other?.value('Direction') === 'true',
      appendixes: (other?.one('Appendixes')?.all('Appendix') ?? []).map((a) => a.text.trim()).filter(Boolean),
    },
    steeringType: message.value('SteeringType'),
    toPlaces: (message.one('ToPlaces')?.all('Place') ?? []).map((p) => p.text.trim()).filter(Boolean),
    responseFor: response ? responseFor(response, `${h}/ResponseFor`) : null,
    trace: (trace?.all('TraceHeader') ?? []).map((t) => ({ organId: t.value('OrganId') ?? '', timestamp: parseEdxmlTimestamp(t.value('Timestamp')) ?? '' })),
    business: biz,
    attachments: attachments(root, limits),
  };
}

function statusPacket(status: Element): EdxmlStatusPacket {
  const h = 'edXMLHeader/Status';
  const rawCode = status.requireValue('StatusCode', `${h}/StatusCode`);
  const code = rawCode.padStart(2, '0') as StatusCode;
  if (!ALL_STATUS_CODES.includes(code)) throw refuse.invalid(`${h}/StatusCode`, rawCode);
  const description = status.value('Description');
  // QCVN 102: a refusal always says why.
  if (code === StatusCode.Refused && !description) throw refuse.missing(`${h}/Description`);
  const rawTime = status.requireValue('Timestamp', `${h}/Timestamp`);
  const timestamp = parseEdxmlTimestamp(rawTime);
  if (!timestamp) throw refuse.invalid(`${h}/Timestamp`, rawTime);
  return {
    kind: 'status',
    from: organisation(status.require('From', `${h}/From`), `${h}/From`),
    to: status.all('To').map((t) => organisation(t, `${h}/To`)),
    responseFor: responseFor(status.require('ResponseFor', `${h}/ResponseFor`), `${h}/ResponseFor`),
    staff: staff(status.one('StaffInfo')),
    statusCode: code,
    description,
    timestamp,
  };
}

/**
 * Reads an edXML packet: a document (MessageHeader) or a status (Status). Refuses, with a
 * bilingual reason and before anything is stored: anything over the size limits, a DOCTYPE or
 * entity declaration, XML that is not well-formed, a root outside the edXML namespace, a missing
 * required element, an attachment that is not base64 or not a readable zip, a zip bomb.
 */
export function parseEdxml(bytes: Buffer, limits: PacketLimits = DEFAULT_PACKET_LIMITS): EdxmlPacket {
  const root = readRoot(bytes, limits);
  const envelope = root.one('edXMLEnvelope');
  if (!envelope) throw refuse.missing('edXMLEnvelope');
  const header = envelope.require('edXMLHeader', 'edXMLEnvelope/edXMLHeader');
  const status = header.one('Status') ?? header.one('MessageStatus');
  if (status) return statusPacket(status);
  const message = header.require('MessageHeader', 'edXMLHeader/MessageHeader');
  return documentPacket(root, header, message, limits);
}
