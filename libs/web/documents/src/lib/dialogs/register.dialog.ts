import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentDetail, ErrorCode } from '@vanthu/shared/contracts';
import { formatRegisterNumber } from '@vanthu/shared/domain';
import { LocalizedPipe, Submission, TranslatePipe, VtDatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';

export interface RegisterDialogData {
  document: DocumentDetail;
  /** Registers the copy; `acceptDuplicate` once the clerk has seen the duplicate warning and confirms. */
  run: (acceptDuplicate: boolean) => Promise<DocumentDetail>;
}

/**
 * "Vào sổ": what is about to be entered in the incoming register (sender, number and symbol,
 * date, subject), then the confirmation. A duplicate (same number, symbol, issuer and year) is
 * shown here, and the clerk may register it anyway. Closes with the registered document.
 */
@Component({
  selector: 'vt-register-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDatePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'register.title' | t }}</h2>
    <mat-dialog-content class="register">
      <p>{{ 'register.intro' | t }}</p>
      <dl class="register__facts" data-testid="register-facts">
        <dt>{{ 'detail.sender' | t }}</dt>
        <dd data-testid="register-sender">{{ doc.sender ?? '' }}</dd>
        <dt>{{ 'detail.numberSymbol' | t }}</dt>
        <dd data-testid="register-symbol">{{ symbol() }}</dd>
        <dt>{{ 'detail.originalDate' | t }}</dt>
        <dd data-testid="register-date">{{ date() | vtDate }}</dd>
        <dt>{{ 'register.subject' | t }}</dt>
        <dd data-testid="register-subject">{{ doc.subject }}</dd>
      </dl>
      @if (failure(); as failure) {
        <vt-alert data-testid="register-error">{{ failure.message | localized }}</vt-alert>
        @if (duplicate()) {
          <p class="register__hint">{{ 'register.duplicateHint' | t }}</p>
        }
      }
    </mat-dialog-content>
    @if (busy()) {
      <mat-progress-bar mode="indeterminate" />
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      @if (duplicate()) {
        <button mat-flat-button type="button" (click)="submit(true)" [disabled]="busy()" data-testid="register-duplicate">{{ 'paper.registerAnyway' | t }}</button>
      } @else {
        <button mat-flat-button type="button" (click)="submit(false)" [disabled]="busy()" data-testid="register-confirm">{{ 'register.confirm' | t }}</button>
      }
    </mat-dialog-actions>
  `,
  styles: `
    .register {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(480px, 80vw);
    }
    .register__facts {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 16px;
      margin: 0;
    }
    .register__facts dt {
      font-weight: 500;
    }
    .register__facts dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    /* A phone: each fact under its name, the long subject on as many lines as it needs. */
    @media (max-width: 599.98px) {
      .register {
        min-width: 0;
      }
      .register__facts {
        grid-template-columns: minmax(0, 1fr);
        gap: 2px;
      }
      .register__facts dt {
        font: var(--mat-sys-label-medium);
        color: var(--mat-sys-on-surface-variant);
      }
      .register__facts dd {
        margin-bottom: 8px;
        color: var(--mat-sys-on-surface);
      }
    }
  `,
})
export class RegisterDialog {
  protected readonly data = inject<RegisterDialogData>(MAT_DIALOG_DATA);
  protected readonly doc = this.data.document;
  private readonly ref = inject<MatDialogRef<RegisterDialog, DocumentDetail>>(MatDialogRef);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;
  protected readonly duplicate = computed(() => this.failure()?.code === ErrorCode.IncomingDuplicate);
  protected readonly symbol = computed(
    () => this.doc.originalSymbol ?? this.doc.symbol ?? (this.doc.number !== null ? formatRegisterNumber(this.doc.number) : ''),
  );
  protected readonly date = computed(() => this.doc.originalDate ?? this.doc.issuedAt);

  protected async submit(acceptDuplicate: boolean): Promise<void> {
    await this.submission.run(
      () => this.data.run(acceptDuplicate),
      (result) => this.ref.close(result),
    );
  }
}
