import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { DocumentSummary, Permission, WorkCounts } from '@vanthu/shared/contracts';
import { DocumentsApi, I18n, MessageKey, SessionStore, TranslatePipe, WorkCountsStore } from '@vanthu/web/core';
import { DeadlineBadge, StatusChip, UrgencyChip, VtIconName } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ROLE_LABELS } from './navigation';

/** A tile of the home page: one count of what waits, and where to handle it. */
interface CountTile {
  key: keyof WorkCounts;
  link: string;
  query?: Record<string, string>;
  icon: VtIconName;
  /** Any of these permissions shows the tile. */
  anyOf: Permission[];
  /** Tiles that are alarms (overdue) stand out. */
  alarm?: boolean;
}

// In the order each role's day goes: leaders sign and assign, clerks register, issue and
// dispatch, specialists handle and redraft.
const TILES: readonly CountTile[] = [
  { key: 'awaitingMySignature', link: '/signing', icon: 'edit', anyOf: [Permission.SignDocuments] },
  { key: 'awaitingMyAssignment', link: '/incoming', query: { queue: 'awaiting-my-assignment' }, icon: 'inbox', anyOf: [Permission.AssignIncoming] },
  { key: 'awaitingMyReview', link: '/outgoing', query: { queue: 'awaiting-my-review' }, icon: 'check', anyOf: [Permission.ReviewDocuments] },
  { key: 'incomingToRegister', link: '/incoming', query: { queue: 'to-register' }, icon: 'inbox', anyOf: [Permission.RegisterIncoming] },
  { key: 'outgoingToIssue', link: '/outgoing', query: { queue: 'to-issue' }, icon: 'lock', anyOf: [Permission.IssueDocuments] },
  { key: 'outgoingToDispatch', link: '/outgoing', query: { queue: 'to-dispatch' }, icon: 'send', anyOf: [Permission.DispatchDocuments] },
  {
    key: 'overdue',
    link: '/incoming',
    query: { overdue: 'true' },
    icon: 'warning',
    anyOf: [Permission.AssignIncoming, Permission.HandleIncoming, Permission.RegisterIncoming],
    alarm: true,
  },
  { key: 'myOpenAssignments', link: '/incoming', query: { queue: 'my-assignments' }, icon: 'schedule', anyOf: [Permission.HandleIncoming] },
  { key: 'myReturnedDrafts', link: '/outgoing', query: { queue: 'my-returned-drafts' }, icon: 'arrowBack', anyOf: [Permission.DraftDocuments] },
];

