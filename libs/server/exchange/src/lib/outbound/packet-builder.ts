import { Injectable } from '@nestjs/common';
import { inspectPdf } from '@vanthu/pdf-signing';
import { DomainError } from '@vanthu/server/core';
import { DocumentEntity, DocumentFileEntity, DocumentRecipientEntity, ExternalDeliveryEntity, ExternalOrganisationEntity, FileStorage, OrganisationEntity, UserEntity } from '@vanthu/server/data-access';
import { DOCUMENT_TYPES, DocumentDirection, DocumentStatus, ErrorCode, FileRole, SecurityLevel } from '@vanthu/shared/contracts';
import { EntityManager, In } from 'typeorm';

import { formatDocumentId } from '../edxml/dates';
import { BusinessType, EdxmlOrganisation, EdxmlReplacement, EdxmlResponseFor, StatusCode } from '../edxml/model';
import { writeDocumentPacket, writeStatusPacket } from '../edxml/write';
import { EDXML_TYPE_CODES, priorityOf } from '../mapping';

/** A document that cannot leave as a packet (not issued, no identifier code, classified). */
export class NotExportable extends DomainError {
  constructor(en: string, vi: string) {
    super(409, ErrorCode.InvalidState, { vi, en });
  }
}

export interface BuiltPacket {
  bytes: Buffer;
  documentKey: string;
  symbol: string | null;
  subject: string | null;
}

/** Our organisation as packets name it; it must have its identifier code. */
export function ourOrganisation(o: OrganisationEntity): EdxmlOrganisation {
  if (!o.identifierCode) {
    throw new NotExportable(
      `${o.name} has no identifier code (mã định danh): an administrator must set it before documents can be exchanged.`,
      `${o.name} chưa có mã định danh: quản trị viên cần khai báo trước khi trao đổi văn bản với hệ thống khác.`,
    );
  }
  return { organId: o.identifierCode, organName: o.name, organizationInCharge: o.name, address: null, email: null, telephone: null, fax: null, website: null };
}

export function externalOrganisation(o: ExternalOrganisationEntity): EdxmlOrganisation {
  return { organId: o.identifierCode, organName: o.name, address: o.address, email: o.email, telephone: o.telephone, website: o.website };
}

/** `27/KH-UBND` → number 27, notation `KH-UBND`. */
export function splitSymbol(symbol: string | null, number: number | null): { number: string; notation: string } {
  const text = symbol ?? '';
  const at = text.indexOf('/');
  return at < 0 ? { number: String(number ?? ''), notation: text } : { number: text.slice(0, at), notation: text.slice(at + 1) };
}

/** The DocumentId of one of our issued documents: `ourOrganId,yyyy/MM/dd,number/notation`. */
export function documentKeyOf(d: DocumentEntity, organisation: OrganisationEntity): string {
  const code = splitSymbol(d.symbol, d.number);
  return formatDocumentId(ourOrganisation(organisation).organId, d.documentDate ?? '', code.number, code.notation);
}

/**
 * Builds packets from what the database holds: a document packet from one of our issued
 * documents (header fields, our hop in the trace, the issued files), and status packets.
 * Plain enough for the command line to use without the rest of the application.
 */
@Injectable()
export class PacketBuilder {
  constructor(private readonly storage: FileStorage) {}

