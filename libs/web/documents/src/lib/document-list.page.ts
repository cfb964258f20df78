import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatPaginatorModule, PageEvent } from '@angular/material/paginator';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSortModule, Sort } from '@angular/material/sort';
import { ActivatedRoute, Params, Router, RouterLink } from '@angular/router';
import {
  ALL_DOCUMENT_TYPES,
  ALL_URGENCIES,
  DOCUMENT_TYPES,
  DocumentDirection,
  ALL_DOCUMENT_SORTS,
  DocumentListQuery,
  DocumentSort,
  DocumentStatus,
  DocumentSummary,
  DocumentType,
  OrganisationDto,
  Page,
  Permission,
  SortOrder,
  Urgency,
  URGENCY_LABELS,
  WorkQueue,
} from '@vanthu/shared/contracts';
import { formatRegisterNumber } from '@vanthu/shared/domain';
import {
  ApiFailure,
  DocumentsApi,
  I18n,
  LocalizedPipe,
  OrganisationsApi,
  SessionStore,
  toApiFailure,
  TranslatePipe,
  VtDatePipe,
} from '@vanthu/web/core';
import { Alert, DeadlineBadge, fromIsoDay, SecurityChip, StatusChip, toIsoDay, UrgencyChip, VT_DATEPICKER } from '@vanthu/web/ui';
import { debounceTime, firstValueFrom, map, Subject } from 'rxjs';
import { QUEUES, queueKey, STATUSES, statusKey } from './labels';

const PAGE_SIZE = 20;

/** The filters as they stand in the address, so that Back and a shared link keep them. */
interface Filters {
  queue: WorkQueue | '';
  q: string;
  type: DocumentType | '';
  status: DocumentStatus | '';
  urgency: Urgency | '';
  senderId: string;
  from: string;
  to: string;
  overdue: boolean;
  /** Empty: the server's default, newest date first. */
  sort: DocumentSort | '';
  order: SortOrder | '';
  page: number;
}

function filtersFrom(params: Params): Filters {
  return {
    queue: (params['queue'] as WorkQueue) ?? '',
    q: params['q'] ?? '',
    type: params['type'] ?? '',
    status: params['status'] ?? '',
    urgency: params['urgency'] ?? '',
    senderId: params['senderId'] ?? '',
    from: params['from'] ?? '',
    to: params['to'] ?? '',
    overdue: params['overdue'] === 'true',
    sort: (ALL_DOCUMENT_SORTS as readonly string[]).includes(params['sort']) ? (params['sort'] as DocumentSort) : '',
    order: params['order'] === 'asc' || params['order'] === 'desc' ? params['order'] : '',
    page: Number(params['page'] ?? 1) || 1,
  };
}

/**
 * The incoming or outgoing register with work-queue tabs, filters (period, type, status,
 * urgency, overdue, sender), diacritics-insensitive search and pages. Overdue and urgent rows
 * stand out.
 */