/** The start page: what waits for the user by role, with counts, and their assigned work by deadline. */
@Component({
  selector: 'vt-home-page',
  imports: [MatButtonModule, MatIconModule, RouterLink, TranslatePipe, DeadlineBadge, StatusChip, UrgencyChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (user(); as user) {
      <section class="home">
        <h1 class="home__greeting">{{ 'home.greeting' | t: { name: user.fullName } }}</h1>
        <p class="home__workplace">
          {{ 'home.workplace' | t: { position: user.position, organisation: user.organisation.name } }}
        </p>
        <p class="home__roles">{{ 'home.roles' | t: { roles: roles() } }}</p>

        @if (tiles().length) {
          <h2 class="home__subtitle">{{ 'home.todo' | t }}</h2>
          @if (countsStore.unavailable()) {
            <p class="home__note" role="status">{{ 'home.countsUnavailable' | t }}</p>
          }
          <ul class="home__tiles">
            @for (tile of tiles(); track tile.key) {
              <li>
                <a
                  class="home__tile"
                  [class.home__tile--alarm]="tile.alarm && countOf(tile) > 0"
                  [class.home__tile--zero]="countOf(tile) === 0"
                  [routerLink]="tile.link"
                  [queryParams]="tile.query"
                  [attr.data-count]="tile.key"
                >
                  <mat-icon [svgIcon]="tile.icon" aria-hidden="true" />
                  <span class="home__tile-count">{{ counts() ? countOf(tile) : '…' }}</span>
                  <span class="home__tile-label">{{ labelOf(tile) | t }}</span>
                </a>
              </li>
            }
          </ul>
        }

        <div class="home__actions">
          @if (canDraft()) {
            <a mat-flat-button routerLink="/outgoing/new"><mat-icon svgIcon="add" />{{ 'home.newDraft' | t }}</a>
          }
          @if (canRegister()) {
            <a mat-stroked-button routerLink="/incoming/new"><mat-icon svgIcon="add" />{{ 'home.registerPaper' | t }}</a>
          }
        </div>

        @if (assignments().length) {
          <h2 class="home__subtitle">{{ 'home.myAssignments' | t }}</h2>
          <ul class="home__work">
            @for (doc of assignments(); track doc.id) {
              <li>
                <a class="home__work-item" [routerLink]="['/incoming', doc.id]" [class.home__work-item--overdue]="doc.overdue">
                  <span class="home__work-subject">{{ doc.symbol ?? doc.subject }}</span>
                  <span class="home__work-meta">
                    <vt-urgency-chip [urgency]="doc.urgency" />
                    <vt-status-chip [status]="doc.status" />
                    <vt-deadline-badge [deadline]="doc.deadline" />
                  </span>
                  @if (doc.symbol) {
                    <span class="home__work-line">{{ doc.subject }}</span>
                  }
                </a>
              </li>
            }
          </ul>
        }
      </section>
    }
  `,
  styles: `
    .home {
      max-width: 1100px;
    }
    .home__greeting {
      font: var(--mat-sys-headline-medium);
      margin: 0 0 8px;
    }
    .home__workplace {
      font: var(--mat-sys-title-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 4px;
    }
    .home__roles {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 20px;
    }
    .home__subtitle {
      font: var(--mat-sys-title-medium);
      margin: 20px 0 12px;
    }
    .home__note {
      color: var(--mat-sys-on-surface-variant);
    }
    .home__tiles,
    .home__work {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .home__tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 12px;
    }
    .home__tiles li {
      display: flex;
    }
    .home__tile {
      flex: 1;
      box-sizing: border-box;
      display: grid;
      grid-template-columns: auto 1fr;
      grid-template-rows: auto auto;
      column-gap: 12px;
      align-items: center;
      padding: 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
      background: var(--mat-sys-surface-container-low);
      color: var(--mat-sys-on-surface);
      text-decoration: none;
    }
    .home__tile:hover,
    .home__tile:focus-visible {
      background: var(--mat-sys-surface-container-high);
    }
    .home__tile mat-icon {
      grid-row: span 2;
      color: var(--mat-sys-primary);
    }
    .home__tile-count {
      font: var(--mat-sys-headline-medium);
      font-weight: 600;
    }
    .home__tile-label {
      font: var(--mat-sys-body-medium);
    }
    .home__tile--zero .home__tile-count {
      color: var(--mat-sys-on-surface-variant);
    }
    .home__tile--alarm {
      border-color: #b3261e;
      background: #fde7e9;
    }
    .home__tile--alarm mat-icon,
    .home__tile--alarm .home__tile-count {
      color: #b3261e;
    }
    .home__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin-top: 20px;
    }
    .home__work {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .home__work-item {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      padding: 12px 16px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-left: 4px solid var(--mat-sys-primary);
      color: inherit;
      text-decoration: none;
    }
    .home__work-item--overdue {
      border-left-color: #b3261e;
    }
    .home__work-subject {
      font: var(--mat-sys-title-small);
      flex: 1 1 200px;
    }
    .home__work-meta {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .home__work-line {
      flex-basis: 100%;
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    /* A phone: the count tiles two by two, the icon above the count. */
    @media (max-width: 599.98px) {
      .home__tiles {
        grid-template-columns: repeat(2, minmax(0, 1fr));
        gap: 8px;
      }
      .home__tile {
        grid-template-columns: auto minmax(0, 1fr);
        column-gap: 8px;
        padding: 12px;
      }
      .home__tile-label {
        font: var(--mat-sys-body-small);
        overflow-wrap: anywhere;
      }
    }
  `,
})
export class HomePage {
  private readonly session = inject(SessionStore);
  private readonly i18n = inject(I18n);
  private readonly documents = inject(DocumentsApi);
  protected readonly countsStore = inject(WorkCountsStore);

  protected readonly user = this.session.user;
  protected readonly counts = this.countsStore.counts;
  protected readonly roles = computed(() =>
    (this.user()?.roles ?? []).map((role) => this.i18n.t(ROLE_LABELS[role])).join(', '),
  );
  protected readonly tiles = computed(() => {
    const granted = this.session.permissions();
    return TILES.filter((tile) => tile.anyOf.some((permission) => granted.has(permission)));
  });
  protected readonly canDraft = computed(() => this.session.permissions().has(Permission.DraftDocuments));
  protected readonly canRegister = computed(() => this.session.permissions().has(Permission.RegisterIncoming));
  protected readonly assignments = signal<DocumentSummary[]>([]);

  constructor() {
    if (this.session.permissions().has(Permission.HandleIncoming)) void this.loadAssignments();
  }

  protected countOf(tile: CountTile): number {
    return this.counts()?.[tile.key] ?? 0;
  }

  protected labelOf(tile: CountTile): MessageKey {
    return `home.count.${tile.key}` as MessageKey;
  }

  private async loadAssignments(): Promise<void> {
    try {
      const page = await firstValueFrom(this.documents.list({ queue: 'my-assignments', pageSize: 10 }));
      // Nearest deadline first; items without one last.
      const rank = (doc: DocumentSummary) => doc.deadline ?? '9999-12-31';
      this.assignments.set([...page.items].sort((a, b) => rank(a).localeCompare(rank(b))));
    } catch {
      // The tile above still links to the full list.
    }
  }
}
