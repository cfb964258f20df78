import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatRadioModule } from '@angular/material/radio';
import { RecordFileDetail, RecordFileStatus, RecordFileView } from '@vanthu/shared/contracts';
import { LocalizedPipe, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';

export interface FileDocumentDialogData {
  /** The document being filed, as its page shows it ("12/UBND-VP: Kế hoạch …"). */
  documentName: string;
  /** The year whose file list (danh mục hồ sơ) is shown first. */
  year: number;
  /** The organisation's files of a year. */
  files: (year: number) => Promise<RecordFileView[]>;
  /** Adds the document to the chosen file. */
  run: (fileId: number) => Promise<RecordFileDetail>;
}

/**
 * Thêm vào hồ sơ: the open files (hồ sơ đang lập) of the year's file list, one to pick; the
 * document is added to it. Closed files take no more documents, so they are not offered.
 */
@Component({
  selector: 'vt-file-document-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, MatRadioModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'files.addTitle' | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content class="file-document">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <p class="file-document__name">{{ data.documentName }}</p>
        <mat-form-field class="file-document__year">
          <mat-label>{{ 'files.year' | t }}</mat-label>
          <input matInput type="number" min="2000" max="2100" [formControl]="year" (change)="load()" data-testid="file-document-year" />
        </mat-form-field>
        @if (loading()) {
          <mat-progress-bar mode="indeterminate" />
        } @else if (!files().length) {
          <p data-testid="file-document-none">{{ 'files.noOpen' | t: { year: shownYear() } }}</p>
        } @else {
          <mat-radio-group class="file-document__list" [formControl]="fileId" [attr.aria-label]="'files.list' | t: { year: shownYear() }" data-testid="file-document-list">
            @for (f of files(); track f.id) {
              <mat-radio-button [value]="f.id" [attr.data-testid]="'file-option-' + f.id">
                <span class="file-document__code">{{ f.code }}</span> {{ f.title }}
                <span class="file-document__count">({{ 'files.documentsIn' | t: { count: f.documentCount } }})</span>
              </mat-radio-button>
            }
          </mat-radio-group>
          @if (fileId.touched && fileId.invalid) {
            <p class="file-document__error" role="alert">{{ 'files.pick' | t }}</p>
          }
        }
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || loading() || !files().length" data-testid="file-document-confirm">{{ 'files.addDocument' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .file-document {
      display: flex;
      flex-direction: column;
      gap: 8px;
      min-width: min(520px, 80vw);
    }
    .file-document__name {
      font-weight: 500;
      margin: 0;
    }
    .file-document__year {
      max-width: 160px;
    }
    .file-document__list {
      display: flex;
      flex-direction: column;
      gap: 4px;
    }
    .file-document__code {
      font-weight: 500;
    }
    .file-document__count {
      color: var(--mat-sys-on-surface-variant);
    }
    .file-document__error {
      color: var(--mat-sys-error);
      margin: 0;
    }
  `,
})
export class FileDocumentDialog implements OnInit {
  protected readonly data = inject<FileDocumentDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<FileDocumentDialog, RecordFileDetail>>(MatDialogRef);
  protected readonly year = new FormControl<number>(this.data.year, { nonNullable: true });
  protected readonly fileId = new FormControl<number | null>(null, { validators: [Validators.required] });
  protected readonly files = signal<RecordFileView[]>([]);
  protected readonly shownYear = signal(this.data.year);
  protected readonly loading = signal(true);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  ngOnInit(): void {
    void this.load();
  }

  /** The open files of the chosen year; the only one is chosen at once. */
  protected async load(): Promise<void> {
    const year = Number(this.year.value);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) return;
    this.loading.set(true);
    this.submission.failure.set(null);
    try {
      const open = (await this.data.files(year)).filter((f) => f.status === RecordFileStatus.Open);
      this.files.set(open);
      this.shownYear.set(year);
      this.fileId.reset(open.length === 1 ? open[0].id : null);
    } catch (error) {
      this.files.set([]);
      this.submission.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  protected async submit(): Promise<void> {
    const id = this.fileId.value;
    if (id === null) {
      this.fileId.markAsTouched();
      return;
    }
    await this.submission.run(
      () => this.data.run(id),
      (result) => this.ref.close(result),
    );
  }
}
