import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { Router } from '@angular/router';
import {
  ALL_DOCUMENT_TYPES,
  ALL_SECURITY_LEVELS,
  ALL_URGENCIES,
  DOCUMENT_TYPES,
  DocumentType,
  ErrorCode,
  SECURITY_LEVEL_LABELS,
  SecurityLevel,
  Urgency,
  URGENCY_LABELS,
} from '@vanthu/shared/contracts';
import { ApiFailure, I18n, IncomingApi, LocalizedPipe, toApiFailure, TranslatePipe, WorkCountsStore } from '@vanthu/web/core';
import { Alert, fromIsoDay, toIsoDay, vietnamToday, VT_DATEPICKER } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/** The clerk registers an incoming document that came on paper or from another system. */
@Component({
  selector: 'vt-paper-register-page',
  imports: [ReactiveFormsModule, MatButtonModule, ...VT_DATEPICKER, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="paper">
      <h1>{{ 'paper.title' | t }}</h1>
      <form [formGroup]="form" (ngSubmit)="save()" novalidate>
        @if (failure(); as failure) {
          <vt-alert>
            <div>{{ failure.message | localized }}</div>
            @for (fieldError of failure.fieldErrors; track fieldError.field) {
              <div>{{ fieldError.message | localized }}</div>
            }
            @if (failure.code === duplicateCode) {
              <button mat-stroked-button type="button" data-testid="register-duplicate" (click)="save(true)" [disabled]="saving()">{{ 'paper.registerAnyway' | t }}</button>
            }
          </vt-alert>
        }
        <div class="paper__row">
          <mat-form-field>
            <mat-label>{{ 'draft.type' | t }}</mat-label>
            <mat-select formControlName="type">
              @for (type of types; track type) {
                <mat-option [value]="type">{{ typeLabels[type].name | localized }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'draft.urgency' | t }}</mat-label>
            <mat-select formControlName="urgency">
              @for (urgency of urgencies; track urgency) {
                <mat-option [value]="urgency">{{ urgencyLabels[urgency] | localized }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'draft.security' | t }}</mat-label>
            <mat-select formControlName="securityLevel">
              @for (level of levels; track level) {
                <mat-option [value]="level">{{ levelLabels[level] | localized }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
        @if (classified()) {
          <div class="paper__classified" role="note">
            <mat-icon svgIcon="lock" aria-hidden="true" />
            <div>
              <strong>{{ 'draft.classifiedTitle' | t }}</strong>
              <p>{{ 'draft.classifiedBody' | t: { level: classifiedLabel() } }}</p>
            </div>
          </div>
        }
        <mat-form-field class="paper__full">
          <mat-label>{{ 'draft.subject' | t }}</mat-label>
          <textarea matInput rows="2" formControlName="subject" required></textarea>
          @if (form.controls.subject.hasError('required')) {
            <mat-error>{{ 'common.required' | t }}</mat-error>
          }
        </mat-form-field>
        <div class="paper__row">
          <mat-form-field>
            <mat-label>{{ 'paper.sender' | t }}</mat-label>
            <input matInput formControlName="senderName" required />
            @if (form.controls.senderName.hasError('required')) {
              <mat-error>{{ 'common.required' | t }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'paper.originalSymbol' | t }}</mat-label>
            <input matInput formControlName="originalSymbol" required />
            @if (form.controls.originalSymbol.hasError('required')) {
              <mat-error>{{ 'common.required' | t }}</mat-error>
            }
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'paper.originalDate' | t }}</mat-label>
            <input matInput [matDatepicker]="originalPicker" formControlName="originalDate" [max]="today" required />
            <mat-hint>{{ 'common.dateHint' | t }}</mat-hint>
            <mat-datepicker-toggle matIconSuffix [for]="originalPicker" />
            <mat-datepicker #originalPicker />
            @if (form.controls.originalDate.hasError('required')) {
              <mat-error>{{ 'common.required' | t }}</mat-error>
            }
          </mat-form-field>
        </div>
        @if (!classified()) {
          <p class="paper__hint">{{ 'paper.fileHint' | t }}</p>
        }
        @if (saving()) {
          <mat-progress-bar mode="indeterminate" />
        }
        <button mat-flat-button type="submit" [disabled]="saving()">{{ 'paper.save' | t }}</button>
      </form>
    </section>
  `,
  styles: `
    .paper {
      max-width: 1000px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0 0 16px;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 8px;
      align-items: stretch;
    }
    form > button {
      align-self: flex-start;
    }
    .paper__row {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .paper__row mat-form-field {
      flex: 1 1 220px;
    }
    .paper__full {
      width: 100%;
    }
    .paper__classified {
      display: flex;
      gap: 12px;
      padding: 12px 16px;
      border-radius: 12px;
      background: #fde7e9;
      color: #8c1d18;
    }
    .paper__classified p {
      margin: 4px 0 0;
    }
    .paper__hint {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
  `,
})
export class PaperRegisterPage {
  private readonly api = inject(IncomingApi);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly workCounts = inject(WorkCountsStore);

  protected readonly types = ALL_DOCUMENT_TYPES;
  protected readonly typeLabels = DOCUMENT_TYPES;
  protected readonly urgencies = ALL_URGENCIES;
  protected readonly urgencyLabels = URGENCY_LABELS;
  protected readonly levels = ALL_SECURITY_LEVELS;
  protected readonly levelLabels = SECURITY_LEVEL_LABELS;
  protected readonly today = fromIsoDay(vietnamToday());

  protected readonly form = inject(FormBuilder).nonNullable.group({
    type: [DocumentType.OfficialLetter as DocumentType],
    subject: ['', Validators.required],
    urgency: [Urgency.Normal as Urgency],
    securityLevel: [SecurityLevel.Normal as SecurityLevel],
    senderName: ['', Validators.required],
    originalSymbol: ['', Validators.required],
    originalDate: [null as Date | null, Validators.required],
  });
  private readonly level = toSignal(this.form.controls.securityLevel.valueChanges, { initialValue: SecurityLevel.Normal });
  protected readonly classified = computed(() => this.level() !== SecurityLevel.Normal);
  protected readonly classifiedLabel = computed(() => this.i18n.text(SECURITY_LEVEL_LABELS[this.level()]));
  protected readonly saving = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);

  /** The duplicate warning (same number, symbol, issuer and year already registered): the clerk may confirm. */
  protected readonly duplicateCode = ErrorCode.IncomingDuplicate;

  protected async save(acceptDuplicate = false): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.saving.set(true);
    this.failure.set(null);
    try {
      const doc = await firstValueFrom(
        this.api.registerPaper({ ...value, originalDate: toIsoDay(value.originalDate), subject: value.subject.trim(), senderName: value.senderName.trim(), originalSymbol: value.originalSymbol.trim(), ...(acceptDuplicate ? { acceptDuplicate } : {}) }),
      );
      void this.workCounts.refresh();
      await this.router.navigate(['/incoming', doc.id]);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.saving.set(false);
    }
  }
}
