import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser } from '@vanthu/server/core';
import { OrganisationEntity } from '@vanthu/server/data-access';
import { DeadlineStatus, DeliveryStatus, DispatchReport, DocumentDirection, DocumentStatus, IncomingReport, MonthlyReport, TimelinessCounts } from '@vanthu/shared/contracts';
import { addCalendarDays, onTimeRate, startOfVietnamDay, toIsoDate } from '@vanthu/shared/domain';
import { DataSource, In } from 'typeorm';

import { toOrganisationRef } from '../shared/document-store';

// One pass over the rows gives every column of a report line. A document is open until it is
// completed or returned; open past its deadline day it is overdue (quá hạn). `handled` narrows
// what counts as in progress or overdue: the dispatch report leaves out copies nobody has opened.
const countsSql = (handled = 'TRUE') => `
  COUNT(*) AS received,
  SUM(d.status = '${DocumentStatus.Completed}') AS completed,
  SUM(d.status = '${DocumentStatus.Completed}' AND d.timeliness = '${DeadlineStatus.Early}') AS early,
  SUM(d.status = '${DocumentStatus.Completed}' AND d.timeliness = '${DeadlineStatus.OnTime}') AS onTime,
  SUM(d.status = '${DocumentStatus.Completed}' AND d.timeliness = '${DeadlineStatus.Late}') AS late,
  SUM(d.status NOT IN ('${DocumentStatus.Completed}', '${DocumentStatus.ReturnedToSender}', '${DocumentStatus.Withdrawn}') AND ${handled} AND (d.deadline IS NULL OR d.deadline >= ?)) AS inProgress,
  SUM(d.status NOT IN ('${DocumentStatus.Completed}', '${DocumentStatus.ReturnedToSender}', '${DocumentStatus.Withdrawn}') AND ${handled} AND d.deadline < ?) AS overdue`;
const COUNTS_SQL = countsSql();

// A recipient's copy nobody there has opened yet: delivered, still waiting to be registered.
const NOT_OPENED = `(x.status = '${DeliveryStatus.Delivered}' AND d.status = '${DocumentStatus.Received}')`;

type CountsRow = Record<'received' | 'completed' | 'early' | 'onTime' | 'late' | 'inProgress' | 'overdue', string | number | null>;

function toCounts(row: CountsRow | undefined): TimelinessCounts {
  const n = (v: string | number | null | undefined) => Number(v ?? 0);
  const counts = {
    received: n(row?.received),
    completed: n(row?.completed),
    early: n(row?.early),
    onTime: n(row?.onTime),
    late: n(row?.late),
    inProgress: n(row?.inProgress),
    overdue: n(row?.overdue),
  };
  return { ...counts, onTimeRate: onTimeRate(counts) };
}

/** The period's bounds in UTC for days given in Vietnam time, both days included. */
function period(from: string, to: string): [Date, Date] {
  return [startOfVietnamDay(from), startOfVietnamDay(addCalendarDays(to, 1))];
}

/**
 * Tracking reports as People's Committees publish them: received, completed early / on time /
 * late, in progress, overdue and the on-time rate — per organisation and unit, and for what an
 * organisation sent to each recipient. Always the user's own organisation.
 */
