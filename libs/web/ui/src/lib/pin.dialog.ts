import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { LocalizedText, SetPinRequest } from '@vanthu/shared/contracts';
import { LocalizedPipe, TranslatePipe } from '@vanthu/web/i18n';

import { Alert } from './alert';

export interface PinDialogData {
  /** The key as people know it: "Nguyễn Văn Hùng", "UBND huyện Tuy Đức". */
  keyName: string;
  /** Whether the key has a PIN already (then the current one is asked for). */
  hasPin: boolean;
  /** Saves the PIN; resolves to null when saved, or to the refusal's message (a wrong current PIN, a lock). */
  save: (request: SetPinRequest) => Promise<LocalizedText | null>;
}

function sameNewPin(group: AbstractControl): ValidationErrors | null {
  const { newPin, repeat } = group.value as { newPin: string; repeat: string };
  return repeat && newPin !== repeat ? { mismatch: true } : null;
}

/**
 * The owner chooses the PIN of their signing key (or changes it with the current one). The
 * calling feature does the saving: this widget knows no API.
 */
@Component({
  selector: 'vt-pin-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'pin.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-dialog-content class="pin">
        <p class="pin__key">{{ 'pin.for' | t: { name: data.keyName } }}</p>
        <p class="pin__intro">{{ 'pin.intro' | t }}</p>
        @if (failure(); as failure) {
          <vt-alert data-testid="pin-error">{{ failure | localized }}</vt-alert>
        }
        @if (data.hasPin) {
          <mat-form-field>
            <mat-label>{{ 'pin.current' | t }}</mat-label>
            <input matInput type="password" formControlName="currentPin" autocomplete="current-password" required data-testid="pin-current" />
            @if (form.controls.currentPin.hasError('required')) {
              <mat-error>{{ 'pin.required' | t }}</mat-error>
            }
          </mat-form-field>
        }
        <mat-form-field>
          <mat-label>{{ 'pin.new' | t }}</mat-label>
          <input matInput type="password" formControlName="newPin" autocomplete="new-password" required data-testid="pin-new" />
          <mat-hint>{{ 'pin.rules' | t }}</mat-hint>
          @if (form.controls.newPin.hasError('required')) {
            <mat-error>{{ 'pin.required' | t }}</mat-error>
          } @else if (form.controls.newPin.hasError('minlength')) {
            <mat-error>{{ 'pin.tooShort' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'pin.repeat' | t }}</mat-label>
          <input matInput type="password" formControlName="repeat" autocomplete="new-password" required data-testid="pin-repeat" />
        </mat-form-field>
        @if (form.hasError('mismatch') && form.controls.repeat.touched) {
          <p class="pin__mismatch" role="alert">{{ 'pin.mismatch' | t }}</p>
        }
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="pin-save">{{ 'pin.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .pin {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(420px, 80vw);
    }
    .pin__key {
      margin: 0;
      font: var(--mat-sys-title-small);
    }
    .pin__intro {
      margin: 0 0 8px;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .pin__mismatch {
      margin: 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class PinDialog {
  protected readonly data = inject<PinDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<PinDialog, boolean>>(MatDialogRef);
  protected readonly busy = signal(false);
  protected readonly failure = signal<LocalizedText | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPin: ['', this.data.hasPin ? [Validators.required] : []],
      newPin: ['', [Validators.required, Validators.minLength(6)]],
      repeat: ['', [Validators.required]],
    },
    { validators: sameNewPin },
  );

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPin, newPin } = this.form.getRawValue();
    this.busy.set(true);
    this.failure.set(null);
    try {
      const refusal = await this.data.save(this.data.hasPin ? { currentPin, newPin } : { newPin });
      if (refusal) this.failure.set(refusal);
      else this.ref.close(true);
    } finally {
      this.busy.set(false);
    }
  }
}
