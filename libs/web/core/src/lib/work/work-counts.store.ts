import { DestroyRef, inject, Injectable, signal } from '@angular/core';
import { WorkCounts } from '@vanthu/shared/contracts';
import { firstValueFrom } from 'rxjs';
import { DocumentsApi } from '../api/routing-api';

/** How often the counts refresh when nothing else (a notification, an action) asked for it. */
export const WORK_COUNTS_REFRESH_MS = 60_000;

/**
 * What waits for the current user (GET /api/documents/counts), shared by the home page and the
 * navigation badges. Screens call {@link refresh} after an action; the shell starts polling.
 */
@Injectable({ providedIn: 'root' })
export class WorkCountsStore {
  private readonly api = inject(DocumentsApi);
  private readonly current = signal<WorkCounts | null>(null);
  private readonly failed = signal(false);
  private timer: ReturnType<typeof setInterval> | null = null;

  /** The latest counts; null until the first answer. */
  readonly counts = this.current.asReadonly();
  /** Whether the last refresh failed (the old counts stay shown). */
  readonly unavailable = this.failed.asReadonly();

  async refresh(): Promise<void> {
    try {
      this.current.set(await firstValueFrom(this.api.counts()));
      this.failed.set(false);
    } catch {
      // The counts are a convenience: a failure keeps the last ones, and the lists still work.
      this.failed.set(true);
    }
  }

  /** Refreshes now and every {@link WORK_COUNTS_REFRESH_MS} until `destroyRef` ends. */
  startPolling(destroyRef: DestroyRef): void {
    void this.refresh();
    if (this.timer) return;
    this.timer = setInterval(() => void this.refresh(), WORK_COUNTS_REFRESH_MS);
    destroyRef.onDestroy(() => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    });
  }

  clear(): void {
    this.current.set(null);
  }
}
