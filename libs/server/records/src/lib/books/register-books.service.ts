import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, NotFound, ValidationFailed } from '@vanthu/server/core';
import { OrganisationEntity, RegisterEntity } from '@vanthu/server/data-access';
import { mayReadRegisters } from '@vanthu/server/documents';
import {
  DOCUMENT_TYPES,
  DocumentDirection,
  DocumentStatus,
  DocumentType,
  RegisterKind,
  RegisterView,
  SECURITY_LEVEL_LABELS,
  SecurityLevel,
  Urgency,
  URGENCY_LABELS,
} from '@vanthu/shared/contracts';
import { addCalendarDays, formatDate, formatDateTime, formatRegisterNumber, isIsoDate, startOfVietnamDay } from '@vanthu/shared/domain';
import { DataSource } from 'typeorm';

import { BOOK_TITLES, bookFileName, INCOMING_COLUMNS, OUTGOING_COLUMNS, RegisterBook } from './register-book';

class RegisterNotFound extends NotFound {
  constructor() {
    super({ vi: 'Sổ văn bản', en: 'The register' });
  }
}

const OUTGOING_KINDS = [RegisterKind.OutgoingNormal, RegisterKind.OutgoingClassified];

/** Tên loại và trích yếu: the type's name on the first line, the subject under it. */
function typeAndSubject(type: DocumentType, subject: string): string {
  return `${DOCUMENT_TYPES[type]?.name.vi ?? type}\n${subject}`;
}

/** Ghi chú: what a clerk notes by hand — urgency, security level, a withdrawn or returned document. */
function remarks(row: { urgency: Urgency; security_level: SecurityLevel; status: DocumentStatus }): string {
  const notes: string[] = [];
  if (row.urgency !== Urgency.Normal) notes.push(URGENCY_LABELS[row.urgency].vi);
  if (row.security_level !== SecurityLevel.Normal) notes.push(SECURITY_LEVEL_LABELS[row.security_level].vi);
  if (row.status === DocumentStatus.Withdrawn) notes.push('Đã thu hồi');
  if (row.status === DocumentStatus.ReturnedToSender) notes.push('Đã trả lại nơi gửi');
  return notes.join('; ');
}

interface OutgoingRow {
  id: string;
  symbol: string | null;
  document_date: string | Date | null;
  type: DocumentType;
  subject: string;
  signer: string | null;
  drafting_unit: string | null;
  urgency: Urgency;
  security_level: SecurityLevel;
  status: DocumentStatus;
}

interface IncomingRow extends Omit<OutgoingRow, 'signer' | 'drafting_unit'> {
  received_at: Date;
  arrival_number: number;
  sender_name: string | null;
}

/** A DATE column of a raw query: mysql2 gives a Date at midnight UTC (the connection's time zone is Z). */
function day(value: string | Date | null): string {
  if (!value) return '';
  return formatDate(typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10));
}

/** A book, its file name and the bounds it covers. */
export interface BookRequest {
  from?: string;
  to?: string;
}

/**
 * Sổ đăng ký văn bản đi / đến (Decree 30/2020, Appendix IV): the entries of one register of the
 * user's organisation for a period, in number order. Only the organisation's clerks and leaders
 * read them ({@link mayReadRegisters}); another organisation's register is "not found".
 */
