import { ChangeDetectionStrategy, Component, computed, inject, input, OnInit, signal } from '@angular/core';
import { FormsModule, NgForm } from '@angular/forms';
import { Router } from '@angular/router';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Permission, RecordFileDetail, RecordFileStatus, RecordFileView } from '@vanthu/shared/contracts';
import { ApiFailure, LocalizedPipe, RecordsApi, SessionStore, toApiFailure, TranslatePipe, VtDatePipe } from '@vanthu/web/core';
import { Alert, vietnamToday } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/**
 * Hồ sơ: the organisation's file list for a year (danh mục hồ sơ), kept by the clerk; a file's
 * documents, which clerks and handlers add; closing a file and its archive export (.pdf, .xml).
 */
@Component({
  selector: 'vt-record-files-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDatePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './record-files.page.html',
  styleUrl: './record-files.page.scss',
})
export class RecordFilesPage implements OnInit {
  private readonly api = inject(RecordsApi);
  private readonly session = inject(SessionStore);
  private readonly router = inject(Router);

  /** The file opened by its address (/records/files/:id), e.g. from a reminder. */
  readonly id = input<string | undefined>(undefined);

  protected readonly year = signal(Number(vietnamToday().slice(0, 4)));
  protected readonly files = signal<RecordFileView[]>([]);
  protected readonly selected = signal<RecordFileDetail | null>(null);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly Closed = RecordFileStatus.Closed;

  /** Whether the user keeps the file list (the clerk). */
  protected readonly keepsList = computed(() => this.session.permissions().has(Permission.ManageRecordFiles));
  /** Whether the user may close the selected file: the clerk or its person in charge. */
  protected readonly mayClose = computed(() => {
    const file = this.selected();
    return !!file && file.status !== RecordFileStatus.Closed && (this.keepsList() || file.personInCharge?.id === this.session.user()?.id);
  });
  protected readonly mayExport = computed(() => {
    const file = this.selected();
    return !!file && file.status === RecordFileStatus.Closed && (this.keepsList() || file.personInCharge?.id === this.session.user()?.id);
  });

  protected readonly draft = { code: '', title: '', retentionYears: null as number | null, description: '' };
  protected documentId: number | null = null;

  async ngOnInit(): Promise<void> {
    await this.load();
    const id = Number(this.id());
    if (id) await this.select(id);
  }

  async load(): Promise<void> {
    await this.run(async () => this.files.set(await firstValueFrom(this.api.files(this.year()))));
  }

  async select(id: number): Promise<void> {
    await this.run(async () => {
      const file = await firstValueFrom(this.api.file(id));
      this.selected.set(file);
      if (file.year !== this.year()) {
        this.year.set(file.year);
        this.files.set(await firstValueFrom(this.api.files(file.year)));
      }
    });
    void this.router.navigate(['/records/files', id], { replaceUrl: true });
  }

  async create(form: NgForm): Promise<void> {
    await this.run(async () => {
      const created = await firstValueFrom(
        this.api.createFile({
          year: this.year(),
          code: this.draft.code,
          title: this.draft.title,
          retentionYears: this.draft.retentionYears || null,
          personInChargeId: this.session.user()?.id ?? null,
          description: this.draft.description || null,
        }),
      );
      Object.assign(this.draft, { code: '', title: '', retentionYears: null, description: '' });
      // A fresh form, not one showing its emptied required fields as errors.
      form.resetForm();
      this.files.set(await firstValueFrom(this.api.files(this.year())));
      this.selected.set(await firstValueFrom(this.api.file(created.id)));
    });
  }

  async addDocument(): Promise<void> {
    const file = this.selected();
    if (!file || !this.documentId) return;
    await this.run(async () => {
      this.selected.set(await firstValueFrom(this.api.addToFile(file.id, this.documentId as number)));
      this.documentId = null;
      await this.refreshList();
    });
  }

  async removeDocument(documentId: number): Promise<void> {
    const file = this.selected();
    if (!file) return;
    await this.run(async () => {
      this.selected.set(await firstValueFrom(this.api.removeFromFile(file.id, documentId)));
      await this.refreshList();
    });
  }

  async close(): Promise<void> {
    const file = this.selected();
    if (!file) return;
    await this.run(async () => {
      this.selected.set(await firstValueFrom(this.api.closeFile(file.id)));
      await this.refreshList();
    });
  }

  protected exportUrl(format: 'pdf' | 'xml'): string | null {
    const file = this.selected();
    return file ? this.api.fileExportUrl(file.id, format) : null;
  }

  private async refreshList(): Promise<void> {
    this.files.set(await firstValueFrom(this.api.files(this.year())));
  }

  private async run(work: () => Promise<void>): Promise<void> {
    this.loading.set(true);
    this.failure.set(null);
    try {
      await work();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }
}
