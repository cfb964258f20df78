import { ChangeDetectionStrategy, Component, inject, input, OnInit, output, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { LocalizedText, SetPinRequest } from '@vanthu/shared/contracts';
import { LocalizedPipe, TranslatePipe } from '@vanthu/web/i18n';

import { Alert } from './alert';

/** Saves a PIN; resolves to null when saved, or to the refusal's message (a wrong current PIN, a lock). */
export type PinSaver = (request: SetPinRequest) => Promise<LocalizedText | null>;

function sameNewPin(group: AbstractControl): ValidationErrors | null {
  const { newPin, repeat } = group.value as { newPin: string; repeat: string };
  return repeat && newPin !== repeat ? { mismatch: true } : null;
}

/**
 * The owner chooses the PIN of their signing key, or changes it with the current one; shown in
 * place inside the dialog that needs it (signing, issuing, the account's keys). The calling
 * feature does the saving: this widget knows no API, and no dialog (the app's first bundle
 * carries this library).
 */
@Component({
  selector: 'vt-pin-form',
  imports: [ReactiveFormsModule, MatButtonModule, MatFormFieldModule, MatInputModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate class="pin" data-testid="pin-form">
      <p class="pin__key">{{ 'pin.for' | t: { name: keyName() } }}</p>
      <p class="pin__intro">{{ 'pin.intro' | t }}</p>
      @if (failure(); as failure) {
        <vt-alert data-testid="pin-error">{{ failure | localized }}</vt-alert>
      }
      @if (hasPin()) {
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
      <div class="pin__actions">
        <button mat-button type="button" (click)="cancelled.emit()" [disabled]="busy()">{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="pin-save">{{ 'pin.save' | t }}</button>
      </div>
    </form>
  `,
  styles: `
    .pin {
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-width: 460px;
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
    .pin__actions {
      display: flex;
      justify-content: flex-end;
      gap: 8px;
    }
  `,
})
export class PinForm implements OnInit {
  /** The key as people know it: "Nguyễn Văn Hùng", "UBND huyện Tuy Đức". */
  readonly keyName = input.required<string>();
  /** Whether the key has a PIN already (then the current one is asked for). */
  readonly hasPin = input(false);
  readonly save = input.required<PinSaver>();
  /** The PIN was saved. */
  readonly saved = output<void>();
  readonly cancelled = output<void>();

  protected readonly busy = signal(false);
  protected readonly failure = signal<LocalizedText | null>(null);
  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPin: [''],
      newPin: ['', [Validators.required, Validators.minLength(6)]],
      repeat: ['', [Validators.required]],
    },
    { validators: sameNewPin },
  );

  ngOnInit(): void {
    if (this.hasPin()) this.form.controls.currentPin.addValidators(Validators.required);
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid || this.busy()) {
      this.form.markAllAsTouched();
      return;
    }
    const { currentPin, newPin } = this.form.getRawValue();
    this.busy.set(true);
    this.failure.set(null);
    try {
      const refusal = await this.save()(this.hasPin() ? { currentPin, newPin } : { newPin });
      if (refusal) this.failure.set(refusal);
      else this.saved.emit();
    } finally {
      this.busy.set(false);
    }
  }
}
