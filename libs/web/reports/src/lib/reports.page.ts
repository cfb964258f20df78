import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { DispatchReport, IncomingReport, MonthlyReport, REGISTER_KIND_LABELS, RegisterView } from '@vanthu/shared/contracts';
import { formatOnTimeRate, formatPercent } from '@vanthu/shared/domain';
import {
  ApiFailure,
  I18n,
  LocalizedPipe,
  RecordsApi,
  ReportsApi,
  SessionStore,
  toApiFailure,
  TranslatePipe,
  VtNumberPipe,
  VtPercentPipe,
} from '@vanthu/web/core';
import { Alert, BarChart, fromIsoDay, toIsoDay, ChartSeries, CSV_MIME, downloadFile, ExportTable, toCsv, toXlsx, vietnamToday, XLSX_MIME, VT_DATEPICKER } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { dispatchedTable, incomingTable, monthlyTable, ReportHeaders } from './report-tables';

// Colours that stay apart for colour-blind readers and in greyscale print.
const COLORS = {
  early: '#1b7f3b',
  onTime: '#66bb6a',
  late: '#e8a200',
  overdue: '#b3261e',
  inProgress: '#90a4ae',
  notOpened: '#d7dde0',
  outgoing: '#1a56db',
  incoming: '#7e57c2',
  completed: '#1b7f3b',
};

/**
 * The organisation's published figures: documents per month, early / on time / late / overdue
 * per unit and per commune, the on-time rate; each chart with its table beneath, exportable as CSV
 * and XLSX.
 */
@Component({
  selector: 'vt-reports-page',
  imports: [FormsModule, MatButtonModule, ...VT_DATEPICKER, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, VtNumberPipe, VtPercentPipe, Alert, BarChart],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './reports.page.html',
  styleUrl: './reports.page.scss',
})
export class ReportsPage implements OnInit {
  private readonly api = inject(ReportsApi);
  private readonly records = inject(RecordsApi);
  private readonly session = inject(SessionStore);
  protected readonly i18n = inject(I18n);

  /** Sổ đăng ký văn bản of the organisation for the chosen year; printed for the chosen period. */
  protected readonly registers = signal<RegisterView[]>([]);
  protected readonly registerId = signal<number | null>(null);
  protected readonly registerLabels = REGISTER_KIND_LABELS;
  protected bookUrl(format: 'pdf' | 'xlsx'): string | null {
    const id = this.registerId();
    return id === null ? null : this.records.bookUrl(id, format, { from: this.from(), to: this.to() });
  }

