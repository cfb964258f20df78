import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatListModule } from '@angular/material/list';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentDetail, ExternalOrganisationDto, OrganisationDto } from '@vanthu/shared/contracts';
import { ExchangeApi, LocalizedPipe, OutgoingApi, Submission, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert, OrgTreePicker } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { Directory } from '../directory';

export interface DispatchDialogData {
  document: DocumentDetail;
}

/** The clerk sends the issued document to its recipients (the draft's, changeable; all communes in one click). */
@Component({
  selector: 'vt-dispatch-dialog',
  imports: [MatButtonModule, MatDialogModule, MatListModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert, OrgTreePicker],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'dispatch.title' | t }}</h2>
    <mat-dialog-content class="form">
      <p class="subject">{{ data.document.symbol }} — {{ data.document.subject }}</p>
      @if (failure(); as failure) {
        <vt-alert data-testid="dispatch-error">{{ failure.message | localized }}</vt-alert>
      }
      <h3>{{ 'dispatch.recipients' | t }}</h3>
      <vt-org-tree-picker [organisations]="organisations()" [(selected)]="recipients" [excludeIds]="[data.document.organisation.id]" />
      <h3>{{ 'exchange.dispatch.external' | t }}</h3>
      @if (externals().length) {
        <mat-selection-list (selectionChange)="externalRecipients.set($event.source.selectedOptions.selected.map(o => o.value))" data-testid="external-recipients">
          @for (o of externals(); track o.id) {
            <mat-list-option [value]="o.id" togglePosition="before">{{ o.name }} · {{ o.identifierCode }}</mat-list-option>
          }
        </mat-selection-list>
      } @else {
        <p class="muted">{{ 'exchange.dispatch.noExternal' | t }}</p>
      }
    </mat-dialog-content>
    @if (busy()) {
      <div class="working" role="status">
        <span>{{ 'dispatch.working' | t }}</span>
        <mat-progress-bar mode="indeterminate" />
      </div>
    }
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
      <button mat-flat-button type="button" (click)="submit()" [disabled]="busy() || recipients().length + externalRecipients().length === 0" data-testid="dispatch-confirm">
        {{ 'dispatch.confirm' | t: { count: recipients().length + externalRecipients().length } }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .form {
      min-width: min(560px, 84vw);
    }
    .subject {
      margin: 0 0 8px;
      font: var(--mat-sys-body-large);
    }
    h3 {
      font: var(--mat-sys-title-small);
      margin: 8px 0;
    }
    .muted {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .working {
      padding: 0 24px;
      font: var(--mat-sys-body-small);
    }
  `,
})
export class DispatchDialog implements OnInit {
  protected readonly data = inject<DispatchDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DispatchDialog, DocumentDetail>>(MatDialogRef);
  private readonly api = inject(OutgoingApi);
  private readonly directory = inject(Directory);
  private readonly exchange = inject(ExchangeApi);
  protected readonly externals = signal<ExternalOrganisationDto[]>([]);
  protected readonly externalRecipients = signal<number[]>([]);
  protected readonly organisations = signal<OrganisationDto[]>([]);
  protected readonly recipients = signal<number[]>(this.data.document.recipients.map((r) => r.id));
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  async ngOnInit(): Promise<void> {
    try {
      this.organisations.set(await this.directory.organisations());
      this.externals.set(await firstValueFrom(this.exchange.organisations()));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async submit(): Promise<void> {
    await this.submission.run(
      () => firstValueFrom(this.api.dispatch(this.data.document.id, { recipientIds: this.recipients(), externalRecipientIds: this.externalRecipients() })),
      (dispatched) => this.ref.close(dispatched),
    );
  }
}