@Injectable()
export class ReportsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async incoming(user: AuthenticatedUser, from: string, to: string): Promise<IncomingReport> {
    const [start, end] = period(from, to);
    const today = toIsoDate(new Date());
    const where = `d.organisation_id = ? AND d.direction = '${DocumentDirection.Incoming}' AND d.status <> '${DocumentStatus.Received}' AND d.listed_at >= ? AND d.listed_at < ?`;
    const [total] = await this.dataSource.query(`SELECT ${COUNTS_SQL} FROM document d WHERE ${where}`, [today, today, user.organisationId, start, end]);
    // Per unit: the unit leading the handling (chủ trì), or the unit of the person leading it.
    const rows: Array<CountsRow & { unitId: number }> = await this.dataSource.query(
      `SELECT a.organisation_id AS unitId, ${COUNTS_SQL}
         FROM document d JOIN assignee a ON a.document_id = d.id AND a.role = 'lead'
        WHERE ${where}
        GROUP BY a.organisation_id`,
      [today, today, user.organisationId, start, end],
    );
    const units = await this.organisations(rows.map((r) => Number(r.unitId)));
    return {
      from,
      to,
      total: toCounts(total),
      byUnit: rows
        .flatMap((r) => {
          const unit = units.get(Number(r.unitId));
          return unit ? [{ unit: toOrganisationRef(unit), ...toCounts(r) }] : [];
        })
        .sort((a, b) => a.unit.name.localeCompare(b.unit.name, 'vi')),
    };
  }

  async dispatched(user: AuthenticatedUser, from: string, to: string): Promise<DispatchReport> {
    const [start, end] = period(from, to);
    const today = toIsoDate(new Date());
    const where = 'src.organisation_id = ? AND x.dispatched_at >= ? AND x.dispatched_at < ?';
    const rows: Array<CountsRow & { recipientId: number; delivered: string; returned: string; notOpened: string }> = await this.dataSource.query(
      `SELECT x.recipient_id AS recipientId, COUNT(*) AS delivered, SUM(x.status = '${DeliveryStatus.Returned}') AS returned,
              SUM(${NOT_OPENED}) AS notOpened, ${countsSql(`NOT ${NOT_OPENED}`)}
         FROM delivery x
         JOIN document src ON src.id = x.document_id
         JOIN document d ON d.id = x.incoming_document_id
        WHERE ${where}
        GROUP BY x.recipient_id`,
      [today, today, user.organisationId, start, end],
    );
    const [{ documents }] = await this.dataSource.query(
      `SELECT COUNT(DISTINCT x.document_id) AS documents FROM delivery x JOIN document src ON src.id = x.document_id WHERE ${where}`,
      [user.organisationId, start, end],
    );
    const recipients = await this.organisations(rows.map((r) => Number(r.recipientId)));
    const byRecipient = rows
      .flatMap((r) => {
        const recipient = recipients.get(Number(r.recipientId));
        return recipient
          ? [{ recipient: toOrganisationRef(recipient), delivered: Number(r.delivered), returned: Number(r.returned ?? 0), notOpened: Number(r.notOpened ?? 0), ...toCounts(r) }]
          : [];
      })
      .sort((a, b) => a.recipient.name.localeCompare(b.recipient.name, 'vi'));
    const sum = (key: keyof TimelinessCounts) => byRecipient.reduce((acc, r) => acc + Number(r[key] ?? 0), 0);
    const totals = { received: sum('received'), completed: sum('completed'), early: sum('early'), onTime: sum('onTime'), late: sum('late'), inProgress: sum('inProgress'), overdue: sum('overdue') };
    return {
      from,
      to,
      documents: Number(documents),
      deliveries: byRecipient.reduce((acc, r) => acc + r.delivered, 0),
      notOpened: byRecipient.reduce((acc, r) => acc + r.notOpened, 0),
      total: { ...totals, onTimeRate: onTimeRate(totals) },
      byRecipient,
    };
  }

  /** Documents per month of a year (Vietnam calendar): issued, received, completed and how. */
  async monthly(user: AuthenticatedUser, year: number): Promise<MonthlyReport> {
    const [start, end] = [startOfVietnamDay(`${year}-01-01`), startOfVietnamDay(`${year + 1}-01-01`)];
    const month = (column: string) => `MONTH(CONVERT_TZ(${column}, '+00:00', '+07:00'))`;
    const [outgoing, incoming, completed] = await Promise.all([
      this.dataSource.query(
        `SELECT ${month('issued_at')} AS m, COUNT(*) AS n FROM document WHERE organisation_id = ? AND direction = 'outgoing' AND issued_at >= ? AND issued_at < ? GROUP BY m`,
        [user.organisationId, start, end],
      ),
      this.dataSource.query(
        `SELECT ${month('listed_at')} AS m, COUNT(*) AS n FROM document WHERE organisation_id = ? AND direction = 'incoming' AND listed_at >= ? AND listed_at < ? GROUP BY m`,
        [user.organisationId, start, end],
      ),
      this.dataSource.query(
        `SELECT ${month('completed_at')} AS m, COUNT(*) AS n, SUM(timeliness IN ('early', 'on-time')) AS onTime, SUM(timeliness = 'late') AS late
           FROM document WHERE organisation_id = ? AND direction = 'incoming' AND completed_at >= ? AND completed_at < ? GROUP BY m`,
        [user.organisationId, start, end],
      ),
    ]);
    const at = (rows: Array<{ m: number; n: string }>, m: number) => Number(rows.find((r) => Number(r.m) === m)?.n ?? 0);
    return {
      year,
      months: Array.from({ length: 12 }, (_, i) => {
        const m = i + 1;
        const done = (completed as Array<{ m: number; n: string; onTime: string; late: string }>).find((r) => Number(r.m) === m);
        return { month: m, outgoing: at(outgoing, m), incoming: at(incoming, m), completed: Number(done?.n ?? 0), onTime: Number(done?.onTime ?? 0), late: Number(done?.late ?? 0) };
      }),
    };
  }

  private async organisations(ids: number[]): Promise<Map<number, OrganisationEntity>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.manager.find(OrganisationEntity, { where: { id: In(ids) } });
    return new Map(rows.map((o) => [o.id, o]));
  }
}
