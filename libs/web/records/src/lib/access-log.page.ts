import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { FileAccessAction, FileAccessView } from '@vanthu/shared/contracts';
import { ApiFailure, LocalizedPipe, RecordsApi, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/** Nhật ký truy cập: who opened, downloaded or printed which file, when and from where. */
@Component({
  selector: 'vt-access-log-page',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './access-log.page.html',
  styleUrl: './record-files.page.scss',
})
export class AccessLogPage implements OnInit {
  private readonly api = inject(RecordsApi);

  protected readonly entries = signal<FileAccessView[]>([]);
  protected readonly total = signal(0);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected documentId: number | null = null;
  protected readonly actionKeys = {
    [FileAccessAction.View]: 'access.view',
    [FileAccessAction.Download]: 'access.download',
    [FileAccessAction.Print]: 'access.print',
    [FileAccessAction.Copy]: 'access.copy',
  } as const;

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  async load(): Promise<void> {
    this.loading.set(true);
    this.failure.set(null);
    try {
      const page = await firstValueFrom(this.api.accessLog({ documentId: this.documentId || undefined, pageSize: 100 }));
      this.entries.set(page.items);
      this.total.set(page.total);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }
}
