import { HttpEvent, HttpEventType } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentFileView } from '@vanthu/shared/contracts';
import { ApiFailure, I18n, LocalizedPipe, localize, MessageKey, toApiFailure } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { Observable } from 'rxjs';

/** A "choose a PDF" button that uploads at once, with a progress bar and the server's refusal in words. */
@Component({
  selector: 'vt-file-uploader',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <input #picker type="file" accept="application/pdf,.pdf" hidden (change)="picked(picker)" [attr.data-testid]="testId()" />
    <button mat-stroked-button type="button" (click)="picker.click()" [disabled]="progress() !== null">
      <mat-icon svgIcon="upload" />{{ i18n.t(label()) }}
    </button>
    @if (progress() !== null) {
      <div class="uploader__progress" role="status">
        <span>{{ i18n.t('common.uploading', { name: fileName(), percent: progress() ?? 0 }) }}</span>
        <mat-progress-bar mode="determinate" [value]="progress()" />
      </div>
    }
    @if (failure(); as failure) {
      <vt-alert class="uploader__error">{{ failure.message | localized }}</vt-alert>
    }
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: flex-start;
    }
    .uploader__progress {
      width: 100%;
      max-width: 420px;
      font: var(--mat-sys-body-small);
    }
    .uploader__error {
      width: 100%;
      box-sizing: border-box;
    }
  `,
})
export class FileUploader {
  protected readonly i18n = inject(I18n);

  /** The button's text. */
  readonly label = input.required<MessageKey>();
  /** Starts the upload of a file (HttpClient with reportProgress). */
  readonly upload = input.required<(file: File) => Observable<HttpEvent<DocumentFileView>>>();
  readonly testId = input('file-input');
  /** The stored file, once the server has it. */
  readonly uploaded = output<DocumentFileView>();

  protected readonly progress = signal<number | null>(null);
  protected readonly fileName = signal('');
  protected readonly failure = signal<ApiFailure | null>(null);

  protected picked(picker: HTMLInputElement): void {
    const file = picker.files?.[0];
    picker.value = '';
    if (!file) return;
    this.failure.set(null);
    if (file.type && file.type !== 'application/pdf' && !file.name.toLowerCase().endsWith('.pdf')) {
      this.failure.set({ status: 0, code: 'NOT_PDF', message: localize('draft.notPdf'), fieldErrors: [] });
      return;
    }
    this.fileName.set(file.name);
    this.progress.set(0);
    this.upload()(file).subscribe({
      next: (event) => {
        if (event.type === HttpEventType.UploadProgress) {
          this.progress.set(event.total ? Math.round((100 * event.loaded) / event.total) : 50);
        } else if (event.type === HttpEventType.Response && event.body) {
          this.progress.set(null);
          this.uploaded.emit(event.body);
        }
      },
      error: (error: unknown) => {
        this.progress.set(null);
        this.failure.set(toApiFailure(error));
      },
    });
  }
}
