import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { DocumentDetail, ExternalDeliveryView, RecallKind, RecallRequest } from '@vanthu/shared/contracts';
import { LocalizedPipe, MessageKey, Submission, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';

export interface RecallDialogData {
  /** Whether the user signed the document: then it takes effect at once, else it waits for the signer. */
  direct: boolean;
  run: (request: RecallRequest) => Promise<DocumentDetail>;
  /** Recipients outside the installation that hold (or are about to get) the document: they get the matching edXML packet. */
  external: ExternalDeliveryView['recipient'][];
}

/** Thu hồi, cập nhật, thay thế: the kind, the reason and, for update and replace, the new dispatched document. */
@Component({
  selector: 'vt-recall-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'action.recall' | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content class="recall">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <p>{{ (data.direct ? 'recall.dialog.direct' : 'recall.dialog.approval') | t }}</p>
        @if (data.external.length) {
          <div data-testid="recall-external">
            <p>{{ 'recall.dialog.external' | t }}</p>
            <ul>
              @for (o of data.external; track o.id) {
                <li>{{ o.name }} ({{ o.identifierCode }})</li>
              }
            </ul>
          </div>
        }
        <mat-form-field>
          <mat-label>{{ 'recall.dialog.kind' | t }}</mat-label>
          <mat-select [formControl]="kind" data-testid="recall-kind" (selectionChange)="kindChanged()">
            @for (k of kinds; track k) {
              <mat-option [value]="k">{{ kindKey(k) | t }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        @if (needsReplacement()) {
          <mat-form-field>
            <mat-label>{{ 'recall.dialog.replacement' | t }}</mat-label>
            <input matInput type="number" min="1" [formControl]="replacement" required data-testid="recall-replacement" />
            <mat-hint>{{ 'recall.dialog.replacementHint' | t }}</mat-hint>
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>{{ 'dialog.reason' | t }}</mat-label>
          <textarea matInput rows="3" [formControl]="reason" required data-testid="recall-reason"></textarea>
          @if (reason.hasError('required')) {
            <mat-error>{{ 'dialog.noteRequired' | t }}</mat-error>
          }
        </mat-form-field>
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="recall-confirm">{{ (data.direct ? 'action.recall' : 'recall.dialog.ask') | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .recall {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(480px, 80vw);
    }
  `,
})
export class RecallDialog {
  protected readonly data = inject<RecallDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<RecallDialog, DocumentDetail>>(MatDialogRef);
  protected readonly kinds = Object.values(RecallKind);
  protected readonly kind = new FormControl(RecallKind.Revoke, { nonNullable: true });
  protected readonly reason = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly replacement = new FormControl<number | null>(null, { validators: [Validators.required, Validators.min(1)] });
  protected readonly needsReplacement = signal(false);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  protected kindKey(kind: RecallKind): MessageKey {
    return `recall.kind.${kind}` as MessageKey;
  }

  protected kindChanged(): void {
    this.needsReplacement.set(this.kind.value !== RecallKind.Revoke);
  }

  protected async submit(): Promise<void> {
    const needsReplacement = this.needsReplacement();
    if (this.reason.invalid || (needsReplacement && this.replacement.invalid)) {
      this.reason.markAsTouched();
      this.replacement.markAsTouched();
      return;
    }
    const request: RecallRequest = { kind: this.kind.value, reason: this.reason.value.trim() };
    if (needsReplacement && this.replacement.value) request.replacementDocumentId = Number(this.replacement.value);
    await this.submission.run(
      () => this.data.run(request),
      (result) => this.ref.close(result),
    );
  }
}
