import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentDetail } from '@vanthu/shared/contracts';
import { LocalizedPipe, MessageKey, Submission, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';

export interface ReasonDialogData {
  title: MessageKey;
  hint: MessageKey;
  confirm: MessageKey;
  subject: string;
  /** Sends the reason; the dialog stays open with the text kept when it fails. */
  run: (reason: string) => Promise<DocumentDetail>;
}

/** A reason the sender will read (a refusal, 02; a refused take-back, 16). Closes with the updated document. */
@Component({
  selector: 'vt-reason-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content class="reason">
        <p class="subject">{{ data.subject }}</p>
        <p class="hint">{{ data.hint | t }}</p>
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <mat-form-field>
          <mat-label>{{ 'exchange.reason' | t }}</mat-label>
          <textarea matInput rows="4" [formControl]="text" required data-testid="reason-text"></textarea>
          @if (text.hasError('required')) {
            <mat-error>{{ 'dialog.noteRequired' | t }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="reason-confirm">{{ data.confirm | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .reason {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(480px, 80vw);
    }
    .subject {
      margin: 0;
      font: var(--mat-sys-body-large);
    }
    .hint {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class ReasonDialog {
  protected readonly data = inject<ReasonDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ReasonDialog, DocumentDetail>>(MatDialogRef);
  protected readonly text = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  protected async submit(): Promise<void> {
    this.text.markAsTouched();
    if (!this.text.value.trim()) {
      this.text.setErrors({ required: true });
      return;
    }
    await this.submission.run(
      () => this.data.run(this.text.value.trim()),
      (document) => this.ref.close(document),
    );
  }
}
