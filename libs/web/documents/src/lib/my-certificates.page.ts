import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CertificateBindingView } from '@vanthu/shared/contracts';
import { ApiFailure, I18n, localize, LocalizedPipe, MessageKey, toApiFailure, TranslatePipe, TrustApi, VtDatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

// A certificate is a few kilobytes; anything much larger is the wrong file (a PDF, a PKCS#12 with
// a whole chain is still far below this).
const MAX_CERTIFICATE_BYTES = 64 * 1024;

/**
 * "Chứng thư số của tôi": a leader registers the certificate on their own USB token (pending until
 * an administrator approves it in the trust tab) and sees each registration's state. The file goes
 * to the server as it is, PEM or DER: the server reads both and says why it refuses one.
 */
@Component({
  selector: 'vt-my-certificates-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDatePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <section class="page">
      <h1>{{ 'mycert.title' | t }}</h1>
      <p class="hint">{{ 'mycert.hint' | t }}</p>
      @if (failure(); as failure) {
        <vt-alert data-testid="mycert-error">{{ failure.message | localized }}</vt-alert>
      }
      <div class="bar">
        <input #file type="file" accept=".cer,.crt,.pem,.der,application/x-x509-ca-cert,application/pkix-cert" hidden data-testid="mycert-file" (change)="upload(file.files?.[0] ?? null); file.value = ''" />
        <button mat-flat-button type="button" data-testid="mycert-upload" [disabled]="busy()" (click)="file.click()">
          <mat-icon svgIcon="upload" />{{ (busy() ? 'mycert.uploading' : 'mycert.upload') | t }}
        </button>
      </div>
      @if (busy()) {
        <mat-progress-bar mode="indeterminate" />
      }
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>{{ 'mycert.subject' | t }}</th>
              <th>{{ 'mycert.issuer' | t }}</th>
              <th>{{ 'mycert.serial' | t }}</th>
              <th>{{ 'mycert.notAfter' | t }}</th>
              <th>{{ 'mycert.fingerprint' | t }}</th>
              <th>{{ 'mycert.status' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (c of certificates(); track c.id) {
              <tr [attr.data-certificate]="c.id">
                <td>{{ c.subject }}</td>
                <td>{{ c.issuer }}</td>
                <td class="mono">{{ c.serialNumber }}</td>
                <td>{{ c.notAfter | vtDate }}</td>
                <td class="mono" [title]="c.fingerprint">{{ c.fingerprint.slice(0, 16) }}…</td>
                <td data-testid="mycert-status" [class]="'status status--' + c.status">{{ statusKey(c.status) | t }}</td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6">{{ 'mycert.none' | t }}</td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </section>
  `,
  styles: `
    .page {
      padding: 16px;
      max-width: 1200px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
      margin: 0 0 8px;
    }
    .hint {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 12px;
    }
    .bar {
      margin: 12px 0;
    }
    .table-box {
      overflow-x: auto;
    }
    table {
      border-collapse: collapse;
      width: 100%;
    }
    th,
    td {
      text-align: left;
      padding: 6px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      vertical-align: top;
    }
    .mono {
      font-family: monospace;
      word-break: break-all;
    }
    .status--pending {
      color: var(--mat-sys-tertiary);
    }
    .status--disabled {
      color: var(--mat-sys-error);
    }
  `,
})
export class MyCertificatesPage implements OnInit {
  private readonly api = inject(TrustApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly certificates = signal<CertificateBindingView[]>([]);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly busy = signal(false);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected statusKey(status: CertificateBindingView['status']): MessageKey {
    return `mycert.status.${status}` as MessageKey;
  }

  protected async upload(file: File | null): Promise<void> {
    if (!file) return;
    if (file.size > MAX_CERTIFICATE_BYTES) {
      this.failure.set({ status: 0, code: 'CERTIFICATE_FILE_TOO_LARGE', message: localize('mycert.tooLarge'), fieldErrors: [] });
      return;
    }
    this.busy.set(true);
    try {
      await firstValueFrom(this.api.registerMyCertificate(file));
      this.failure.set(null);
      this.snackBar.open(this.i18n.t('mycert.registered'), this.i18n.t('common.close'), { duration: 5000 });
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(): Promise<void> {
    try {
      this.certificates.set(await firstValueFrom(this.api.myCertificates()));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