@Injectable()
export class RegisterBooksService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The organisation's registers of a year (all years when none is given), newest first. */
  async list(user: AuthenticatedUser, year?: number): Promise<RegisterView[]> {
    const where = year ? { organisationId: user.organisationId, year } : { organisationId: user.organisationId };
    const registers = await this.dataSource.getRepository(RegisterEntity).find({ where, order: { year: 'DESC', kind: 'ASC' } });
    return registers.map((r) => ({ id: r.id, kind: r.kind, year: r.year, lastNumber: r.lastNumber }));
  }

  /** The register book of register `id` between `from` and `to` (Vietnam days, both included; the register's year by default). */
  async book(user: AuthenticatedUser, id: string, request: BookRequest): Promise<{ book: RegisterBook; fileName: string }> {
    if (!/^\d{1,10}$/.test(id)) throw new RegisterNotFound();
    const register = await this.dataSource
      .getRepository(RegisterEntity)
      .createQueryBuilder('r')
      .where('r.id = :id AND r.organisation_id = :organisationId', { id, organisationId: user.organisationId })
      .getOne();
    if (!register || !mayReadRegisters(user, register.organisationId)) throw new RegisterNotFound();

    const from = request.from ?? `${register.year}-01-01`;
    const to = request.to ?? `${register.year}-12-31`;
    if (!isIsoDate(from) || !isIsoDate(to) || from > to) {
      throw new ValidationFailed([{ field: 'from', message: { vi: 'Kỳ không hợp lệ: từ ngày phải trước đến ngày.', en: 'The period is not valid: from must not be after to.' } }]);
    }
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: register.organisationId });
    const parent = organisation.parentId ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: organisation.parentId }) : null;
    const wholeYear = from === `${register.year}-01-01` && to === `${register.year}-12-31`;
    const outgoing = OUTGOING_KINDS.includes(register.kind);
    const rows = outgoing ? await this.outgoingRows(register, from, to) : await this.incomingRows(register, from, to);
    return {
      book: {
        parentName: parent?.name ?? null,
        organisationName: organisation.name,
        title: BOOK_TITLES[register.kind],
        period: wholeYear ? `Năm ${register.year}` : `Từ ngày ${formatDate(from)} đến ngày ${formatDate(to)}`,
        columns: outgoing ? OUTGOING_COLUMNS : INCOMING_COLUMNS,
        rows,
      },
      fileName: wholeYear ? bookFileName(register.kind, register.year) : `${bookFileName(register.kind, register.year)}_${from}_${to}`,
    };
  }

  private async outgoingRows(register: RegisterEntity, from: string, to: string): Promise<string[][]> {
    const rows: OutgoingRow[] = await this.dataSource.query(
      `SELECT d.id, d.symbol, d.document_date, d.type, d.subject, d.urgency, d.security_level, d.status,
              s.full_name AS signer, u.name AS drafting_unit
         FROM document d
         LEFT JOIN user s ON s.id = d.signer_id
         LEFT JOIN organisation u ON u.id = d.drafting_unit_id
        WHERE d.organisation_id = ? AND d.direction = ? AND d.register_id = ? AND d.document_date BETWEEN ? AND ?
        ORDER BY d.number, d.id`,
      [register.organisationId, DocumentDirection.Outgoing, register.id, from, to],
    );
    const recipients = await this.recipientsOf(rows.map((r) => r.id));
    return rows.map((r) => {
      const to = recipients.get(String(r.id)) ?? [];
      return [
        r.symbol ?? '',
        day(r.document_date),
        typeAndSubject(r.type, r.subject),
        r.signer ?? '',
        to.join('; '),
        r.drafting_unit ?? '',
        // Số lượng bản: one copy per recipient and the one kept (bản lưu).
        String(to.length + 1),
        remarks(r),
      ];
    });
  }

  /** Nơi nhận of each outgoing document: organisations in the system and those reached over edXML. */
  private async recipientsOf(ids: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (!ids.length) return found;
    const rows: Array<{ document_id: string; name: string }> = await this.dataSource.query(
      `SELECT r.document_id, o.name FROM document_recipient r JOIN organisation o ON o.id = r.organisation_id WHERE r.document_id IN (?)
       UNION ALL
       SELECT x.document_id, e.name FROM external_delivery x JOIN external_organisation e ON e.id = x.external_organisation_id WHERE x.document_id IN (?)
       ORDER BY 1, 2`,
      [ids, ids],
    );
    for (const row of rows) {
      const key = String(row.document_id);
      found.set(key, [...(found.get(key) ?? []), row.name]);
    }
    return found;
  }

  private async incomingRows(register: RegisterEntity, from: string, to: string): Promise<string[][]> {
    const rows: IncomingRow[] = await this.dataSource.query(
      `SELECT d.id, d.received_at, d.arrival_number, d.sender_name, d.symbol, d.document_date, d.type, d.subject, d.urgency, d.security_level, d.status
         FROM document d
        WHERE d.organisation_id = ? AND d.direction = ? AND d.arrival_register_id = ? AND d.received_at >= ? AND d.received_at < ?
        ORDER BY d.arrival_number, d.id`,
      [register.organisationId, DocumentDirection.Incoming, register.id, startOfVietnamDay(from), startOfVietnamDay(addCalendarDays(to, 1))],
    );
    const handlers = await this.handlersOf(rows.map((r) => r.id));
    return rows.map((r) => [
      formatDateTime(new Date(r.received_at)),
      formatRegisterNumber(Number(r.arrival_number)),
      r.sender_name ?? '',
      r.symbol ?? '',
      day(r.document_date),
      typeAndSubject(r.type, r.subject),
      (handlers.get(String(r.id)) ?? []).join('; '),
      '',
      remarks(r),
    ]);
  }

  /** Đơn vị hoặc người nhận: who the leader assigned to handle it (lead first, then those coordinating). */
  private async handlersOf(ids: string[]): Promise<Map<string, string[]>> {
    const found = new Map<string, string[]>();
    if (!ids.length) return found;
    const rows: Array<{ document_id: string; name: string }> = await this.dataSource.query(
      `SELECT a.document_id, COALESCE(u.full_name, o.name) AS name
         FROM assignee a
         LEFT JOIN user u ON u.id = a.user_id
         LEFT JOIN organisation o ON o.id = a.organisation_id
        WHERE a.document_id IN (?) AND a.role IN ('lead', 'coordinate')
        ORDER BY a.document_id, a.role = 'lead' DESC, a.id`,
      [ids],
    );
    for (const row of rows) {
      const key = String(row.document_id);
      found.set(key, [...(found.get(key) ?? []), row.name]);
    }
    return found;
  }
}