  async documentPacket(
    manager: EntityManager,
    documentId: string,
    to: EdxmlOrganisation[],
    business: { type: BusinessType; reason?: string | null; staff?: string | null; replacements?: EdxmlReplacement[]; identity?: string } = { type: BusinessType.New },
  ): Promise<BuiltPacket> {
    // A revoke or replacement is sent after the document was withdrawn at home; a new one never is.
    const sendable = business.type === BusinessType.New ? [DocumentStatus.Issued, DocumentStatus.Dispatched] : [DocumentStatus.Issued, DocumentStatus.Dispatched, DocumentStatus.Withdrawn];
    const d = await manager.findOneBy(DocumentEntity, { id: documentId });
    // An update (2) carries the updated document's DocumentId, code and date (`identity`), the content of `documentId`.
    const own = business.identity && business.identity !== documentId ? await manager.findOneBy(DocumentEntity, { id: business.identity }) : d;
    if (!d || !own || d.direction !== DocumentDirection.Outgoing || !sendable.includes(d.status) || !d.documentDate || !own.documentDate || own.organisationId !== d.organisationId) {
      throw new NotExportable('Only an issued outgoing document can be sent as an edXML packet.', 'Chỉ văn bản đi đã ban hành mới gửi được thành gói tin edXML.');
    }
    if (d.securityLevel !== SecurityLevel.Normal) {
      throw new NotExportable('Classified documents never travel electronically.', 'Văn bản mật không được gửi qua hệ thống điện tử.');
    }
    const organisation = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
    const from = ourOrganisation(organisation);
    const signer = d.signerId ? await manager.findOneBy(UserEntity, { id: d.signerId }) : null;
    const files = await manager.find(DocumentFileEntity, { where: { documentId: d.id, current: true, stage: 'issued' }, order: { role: 'DESC', position: 'ASC', id: 'ASC' } });
    const internal = await manager.find(DocumentRecipientEntity, { where: { documentId: d.id } });
    const internalNames = internal.length ? (await manager.find(OrganisationEntity, { where: { id: In(internal.map((r) => r.organisationId)) } })).map((o) => o.name) : [];
    const externals = await manager.find(ExternalDeliveryEntity, { where: { documentId: d.id } });
    const externalNames = externals.length
      ? (await manager.find(ExternalOrganisationEntity, { where: { id: In(externals.map((x) => x.externalOrganisationId)) } })).map((o) => o.name)
      : [];
    const code = splitSymbol(own.symbol, own.number);
    const lines = (d.signingLine ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
    const now = new Date();
    const attachments = [];
    for (const [i, f] of files.entries()) {
      attachments.push({
        contentId: `cid:${i + 1}`,
        name: f.name,
        description: f.role === FileRole.Main ? 'Văn bản chính' : `Phụ lục ${f.position}`,
        contentType: 'application/pdf',
        bytes: await this.storage.get(f.sha256),
      });
    }
    const main = attachments.find((_, i) => files[i].role === FileRole.Main);
    // OtherInfo/PageAmount: the main file's pages (the issued PDF was checked when it was stored).
    const pageAmount = main ? inspectPdf(main.bytes).pageCount : null;
    const documentKey = documentKeyOf(own, organisation);
    const bytes = writeDocumentPacket({
      from,
      to,
      documentId: documentKey,
      code,
      promulgation: { place: organisation.placeName ?? '', date: own.documentDate },
      type: { code: EDXML_TYPE_CODES[d.type], detail: null, name: DOCUMENT_TYPES[d.type].name.vi },
      subject: d.subject,
      content: null,
      signer: { competence: lines[0] ?? '', position: signer?.position ?? lines[lines.length - 1] ?? '', fullName: signer?.fullName ?? '' },
      // Hạn trả lời of the draft: the day recipients are asked to answer by.
      dueDate: d.replyBy,
      other: {
        priority: priorityOf(d.urgency),
        sphereOfPromulgation: null,
        typerNotation: null,
        promulgationAmount: 1,
        pageAmount,
        direction: false,
        appendixes: files.filter((f) => f.role === FileRole.Attachment).map((f) => f.name),
      },
      steeringType: null,
      toPlaces: [...externalNames, ...internalNames],
      responseFor: null,
      trace: [{ organId: from.organId, timestamp: now.toISOString() }],
      business: { type: business.type, reason: business.reason ?? null, paper: false, staff: business.staff ? { staff: business.staff } : null, replacements: business.replacements ?? [] },
      attachments,
    });
    return { bytes, documentKey, symbol: own.symbol, subject: d.subject };
  }

  statusPacket(from: EdxmlOrganisation, to: EdxmlOrganisation, responseFor: EdxmlResponseFor, code: StatusCode, description: string | null, staff: string | null): BuiltPacket {
    const bytes = writeStatusPacket({
      from,
      to: [to],
      responseFor,
      staff: staff ? { staff } : null,
      statusCode: code,
      description,
      timestamp: new Date().toISOString(),
    });
    return { bytes, documentKey: responseFor.documentId, symbol: responseFor.code || null, subject: null };
  }
}
