import { ChangeDetectionStrategy, Component, inject, input, OnInit, signal } from '@angular/core';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router } from '@angular/router';
import { DocumentsApi, LocalizedPipe, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { ApiFailure } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/** Resolves `/documents/:id` (links in e-mails and notifications) to the incoming or outgoing detail page. */
@Component({
  selector: 'vt-document-link-page',
  imports: [MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (failure(); as failure) {
      <vt-alert data-testid="not-found">
        @if (failure.status === 404 || failure.status === 403) {
          {{ 'common.notFound' | t }}
        } @else {
          {{ failure.message | localized }}
        }
      </vt-alert>
    } @else {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="'common.loading' | t" />
    }
  `,
})
export class DocumentLinkPage implements OnInit {
  private readonly api = inject(DocumentsApi);
  private readonly router = inject(Router);

  /** The document id from the address. */
  readonly id = input.required<string>();
  protected readonly failure = signal<ApiFailure | null>(null);

  async ngOnInit(): Promise<void> {
    try {
      const detail = await firstValueFrom(this.api.get(Number(this.id())));
      await this.router.navigate([`/${detail.direction}`, detail.id], { replaceUrl: true });
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
