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

export interface NoteDialogData {
  title: MessageKey;
  label: MessageKey;
  confirm: MessageKey;
  required: boolean;
  /** Sends the text; the dialog stays open with the text kept when it fails. */
  run: (text: string) => Promise<DocumentDetail>;
}

/** One text (a comment, a progress note, a reason) and the request that carries it. Closes with the updated document. */
@Component({
  selector: 'vt-note-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ data.title | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content class="note">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <mat-form-field>
          <mat-label>{{ data.label | t }}</mat-label>
          <textarea matInput rows="4" [formControl]="text" [required]="data.required" data-testid="note-text"></textarea>
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
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="note-confirm">{{ data.confirm | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .note {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(480px, 80vw);
    }
  `,
})
export class NoteDialog {
  protected readonly data = inject<NoteDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<NoteDialog, DocumentDetail>>(MatDialogRef);
  protected readonly text = new FormControl('', { nonNullable: true, validators: this.data.required ? [Validators.required] : [] });
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  protected async submit(): Promise<void> {
    if (this.text.invalid) {
      this.text.markAsTouched();
      return;
    }
    await this.submission.run(
      () => this.data.run(this.text.value.trim()),
      (result) => this.ref.close(result),
    );
  }
}
