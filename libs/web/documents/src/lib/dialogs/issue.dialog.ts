import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { DocumentDetail, IssuePreview } from '@vanthu/shared/contracts';
import { formatDate, formatNumberAndSymbol } from '@vanthu/shared/domain';
import { CredentialsApi, I18n, LocalizedPipe, OutgoingApi, pinSaver, SessionStore, Submission, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert, asDay, PinForm } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

export interface IssueDialogData {
  document: DocumentDetail;
}

/**
 * The clerk numbers and seals a signed document: the next number and symbol from the register
 * are shown before confirming, then the organisation's seal PIN applies its signature.
 */
@Component({
  selector: 'vt-issue-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert, PinForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'issue.title' | t }}</h2>
    <form (submit)="$event.preventDefault(); submit()" novalidate>
      <mat-dialog-content class="form">
        <p class="subject">{{ data.document.subject }}</p>
        @if (preview(); as preview) {
          <div class="preview" data-testid="issue-preview">
            <span class="preview__label">{{ 'issue.preview' | t }}</span>
            <span class="preview__symbol">{{ numberAndSymbol() }}</span>
            <span>{{ 'issue.register' | t: { year: preview.registerYear } }} · {{ 'issue.date' | t: { date: issueDate() } }}</span>
            <span class="preview__note">{{ 'issue.previewNote' | t }}</span>
          </div>
        } @else if (!failure()) {
          <mat-progress-bar mode="indeterminate" />
        }
        @if (failure(); as failure) {
          <vt-alert data-testid="issue-error">{{ failure.message | localized }}</vt-alert>
        }
        @if (preview()?.seal; as seal) {
          @if (seal.awaitingPin) {
            @if (choosingPin() && sealPinSave(); as save) {
              <vt-pin-form [keyName]="data.document.organisation.name" [save]="save" (saved)="sealPinChosen()" (cancelled)="choosingPin.set(false)" />
            } @else {
              <p class="note" role="note" data-testid="seal-awaiting-pin">{{ 'issue.sealAwaitingPin' | t }}</p>
              @if (keepsSeal()) {
                <button mat-stroked-button type="button" (click)="choosingPin.set(true)" data-testid="seal-set-pin">{{ 'sign.setPin' | t }}</button>
              }
            }
          } @else if (seal.lockedUntil) {
            <p class="note" role="note" data-testid="seal-locked">{{ 'issue.sealLocked' | t: { until: (seal.lockedUntil | vtDateTime) } }}</p>
          }
        }
        @if (!classified()) {
          <mat-form-field>
            <mat-label>{{ 'issue.pin' | t }}</mat-label>
            <input matInput type="password" [formControl]="pin" autocomplete="off" required data-testid="seal-pin" />
            @if (pin.hasError('required')) {
              <mat-error>{{ 'sign.pinRequired' | t }}</mat-error>
            }
          </mat-form-field>
        }
      </mat-dialog-content>
      @if (busy()) {
        <div class="working" role="status">
          <span>{{ 'issue.working' | t }}</span>
          <mat-progress-bar mode="indeterminate" />
        </div>
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || !preview()" data-testid="issue-confirm">{{ 'issue.confirm' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 12px;
      min-width: min(480px, 80vw);
    }
    .subject {
      margin: 0;
      font: var(--mat-sys-body-large);
    }
    .preview {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 12px 16px;
      border-radius: 8px;
      background: var(--mat-sys-primary-container);
      color: var(--mat-sys-on-primary-container);
    }
    .preview__label {
      font: var(--mat-sys-label-medium);
    }
    .preview__symbol {
      font: var(--mat-sys-headline-small);
      font-weight: 700;
    }
    .preview__note {
      font: var(--mat-sys-body-small);
    }
    .working {
      padding: 0 24px;
      font: var(--mat-sys-body-small);
    }
    .note {
      margin: 0;
      color: #8a5a00;
      font: var(--mat-sys-body-medium);
    }
  `,
})
export class IssueDialog implements OnInit {
  protected readonly data = inject<IssueDialogData>(MAT_DIALOG_DATA);
  private readonly i18n = inject(I18n);
  private readonly ref = inject<MatDialogRef<IssueDialog, DocumentDetail>>(MatDialogRef);
  private readonly api = inject(OutgoingApi);
  private readonly credentials = inject(CredentialsApi);
  private readonly session = inject(SessionStore);
  protected readonly pin = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly preview = signal<IssuePreview | null>(null);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;

  protected classified(): boolean {
    return this.data.document.securityLevel !== 'thuong';
  }

  async ngOnInit(): Promise<void> {
    if (this.classified()) this.pin.disable();
    try {
      this.preview.set(await firstValueFrom(this.api.issuePreview(this.data.document.id)));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  /** Whether the user keeps the seal of the document's organisation (its clerk): then they choose its PIN. */
  protected keepsSeal(): boolean {
    return this.session.user()?.organisation.id === this.data.document.organisation.id;
  }

  protected readonly choosingPin = signal(false);
  protected readonly sealPinSave = computed(() => {
    const seal = this.preview()?.seal;
    return seal ? pinSaver(this.credentials, seal.credentialId) : null;
  });

  protected async sealPinChosen(): Promise<void> {
    this.choosingPin.set(false);
    this.preview.set(await firstValueFrom(this.api.issuePreview(this.data.document.id)));
  }

  protected numberAndSymbol(): string {
    const preview = this.preview();
    if (!preview) return '';
    // The API sends the full "27/KH-UBND"; a bare "KH-UBND" gets its number in front.
    const symbol = /^\d+\//.test(preview.symbol) ? preview.symbol : formatNumberAndSymbol(preview.number, preview.symbol);
    return this.i18n.t('issue.number', { symbol });
  }

  protected issueDate(): string {
    const preview = this.preview();
    return preview ? formatDate(asDay(preview.issueDate)) : '';
  }

  protected async submit(): Promise<void> {
    if (this.pin.enabled && this.pin.invalid) {
      this.pin.markAsTouched();
      return;
    }
    await this.submission.run(
      () => firstValueFrom(this.api.issue(this.data.document.id, { pin: this.pin.value })),
      (issued) => this.ref.close(issued),
    );
  }
}
