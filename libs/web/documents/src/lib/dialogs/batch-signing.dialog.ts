import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentSummary, SignBatchResponse } from '@vanthu/shared/contracts';
import { ApiFailure, I18n, LocalizedPipe, OutgoingApi, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

export interface BatchSigningDialogData {
  /** The documents waiting for the leader's signature, in the queue's order. */
  documents: DocumentSummary[];
}

/**
 * "Ký tất cả": one PIN for every document in the queue, each signed at its proposed place in a
 * transaction of its own; the answer lists what was signed and why the others were not.
 */
@Component({
  selector: 'vt-batch-signing-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'sign.batch.title' | t }}</h2>
    <mat-dialog-content class="batch">
      @if (result(); as result) {
        <p class="batch__summary" role="status" data-testid="batch-summary">{{ 'sign.batch.summary' | t: { signed: result.signed, refused: result.refused } }}</p>
        <ul class="batch__list">
          @for (item of result.items; track item.documentId) {
            <li class="batch__item" [attr.data-document]="item.documentId" [attr.data-status]="item.status">
              <mat-icon [svgIcon]="item.status === 'signed' ? 'check' : 'error'" [class.batch__ok]="item.status === 'signed'" [class.batch__bad]="item.status !== 'signed'" aria-hidden="true" />
              <div>
                <div class="batch__subject">{{ subjectOf(item.documentId, item.subject) }}</div>
                <div class="batch__status">
                  {{ (item.status === 'signed' ? 'sign.batch.signed' : 'sign.batch.refused') | t }}
                  @if (item.error; as error) {
                    — {{ error.message | localized }}
                  }
                </div>
              </div>
            </li>
          }
        </ul>
      } @else {
        <p>{{ 'sign.batch.intro' | t: { count: data.documents.length } }}</p>
        <ul class="batch__list">
          @for (doc of data.documents; track doc.id) {
            <li class="batch__item"><span class="batch__subject">{{ doc.subject }}</span></li>
          }
        </ul>
        @if (failure(); as failure) {
          <vt-alert data-testid="batch-error">{{ failure.message | localized }}</vt-alert>
        }
        <form (submit)="$event.preventDefault(); sign()" novalidate class="batch__pin">
          <mat-form-field>
            <mat-label>{{ 'sign.pin' | t }}</mat-label>
            <input matInput type="password" [formControl]="pin" autocomplete="off" required data-testid="batch-pin" />
            @if (pin.hasError('required')) {
              <mat-error>{{ 'sign.pinRequired' | t }}</mat-error>
            }
          </mat-form-field>
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="batch-confirm">{{ 'sign.batch.confirm' | t: { count: data.documents.length } }}</button>
        </form>
      }
    </mat-dialog-content>
    @if (busy()) {
      <div class="batch__working" role="status">
        <span>{{ 'sign.batch.working' | t: { count: data.documents.length } }}</span>
        <mat-progress-bar mode="indeterminate" />
      </div>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" (click)="close()" [disabled]="busy()" data-testid="batch-close">{{ (result() ? 'sign.finish' : 'common.cancel') | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .batch {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(520px, 80vw);
    }
    .batch__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 6px;
      max-height: 40vh;
      overflow: auto;
    }
    .batch__item {
      display: flex;
      gap: 8px;
      align-items: flex-start;
      padding: 6px 8px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .batch__subject {
      font: var(--mat-sys-body-medium);
    }
    .batch__status {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .batch__ok {
      color: #1b6e20;
    }
    .batch__bad {
      color: #b3261e;
    }
    .batch__summary {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .batch__pin {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: baseline;
    }
    .batch__working {
      padding: 0 24px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class BatchSigningDialog {
  protected readonly data = inject<BatchSigningDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<BatchSigningDialog, SignBatchResponse | null>>(MatDialogRef);
  private readonly api = inject(OutgoingApi);
  private readonly i18n = inject(I18n);
  protected readonly pin = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly busy = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly result = signal<SignBatchResponse | null>(null);

  protected subjectOf(id: number, subject: string | null): string {
    return subject ?? this.data.documents.find((d) => d.id === id)?.subject ?? this.i18n.t('sign.batch.unknown', { id });
  }

  protected async sign(): Promise<void> {
    if (this.busy()) return;
    if (this.pin.invalid) {
      this.pin.markAsTouched();
      return;
    }
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.result.set(await firstValueFrom(this.api.signBatch({ documentIds: this.data.documents.map((d) => d.id), pin: this.pin.value })));
      this.pin.reset();
    } catch (error) {
      // A wrong PIN (counted once), a locked key, a key without PIN: nothing was signed.
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected close(): void {
    this.ref.close(this.result());
  }
}
