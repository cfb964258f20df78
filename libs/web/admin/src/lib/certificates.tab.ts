import { ChangeDetectionStrategy, Component, computed, inject, OnInit, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { CredentialView, OrganisationDto, Role, UserDto } from '@vanthu/shared/contracts';
import { AdminApi, ApiFailure, CredentialsApi, I18n, LocalizedPipe, OrganisationsApi, Submission, toApiFailure, TranslatePipe, VtDatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

interface CredentialDialogData {
  mode: 'upload' | 'issue';
  organisations: OrganisationDto[];
  leaders: UserDto[];
}

/** Uploads a PKCS#12 with its file password and image, or issues a new key from the development CA; the owner then chooses the PIN. */
@Component({
  selector: 'vt-credential-dialog',
  imports: [ReactiveFormsModule, MatButtonModule, MatDialogModule, MatFormFieldModule, MatIconModule, MatInputModule, MatProgressBarModule, MatSelectModule, TranslatePipe, LocalizedPipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ (data.mode === 'upload' ? 'admin.cert.upload' : 'admin.cert.issue') | t }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="form">
        @if (failure(); as failure) {
          <vt-alert>{{ failure.message | localized }}</vt-alert>
        }
        <mat-form-field>
          <mat-label>{{ 'admin.cert.ownerType' | t }}</mat-label>
          <mat-select formControlName="ownerType">
            <mat-option value="user">{{ 'admin.cert.ownerUser' | t }}</mat-option>
            <mat-option value="organisation">{{ 'admin.cert.ownerOrganisation' | t }}</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'admin.cert.owner' | t }}</mat-label>
          <mat-select formControlName="ownerId" required>
            @if (form.controls.ownerType.value === 'user') {
              @for (u of data.leaders; track u.id) {
                <mat-option [value]="u.id">{{ u.fullName }} — {{ u.position }}</mat-option>
              }
            } @else {
              @for (o of data.organisations; track o.id) {
                <mat-option [value]="o.id">{{ o.name }}</mat-option>
              }
            }
          </mat-select>
        </mat-form-field>
        @if (data.mode === 'upload') {
          <div class="file">
            <input #p12 type="file" accept=".p12,.pfx,application/x-pkcs12" hidden (change)="p12File.set(p12.files?.[0] ?? null)" />
            <button mat-stroked-button type="button" (click)="p12.click()">{{ 'admin.cert.p12' | t }}</button>
            <span>{{ p12File()?.name }}</span>
          </div>
          <div class="file">
            <input #image type="file" accept="image/png" hidden (change)="imageFile.set(image.files?.[0] ?? null)" />
            <button mat-stroked-button type="button" (click)="image.click()">{{ 'admin.cert.image' | t }}</button>
            <span>{{ imageFile()?.name }}</span>
          </div>
        }
        @if (data.mode === 'upload') {
          <mat-form-field>
            <mat-label>{{ 'admin.cert.password' | t }}</mat-label>
            <input matInput type="password" formControlName="password" required autocomplete="off" data-testid="cert-password" />
            @if (form.controls.password.hasError('required')) {
              <mat-error>{{ 'admin.cert.passwordRequired' | t }}</mat-error>
            }
          </mat-form-field>
        }
        <p class="note">{{ 'admin.cert.pinByOwner' | t }}</p>
      </mat-dialog-content>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | t }}</button>
        <button mat-flat-button type="submit" [disabled]="busy() || (data.mode === 'upload' && !p12File())">{{ 'common.save' | t }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .form {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: min(460px, 80vw);
    }
    .file {
      display: flex;
      gap: 8px;
      align-items: center;
      margin-bottom: 8px;
    }
    .note {
      margin: 0;
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      max-width: 460px;
    }
  `,
})
export class CredentialDialog {
  protected readonly data = inject<CredentialDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<CredentialDialog, CredentialView>>(MatDialogRef);
  private readonly api = inject(CredentialsApi);
  protected readonly p12File = signal<File | null>(null);
  protected readonly imageFile = signal<File | null>(null);
  private readonly submission = new Submission();
  protected readonly busy = this.submission.busy;
  protected readonly failure = this.submission.failure;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    ownerType: ['user' as 'user' | 'organisation'],
    ownerId: [0, Validators.min(1)],
    // The PKCS#12 file's password (uploads only); the owner's PIN is chosen by the owner.
    password: ['', this.data.mode === 'upload' ? [Validators.required] : []],
  });

  protected async save(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const v = this.form.getRawValue();
    const p12 = this.p12File();
    await this.submission.run(
      () =>
        firstValueFrom(
          this.data.mode === 'upload' && p12
            ? this.api.upload({ p12, password: v.password, ownerType: v.ownerType, ownerId: v.ownerId, image: this.imageFile() })
            : this.api.issue({ ownerType: v.ownerType, ownerId: v.ownerId }),
        ),
      (saved) => this.ref.close(saved),
    );
  }
}

/** Signing certificates with their expiry; upload, issue, disable; and the audit chain check. */
@Component({
  selector: 'vt-certificates-tab',
  imports: [MatButtonModule, MatIconModule, TranslatePipe, LocalizedPipe, VtDatePipe, VtDateTimePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <div class="bar">
        <button mat-flat-button type="button" (click)="open('issue')"><mat-icon svgIcon="add" />{{ 'admin.cert.issue' | t }}</button>
        <button mat-stroked-button type="button" (click)="open('upload')"><mat-icon svgIcon="upload" />{{ 'admin.cert.upload' | t }}</button>
        <button mat-button type="button" (click)="verifyAudit()">{{ 'admin.audit' | t }}</button>
        @if (audit(); as audit) {
          <span [class.bad]="!audit.ok">{{ audit.text }}</span>
        }
      </div>
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>{{ 'admin.cert.owner' | t }}</th>
              <th>{{ 'admin.cert.subject' | t }}</th>
              <th>{{ 'admin.cert.issuer' | t }}</th>
              <th>{{ 'admin.cert.validity' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (c of credentials(); track c.id) {
              <tr [class.inactive]="!c.active">
                <td>{{ c.ownerName }}</td>
                <td class="wrap">{{ c.subject }}</td>
                <td class="wrap issuer">{{ c.issuer }}</td>
                <td>
                  <div>{{ 'admin.cert.validRange' | t: { from: (c.notBefore | vtDate), to: (c.notAfter | vtDate) } }}</div>
                  <span class="state" [class.bad]="c.expired" [class.warn]="c.expiresSoon && !c.expired">
                    {{ (c.expired ? 'admin.cert.expired' : c.expiresSoon ? 'admin.cert.expiresSoon' : 'admin.cert.ok') | t }}
                  </span>
                  @if (!c.active) {
                    <span class="state">{{ 'admin.cert.inactive' | t }}</span>
                  }
                  @if (c.awaitingPin) {
                    <div class="warn" data-testid="cert-awaiting-pin">{{ 'admin.cert.awaitingPin' | t }}</div>
                  }
                  @if (c.lockedUntil) {
                    <div class="bad" data-testid="cert-locked">{{ 'admin.cert.lockedUntil' | t: { until: (c.lockedUntil | vtDateTime), count: c.pinFailures } }}</div>
                  }
                </td>
                <td>
                  @if (c.lockedUntil) {
                    <button mat-stroked-button type="button" (click)="unlock(c)" data-testid="cert-unlock">{{ 'admin.cert.unlock' | t }}</button>
                  }
                  <button mat-button type="button" (click)="toggle(c)">{{ (c.active ? 'admin.cert.deactivate' : 'admin.cert.activate') | t }}</button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </div>
  `,
  styles: [
    ADMIN_TAB_STYLES,
    `
    th,
    td {
      white-space: nowrap;
    }
    td.wrap {
      white-space: normal;
      overflow-wrap: anywhere;
      min-width: 140px;
    }
    td.issuer {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .state {
      font-weight: 600;
      margin-right: 6px;
    }
    .bad {
      color: #b3261e;
      font-weight: 600;
    }
    .warn {
      color: #8a5a00;
    }
    .inactive td {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  ],
})
export class CertificatesTab implements OnInit {
  private readonly api = inject(CredentialsApi);
  private readonly admin = inject(AdminApi);
  private readonly directory = inject(OrganisationsApi);
  private readonly dialog = inject(MatDialog);
  protected readonly credentials = signal<CredentialView[]>([]);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly auditResult = signal<{ ok: boolean; count: number; at: string | null } | null>(null);
  private readonly i18n = inject(I18n);
  protected readonly audit = computed(() => {
    const result = this.auditResult();
    if (!result) return null;
    const text = result.ok
      ? this.i18n.t('admin.audit.ok', { count: result.count })
      : this.i18n.t('admin.audit.broken', { at: result.at ?? '?' });
    return { ok: result.ok, text };
  });

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected async open(mode: 'upload' | 'issue'): Promise<void> {
    try {
      const [organisations, users] = await Promise.all([
        firstValueFrom(this.directory.list()),
        firstValueFrom(this.admin.users({ pageSize: 500 })),
      ]);
      this.dialog
        .open<CredentialDialog, CredentialDialogData, CredentialView>(CredentialDialog, {
          data: { mode, organisations, leaders: users.items.filter((u) => u.roles.includes(Role.Leader)) },
          maxWidth: '96vw',
        })
        .afterClosed()
        .subscribe((saved) => {
          if (saved) void this.load();
        });
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async toggle(credential: CredentialView): Promise<void> {
    try {
      await firstValueFrom(this.api.setActive(credential.id, !credential.active));
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async unlock(credential: CredentialView): Promise<void> {
    try {
      await firstValueFrom(this.api.unlock(credential.id));
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  protected async verifyAudit(): Promise<void> {
    try {
      const result = await firstValueFrom(this.admin.verifyAudit());
      this.auditResult.set({ ok: result.valid, count: result.checked, at: result.brokenAt });
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  private async load(): Promise<void> {
    try {
      this.credentials.set(await firstValueFrom(this.api.list()));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
