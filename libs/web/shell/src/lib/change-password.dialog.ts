import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { AbstractControl, FormBuilder, ReactiveFormsModule, ValidationErrors, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { ApiFailure, LocalizedPipe, SessionStore, toApiFailure, TranslatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';

function sameNewPassword(group: AbstractControl): ValidationErrors | null {
  const { newPassword, confirmPassword } = group.value as { newPassword: string; confirmPassword: string };
  return confirmPassword && newPassword !== confirmPassword ? { mismatch: true } : null;
}

/**
 * Changes the user's own password. The policy lives on the server: its refusal
 * (PASSWORD_POLICY, or INVALID_CREDENTIALS for a wrong current password) is shown as sent.
 * Closes with `true` once the password is changed.
 */
@Component({
  selector: 'vt-change-password-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'password.title' | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="password">
        @if (failure(); as failure) {
          <vt-alert class="password__error">
            <div>{{ failure.message | localized }}</div>
            @for (fieldError of failure.fieldErrors; track fieldError.field) {
              <div>{{ fieldError.message | localized }}</div>
            }
          </vt-alert>
        }
        <mat-form-field appearance="outline">
          <mat-label>{{ 'password.current' | t }}</mat-label>
          <input matInput type="password" formControlName="currentPassword" autocomplete="current-password" required />
          @if (form.controls.currentPassword.hasError('required')) {
            <mat-error>{{ 'password.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'password.new' | t }}</mat-label>
          <input matInput type="password" formControlName="newPassword" autocomplete="new-password" required />
          @if (form.controls.newPassword.hasError('required')) {
            <mat-error>{{ 'password.required' | t }}</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline">
          <mat-label>{{ 'password.confirm' | t }}</mat-label>
          <input matInput type="password" formControlName="confirmPassword" autocomplete="new-password" required />
          @if (form.controls.confirmPassword.hasError('required')) {
            <mat-error>{{ 'password.required' | t }}</mat-error>
          }
        </mat-form-field>
        @if (form.hasError('mismatch') && form.controls.confirmPassword.touched) {
          <p class="password__mismatch" role="alert">{{ 'password.mismatch' | t }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'password.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="saving()">
          {{ (saving() ? 'password.saving' : 'password.save') | t }}
        </button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .password {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(380px, 80vw);
    }
    .password__error {
      margin-bottom: 12px;
    }
    .password__mismatch {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: -8px 0 8px 16px;
    }
  `,
})
export class ChangePasswordDialog {
  private readonly session = inject(SessionStore);
  private readonly dialogRef = inject<MatDialogRef<ChangePasswordDialog, boolean>>(MatDialogRef);

  protected readonly form = inject(FormBuilder).nonNullable.group(
    {
      currentPassword: ['', Validators.required],
      newPassword: ['', Validators.required],
      confirmPassword: ['', Validators.required],
    },
    { validators: sameNewPassword },
  );
  protected readonly saving = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);

  protected async save(): Promise<void> {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.failure.set(null);
    const { currentPassword, newPassword } = this.form.getRawValue();
    try {
      await this.session.changePassword({ currentPassword, newPassword });
      this.dialogRef.close(true);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.saving.set(false);
    }
  }
}