  protected readonly from = signal(`${vietnamToday().slice(0, 4)}-01-01`);
  protected readonly to = signal(vietnamToday());
  protected readonly fromDate = computed(() => fromIsoDay(this.from()));
  protected readonly toDate = computed(() => fromIsoDay(this.to()));
  protected readonly day = (date: Date | null) => toIsoDay(date);
  protected readonly incoming = signal<IncomingReport | null>(null);
  protected readonly dispatched = signal<DispatchReport | null>(null);
  protected readonly monthly = signal<MonthlyReport | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);

  protected readonly year = computed(() => Number(this.to().slice(0, 4)));
  protected readonly percent = (value: number) => formatPercent(value, this.i18n.language(), 0);
  protected readonly plain = (value: number) => String(Math.round(value));

  protected readonly monthCategories = computed(() =>
    (this.monthly()?.months ?? []).map((m) => this.i18n.t('reports.monthShort', { month: m.month })),
  );
  protected readonly monthSeries = computed<ChartSeries[]>(() => {
    const months = this.monthly()?.months ?? [];
    return [
      { label: this.i18n.t('reports.incomingCount'), color: COLORS.incoming, values: months.map((m) => m.incoming) },
      { label: this.i18n.t('reports.outgoing'), color: COLORS.outgoing, values: months.map((m) => m.outgoing) },
      { label: this.i18n.t('reports.completed'), color: COLORS.completed, values: months.map((m) => m.completed) },
    ];
  });

  protected readonly unitCategories = computed(() => (this.incoming()?.byUnit ?? []).map((r) => r.unit.name));
  protected readonly unitSeries = computed(() => this.timelinessSeries(this.incoming()?.byUnit ?? []));
  protected readonly unitRate = computed<ChartSeries[]>(() => [
    {
      label: this.i18n.t('reports.rate'),
      color: COLORS.early,
      values: (this.incoming()?.byUnit ?? []).map((r) => r.onTimeRate ?? 0),
    },
  ]);
  protected readonly recipientCategories = computed(() => (this.dispatched()?.byRecipient ?? []).map((r) => r.recipient.name));
  protected readonly recipientSeries = computed<ChartSeries[]>(() => {
    const rows = this.dispatched()?.byRecipient ?? [];
    return [...this.timelinessSeries(rows), { label: this.i18n.t('reports.notOpened'), color: COLORS.notOpened, values: rows.map((r) => r.notOpened) }];
  });

  protected readonly incomingSummary = computed(() => {
    const report = this.incoming();
    return report ? formatOnTimeRate(report.total, this.i18n.language()) : '';
  });
  protected readonly dispatchedSummary = computed(() => {
    const report = this.dispatched();
    return report ? formatOnTimeRate(report.total, this.i18n.language()) : '';
  });

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  async load(): Promise<void> {
    if (this.loading()) return;
    this.loading.set(true);
    this.failure.set(null);
    try {
      const [incoming, dispatched, monthly] = await Promise.all([
        firstValueFrom(this.api.incoming(this.from(), this.to())),
        firstValueFrom(this.api.dispatched(this.from(), this.to())),
        firstValueFrom(this.api.monthly(this.year())),
      ]);
      this.incoming.set(incoming);
      this.dispatched.set(dispatched);
      this.monthly.set(monthly);
      const registers = await firstValueFrom(this.records.registers(this.year()));
      this.registers.set(registers);
      if (!registers.some((r) => r.id === this.registerId())) this.registerId.set(registers[0]?.id ?? null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected exportIncoming(format: 'csv' | 'xlsx'): void {
    const report = this.incoming();
    if (report) this.export(incomingTable(report, this.headers(this.i18n.t('reports.unit')), this.heading('reports.incoming')), 'reports.fileIncoming', format);
  }

  protected exportDispatched(format: 'csv' | 'xlsx'): void {
    const report = this.dispatched();
    if (report) this.export(dispatchedTable(report, this.headers(this.i18n.t('reports.recipient')), this.heading('reports.dispatched')), 'reports.fileDispatched', format);
  }

  protected exportMonthly(format: 'csv' | 'xlsx'): void {
    const report = this.monthly();
    if (!report) return;
    const t = (key: Parameters<I18n['t']>[0]) => this.i18n.t(key);
    const table = monthlyTable(report, t('reports.month'), [
      t('reports.outgoing'),
      t('reports.incomingCount'),
      t('reports.completed'),
      t('reports.onTime'),
      t('reports.late'),
    ], [this.organisationName(), this.i18n.t('reports.monthly', { year: report.year })]);
    this.export(table, 'reports.fileMonthly', format);
  }

  private export(table: ExportTable, fileKey: 'reports.fileIncoming' | 'reports.fileDispatched' | 'reports.fileMonthly', format: 'csv' | 'xlsx'): void {
    const name = `${this.i18n.t(fileKey)}_${this.from()}_${this.to()}`;
    if (format === 'csv') downloadFile(`${name}.csv`, toCsv(table), CSV_MIME);
    else void toXlsx(table, this.i18n.t(fileKey)).then((bytes) => downloadFile(`${name}.xlsx`, bytes, XLSX_MIME));
  }

  /** What a printed report carries above its table: the organisation, the title, the period. */
  private heading(title: 'reports.incoming' | 'reports.dispatched'): string[] {
    const day = (iso: string) => iso.split('-').reverse().join('/');
    return [this.organisationName(), this.i18n.t(title), this.i18n.t('reports.periodLine', { from: day(this.from()), to: day(this.to()) })];
  }

  private organisationName(): string {
    return this.session.user()?.organisation.name ?? '';
  }

  private headers(name: string): ReportHeaders {
    const t = (key: Parameters<I18n['t']>[0]) => this.i18n.t(key);
    return {
      name,
      received: t('reports.received'),
      completed: t('reports.completed'),
      early: t('reports.early'),
      onTime: t('reports.onTime'),
      late: t('reports.late'),
      inProgress: t('reports.inProgress'),
      overdue: t('reports.overdue'),
      rate: t('reports.rate'),
      delivered: t('reports.delivered'),
      returned: t('reports.returned'),
      notOpened: t('reports.notOpened'),
      total: t('reports.total'),
    };
  }

  private timelinessSeries(rows: readonly { early: number; onTime: number; late: number; overdue: number; inProgress: number }[]): ChartSeries[] {
    const t = (key: Parameters<I18n['t']>[0]) => this.i18n.t(key);
    return [
      { label: t('reports.early'), color: COLORS.early, values: rows.map((r) => r.early) },
      { label: t('reports.onTime'), color: COLORS.onTime, values: rows.map((r) => r.onTime) },
      { label: t('reports.late'), color: COLORS.late, values: rows.map((r) => r.late) },
      { label: t('reports.overdue'), color: COLORS.overdue, values: rows.map((r) => r.overdue) },
      { label: t('reports.inProgress'), color: COLORS.inProgress, values: rows.map((r) => r.inProgress) },
    ];
  }
}