@Component({
  selector: 'vt-document-list-page',
  imports: [
    FormsModule,
    MatButtonModule,
    MatButtonToggleModule,
    MatCheckboxModule,
    ...VT_DATEPICKER,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatPaginatorModule,
    MatProgressBarModule,
    MatSelectModule,
    MatSortModule,
    RouterLink,
    TranslatePipe,
    LocalizedPipe,
    VtDatePipe,
    Alert,
    DeadlineBadge,
    SecurityChip,
    StatusChip,
    UrgencyChip,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './document-list.page.html',
  styleUrl: './document-list.page.scss',
})
export class DocumentListPage {
  private readonly api = inject(DocumentsApi);
  private readonly organisationsApi = inject(OrganisationsApi);
  private readonly session = inject(SessionStore);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  protected readonly i18n = inject(I18n);

  protected readonly direction = toSignal(
    this.route.data.pipe(map((data) => data['direction'] as DocumentDirection)),
    { initialValue: DocumentDirection.Incoming },
  );
  protected readonly incoming = computed(() => this.direction() === DocumentDirection.Incoming);
  protected readonly filters = toSignal(this.route.queryParams.pipe(map(filtersFrom)), {
    initialValue: filtersFrom({}),
  });

  protected readonly queues = computed(() => {
    const granted = this.session.permissions();
    return QUEUES[this.direction()].filter((q) => q.anyOf.some((p) => granted.has(p)));
  });
  protected readonly statuses = computed(() => STATUSES[this.direction()]);
  protected readonly types = ALL_DOCUMENT_TYPES;
  protected readonly typeLabels = DOCUMENT_TYPES;
  protected readonly urgencies = ALL_URGENCIES;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly canDraft = computed(() => this.session.permissions().has(Permission.DraftDocuments));
  protected readonly canRegister = computed(() => this.session.permissions().has(Permission.RegisterIncoming));
  protected readonly senders = signal<OrganisationDto[]>([]);
  protected readonly fromDate = computed(() => fromIsoDay(this.filters().from));
  protected readonly toDate = computed(() => fromIsoDay(this.filters().to));
  protected readonly day = toIsoDay;

  protected readonly page = signal<Page<DocumentSummary> | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly columns = computed(() =>
    this.incoming()
      ? ['arrival', 'number', 'subject', 'sender', 'deadline', 'status']
      : ['number', 'subject', 'date', 'status'],
  );
  /** The sort the headers show: the server's default (date, newest first) when none was chosen. */
  protected readonly activeSort = computed(() => this.filters().sort || 'date');
  protected readonly activeOrder = computed(() => this.filters().order || (this.activeSort() === 'subject' || this.activeSort() === 'deadline' ? 'asc' : 'desc'));
  private readonly searches = new Subject<string>();
  private generation = 0;

  constructor() {
    effect(() => {
      const filters = this.filters();
      const direction = this.direction();
      untracked(() => void this.load(direction, filters));
    });
    this.searches.pipe(debounceTime(350)).subscribe((q) => this.update({ q }));
    void this.loadSenders();
  }

  protected statusKey = statusKey;
  protected queueKey = queueKey;

  protected numberOf(doc: DocumentSummary): string {
    if (doc.symbol) return doc.symbol;
    if (doc.number !== null) return formatRegisterNumber(doc.number);
    return '';
  }

  protected arrivalOf(doc: DocumentSummary): string {
    return doc.arrivalNumber !== null ? formatRegisterNumber(doc.arrivalNumber) : '';
  }

  protected link(doc: DocumentSummary): unknown[] {
    return [`/${doc.direction}`, doc.id];
  }

  protected search(q: string): void {
    this.searches.next(q);
  }

  /** Changes some filters; anything but the page number sends the user back to page 1. */
  protected update(change: Partial<Filters>): void {
    const next = { ...this.filters(), page: 1, ...change };
    const params: Params = {};
    for (const [key, value] of Object.entries(next)) {
      if (value === '' || value === false || (key === 'page' && value === 1)) continue;
      params[key] = String(value);
    }
    void this.router.navigate([], { relativeTo: this.route, queryParams: params });
  }

  protected clear(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: this.filters().queue ? { queue: this.filters().queue } : {} });
  }

  /** How many filters are in use (the queue is a tab, not a filter): the phone's "Bộ lọc (2)". */
  protected readonly activeFilters = computed(() => {
    const f = this.filters();
    return [f.q, f.type, f.status, f.urgency, f.senderId, f.from, f.to, f.overdue].filter(Boolean).length;
  });
  /** Whether the filters are unfolded; on a wide screen they always show. */
  protected readonly filtersOpen = signal(false);

  /** A header was clicked: the list is read again from page 1 in that order. */
  protected sorted(event: Sort): void {
    const sort = event.active as DocumentSort;
    const order = event.direction || 'desc';
    const isDefault = sort === 'date' && order === 'desc';
    this.update({ sort: isDefault ? '' : sort, order: isDefault ? '' : order });
  }

  protected pageChanged(event: PageEvent): void {
    this.update({ ...this.filters(), page: event.pageIndex + 1 });
  }

  protected open(doc: DocumentSummary): void {
    void this.router.navigate(this.link(doc));
  }

  private async load(direction: DocumentDirection, filters: Filters): Promise<void> {
    const generation = ++this.generation;
    const query: DocumentListQuery = {
      direction,
      queue: filters.queue || undefined,
      q: filters.q || undefined,
      type: filters.type || undefined,
      status: filters.status || undefined,
      urgency: filters.urgency || undefined,
      senderId: filters.senderId ? Number(filters.senderId) : undefined,
      from: filters.from || undefined,
      to: filters.to || undefined,
      overdue: filters.overdue || undefined,
      sort: filters.sort || undefined,
      order: filters.order || undefined,
      page: filters.page,
      pageSize: PAGE_SIZE,
    };
    this.loading.set(true);
    try {
      const page = await firstValueFrom(this.api.list(query));
      if (generation !== this.generation) return;
      this.page.set(page);
      this.failure.set(null);
    } catch (error) {
      if (generation === this.generation) this.failure.set(toApiFailure(error));
    } finally {
      if (generation === this.generation) this.loading.set(false);
    }
  }

  private async loadSenders(): Promise<void> {
    try {
      const own = this.session.user()?.organisation.id;
      this.senders.set((await firstValueFrom(this.organisationsApi.list())).filter((o) => o.active && o.id !== own));
    } catch {
      // The sender filter stays empty; the rest of the page works.
    }
  }
}
