import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { CertificateBindingView, TrustAnchorView } from '@vanthu/shared/contracts';
import { ApiFailure, I18n, LocalizedPipe, MessageKey, toApiFailure, TranslatePipe, TrustApi, VtDatePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom, Observable } from 'rxjs';
import { ADMIN_TAB_STYLES } from './admin-tab.styles';

/**
 * The trust store: the CA roots and intermediates signatures must chain to (add by PEM/DER file,
 * disable), and the signing certificates registered to people and organisations (approve a
 * leader's registration, disable one).
 */
@Component({
  selector: 'vt-trust-tab',
  imports: [FormsModule, MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, TranslatePipe, LocalizedPipe, VtDatePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="tab">
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      <h2>{{ 'admin.trust.anchors' | t }}</h2>
      <p class="hint">{{ 'admin.trust.hint' | t }}</p>
      <div class="bar">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.trust.kind' | t }}</mat-label>
          <mat-select [(ngModel)]="kind" name="kind">
            <mat-option value="anchor">{{ 'admin.trust.kind.anchor' | t }}</mat-option>
            <mat-option value="intermediate">{{ 'admin.trust.kind.intermediate' | t }}</mat-option>
          </mat-select>
        </mat-form-field>
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.trust.name' | t }}</mat-label>
          <input matInput [(ngModel)]="name" name="name" />
        </mat-form-field>
        <input #file type="file" accept=".pem,.cer,.crt,.der,application/x-x509-ca-cert,application/pkix-cert" hidden (change)="add(file.files?.[0] ?? null); file.value = ''" />
        <button mat-flat-button type="button" data-testid="add-anchor" (click)="file.click()"><mat-icon svgIcon="add" />{{ 'admin.trust.add' | t }}</button>
      </div>
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>{{ 'common.name' | t }}</th>
              <th>{{ 'admin.trust.kind' | t }}</th>
              <th>{{ 'admin.trust.subject' | t }}</th>
              <th>{{ 'admin.trust.notAfter' | t }}</th>
              <th>{{ 'admin.trust.fingerprint' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (a of anchors(); track a.id) {
              <tr [class.off]="!a.active">
                <td>{{ a.name }}</td>
                <td>{{ kindKey(a.kind) | t }}</td>
                <td>{{ a.subject }}</td>
                <td>{{ a.notAfter | vtDate }}</td>
                <td class="mono" [title]="a.fingerprint">{{ a.fingerprint.slice(0, 16) }}…</td>
                <td>
                  @if (a.active) {
                    <button mat-button type="button" (click)="disableAnchor(a)">{{ 'admin.trust.disable' | t }}</button>
                  } @else {
                    {{ 'admin.trust.disabled' | t }}
                  }
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>

      <h2>{{ 'admin.trust.bindings' | t }}</h2>
      <div class="bar">
        <mat-form-field subscriptSizing="dynamic">
          <mat-label>{{ 'admin.trust.status' | t }}</mat-label>
          <mat-select [ngModel]="status()" (ngModelChange)="changeStatus($event)" name="status">
            <mat-option [value]="null">{{ 'admin.trust.status.all' | t }}</mat-option>
            <mat-option value="pending">{{ 'admin.trust.status.pending' | t }}</mat-option>
            <mat-option value="approved">{{ 'admin.trust.status.approved' | t }}</mat-option>
            <mat-option value="disabled">{{ 'admin.trust.status.disabled' | t }}</mat-option>
          </mat-select>
        </mat-form-field>
      </div>
      <div class="table-box">
        <table>
          <thead>
            <tr>
              <th>{{ 'admin.cert.owner' | t }}</th>
              <th>{{ 'admin.trust.subject' | t }}</th>
              <th>{{ 'admin.trust.issuer' | t }}</th>
              <th>{{ 'admin.trust.notAfter' | t }}</th>
              <th>{{ 'admin.trust.status' | t }}</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            @for (b of bindings(); track b.id) {
              <tr>
                <td>{{ b.ownerName }}</td>
                <td>{{ b.subject }}</td>
                <td>{{ b.issuer }}</td>
                <td>{{ b.notAfter | vtDate }}</td>
                <td>{{ statusKey(b.status) | t }}</td>
                <td>
                  @if (b.status !== 'approved') {
                    <button mat-button type="button" (click)="approve(b)">{{ 'admin.trust.approve' | t }}</button>
                  }
                  @if (b.status !== 'disabled') {
                    <button mat-button type="button" (click)="disableBinding(b)">{{ 'admin.trust.disable' | t }}</button>
                  }
                </td>
              </tr>
            } @empty {
              <tr>
                <td colspan="6">{{ 'admin.trust.noBindings' | t }}</td>
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
    h2 {
      font: var(--mat-sys-title-medium);
      margin: 16px 0 8px;
    }
    .hint {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 0 0 8px;
    }
    .mono {
      font-family: monospace;
    }
    tr.off {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  ],
})
export class TrustTab implements OnInit {
  private readonly api = inject(TrustApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly anchors = signal<TrustAnchorView[]>([]);
  protected readonly bindings = signal<CertificateBindingView[]>([]);
  protected readonly status = signal<CertificateBindingView['status'] | null>('pending');
  protected readonly failure = signal<ApiFailure | null>(null);
  protected kind: 'anchor' | 'intermediate' = 'anchor';
  protected name = '';

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected kindKey(kind: TrustAnchorView['kind']): MessageKey {
    return `admin.trust.kind.${kind}` as MessageKey;
  }

  protected statusKey(status: CertificateBindingView['status']): MessageKey {
    return `admin.trust.status.${status}` as MessageKey;
  }

  protected async add(file: File | null): Promise<void> {
    if (!file) return;
    await this.act(() => this.api.addAnchor({ certificate: file, kind: this.kind, name: this.name.trim() || undefined }), 'admin.trust.added');
    this.name = '';
  }

  protected disableAnchor(anchor: TrustAnchorView): Promise<void> {
    return this.act(() => this.api.disableAnchor(anchor.id), 'admin.trust.saved');
  }

  protected approve(binding: CertificateBindingView): Promise<void> {
    return this.act(() => this.api.approveBinding(binding.id), 'admin.trust.saved');
  }

  protected disableBinding(binding: CertificateBindingView): Promise<void> {
    return this.act(() => this.api.disableBinding(binding.id), 'admin.trust.saved');
  }

  protected async changeStatus(status: CertificateBindingView['status'] | null): Promise<void> {
    this.status.set(status);
    await this.load();
  }

  private async act(request: () => Observable<unknown>, done: MessageKey): Promise<void> {
    try {
      await firstValueFrom(request());
      this.snackBar.open(this.i18n.t(done), this.i18n.t('common.close'), { duration: 3000 });
      await this.load();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }

  private async load(): Promise<void> {
    try {
      const [anchors, bindings] = await Promise.all([firstValueFrom(this.api.anchors()), firstValueFrom(this.api.bindings(this.status() ?? undefined))]);
      this.anchors.set(anchors);
      this.bindings.set(bindings);
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
