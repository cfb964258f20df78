import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { DocumentSummary, SignBatchResponse } from '@vanthu/shared/contracts';
import {
  ApiFailure,
  DocumentsApi,
  LocalizedPipe,
  toApiFailure,
  TranslatePipe,
  VtDateTimePipe,
  WorkCountsStore,
} from '@vanthu/web/core';
import { Alert, FULL_SCREEN_ON_PHONE, SecurityChip, UrgencyChip } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { BatchSigningDialog, BatchSigningDialogData } from './dialogs/batch-signing.dialog';
import { SigningDialog, SigningDialogResult } from './dialogs/signing.dialog';

/** The leader's "chờ ký" queue: sign one, all of them with one PIN, or each in turn without leaving the dialog. */
@Component({
  selector: 'vt-signing-queue-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert, SecurityChip, UrgencyChip],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="queue">
      <header class="queue__head">
        <h1>{{ 'list.signing.title' | t }}</h1>
        @if (items().length > 0) {
          <span class="queue__actions">
            @if (items().length > 1) {
              <button mat-stroked-button type="button" (click)="signEach()" data-testid="sign-each">{{ 'sign.signEach' | t }}</button>
            }
            <button mat-flat-button type="button" (click)="signAll()" data-testid="sign-all">
              <mat-icon svgIcon="edit" />{{ 'sign.signAll' | t }}
            </button>
          </span>
        }
      </header>
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <ul class="queue__list">
        @for (doc of items(); track doc.id) {
          <li class="queue__item" [attr.data-document]="doc.id">
            <div class="queue__text">
              <a [routerLink]="['/outgoing', doc.id]" class="queue__subject">{{ doc.subject }}</a>
              <span class="queue__meta">
                <vt-urgency-chip [urgency]="doc.urgency" />
                <vt-security-chip [level]="doc.securityLevel" />
                {{ doc.sender }} · {{ doc.updatedAt | vtDateTime }}
              </span>
            </div>
            <button mat-stroked-button type="button" (click)="sign([doc.id])" data-testid="sign-one">{{ 'action.sign' | t }}</button>
          </li>
        } @empty {
          @if (!loading()) {
            <li class="queue__empty">{{ 'sign.queueEmpty' | t }}</li>
          }
        }
      </ul>
    </section>
  `,
  styles: `
    .queue {
      max-width: 1000px;
    }
    .queue__head {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 12px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0;
    }
    .queue__actions {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .queue__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .queue__item {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      padding: 12px 16px;
      border-radius: 12px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .queue__text {
      flex: 1 1 300px;
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .queue__subject {
      font: var(--mat-sys-title-small);
      color: inherit;
    }
    .queue__meta {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .queue__empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SigningQueuePage implements OnInit {
  private readonly api = inject(DocumentsApi);
  private readonly dialog = inject(MatDialog);
  private readonly workCounts = inject(WorkCountsStore);
  protected readonly items = signal<DocumentSummary[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<ApiFailure | null>(null);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  /** One PIN for every document in the queue (POST /outgoing/sign-batch), with a line of result per document. */
  protected signAll(): void {
    this.dialog
      .open<BatchSigningDialog, BatchSigningDialogData, SignBatchResponse | null>(BatchSigningDialog, { ...FULL_SCREEN_ON_PHONE, data: { documents: this.items() }, disableClose: true, autoFocus: '[data-testid=batch-pin]' })
      .afterClosed()
      .subscribe(() => {
        void this.load();
        void this.workCounts.refresh();
      });
  }

  /** Each document in the signing dialog, one after another, to look at it and move the signature. */
  protected signEach(): void {
    this.sign(this.items().map((doc) => doc.id));
  }

  protected sign(ids: number[]): void {
    this.dialog
      .open<SigningDialog, { ids: number[] }, SigningDialogResult>(SigningDialog, { ...FULL_SCREEN_ON_PHONE, data: { ids }, disableClose: true })
      .afterClosed()
      .subscribe(() => {
        void this.load();
        void this.workCounts.refresh();
      });
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      const page = await firstValueFrom(this.api.list({ queue: 'awaiting-my-signature', pageSize: 100 }));
      this.items.set(page.items);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }
}
