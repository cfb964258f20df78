import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { DocumentDetail, SubmitToLeaderRequest, UserDto } from '@vanthu/shared/contracts';
import { LocalizedPipe, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { Directory } from '../directory';

export interface SubmitLeaderDialogData {
  document: DocumentDetail;
  run: (request: SubmitToLeaderRequest) => Promise<DocumentDetail>;
}

/** The clerk submits a registered incoming document to a leader of the organisation. */
@Component({
  selector: 'vt-submit-leader-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'action.submit' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="form">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <mat-form-field>
          <mat-label>{{ 'dialog.leader' | t }}</mat-label>
          <mat-select formControlName="leaderId" required data-testid="leader-select">
            @for (leader of leaders(); track leader.id) {
              <mat-option [value]="leader.id">{{ leader.fullName }} — {{ leader.position }}</mat-option>
            }
          </mat-select>
          @if (form.controls.leaderId.hasError('required')) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'dialog.note' | t }}</mat-label>
          <textarea matInput rows="3" formControlName="note"></textarea>
        </mat-form-field>
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="submit-leader-confirm">{{ 'action.submit' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(460px, 80vw);
    }
  `,
})
export class SubmitLeaderDialog implements OnInit {
  private readonly data = inject<SubmitLeaderDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SubmitLeaderDialog, DocumentDetail>>(MatDialogRef);
  private readonly directory = inject(Directory);
  protected readonly form = inject(FormBuilder).group({
    leaderId: [null as number | null, Validators.required],
    note: [''],
  });
  protected readonly leaders = signal<UserDto[]>([]);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  async ngOnInit(): Promise<void> {
    try {
      const leaders = await this.directory.leadersOf([this.data.document.organisation.id]);
      this.leaders.set(leaders);
      if (leaders.length === 1) this.form.controls.leaderId.setValue(leaders[0].id);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { leaderId, note } = this.form.getRawValue();
    await this.submission.run(
      () => this.data.run({ leaderId: leaderId as number, note: note?.trim() || undefined }),
      (result) => this.ref.close(result),
    );
  }
}
