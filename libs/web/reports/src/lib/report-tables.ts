import { DispatchReport, IncomingReport, MonthlyReport, TimelinessCounts } from '@vanthu/shared/contracts';
import { ExportTable } from '@vanthu/web/ui';

/** Column headers of a report table, already in the user's language. */
export interface ReportHeaders {
  name: string;
  received: string;
  completed: string;
  early: string;
  onTime: string;
  late: string;
  inProgress: string;
  overdue: string;
  rate: string;
  delivered: string;
  returned: string;
  notOpened: string;
  total: string;
}

function rate(counts: TimelinessCounts): number | null {
  // Exports keep the rate as a number (0–100, one decimal) so that a spreadsheet can sum or chart it.
  return counts.onTimeRate === null ? null : Math.round(counts.onTimeRate * 1000) / 10;
}

function timeliness(counts: TimelinessCounts): (number | null)[] {
  return [counts.received, counts.completed, counts.early, counts.onTime, counts.late, counts.inProgress, counts.overdue, rate(counts)];
}

function timelinessHeader(h: ReportHeaders): string[] {
  return [h.received, h.completed, h.early, h.onTime, h.late, h.inProgress, h.overdue, `${h.rate} (%)`];
}

/** The incoming report as a table: one row per unit and a total row. */
export function incomingTable(report: IncomingReport, h: ReportHeaders, heading?: readonly string[]): ExportTable {
  return {
    heading,
    header: [h.name, ...timelinessHeader(h)],
    rows: [...report.byUnit.map((row) => [row.unit.name, ...timeliness(row)]), [h.total, ...timeliness(report.total)]],
  };
}

/** What was sent to each recipient (copies not opened yet apart from those in progress), with a total row. */
export function dispatchedTable(report: DispatchReport, h: ReportHeaders, heading?: readonly string[]): ExportTable {
  return {
    heading,
    header: [h.name, h.delivered, h.returned, h.notOpened, ...timelinessHeader(h)],
    rows: [
      ...report.byRecipient.map((row) => [row.recipient.name, row.delivered, row.returned, row.notOpened, ...timeliness(row)]),
      [h.total, report.deliveries, null, report.notOpened, ...timeliness(report.total)],
    ],
  };
}

/** Documents per month. */
export function monthlyTable(report: MonthlyReport, monthHeader: string, headers: string[], heading?: readonly string[]): ExportTable {
  return {
    heading,
    header: [monthHeader, ...headers],
    rows: report.months.map((m) => [m.month, m.outgoing, m.incoming, m.completed, m.onTime, m.late]),
  };
}
