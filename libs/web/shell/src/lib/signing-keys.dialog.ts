import { ChangeDetectionStrategy, Component, inject, OnInit, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule } from '@angular/material/dialog';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { CredentialView } from '@vanthu/shared/contracts';
import { ApiFailure, CredentialsApi, LocalizedPipe, pinSaver, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert, PinForm, PinSaver } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/**
 * "Mã PIN chữ ký số" in the account menu: the keys I hold (my signature; a clerk also the
 * organisation's seal), whether each waits for my PIN or is locked, and where I choose or change it.
 */
@Component({
  selector: 'vt-signing-keys-dialog',
  imports: [MatButtonModule, MatDialogModule, MatProgressBarModule, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert, PinForm],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h2 mat-dialog-title>{{ 'pin.keys.title' | t }}</h2>
    <mat-dialog-content class="keys">
      @if (loading()) {
        <mat-progress-bar mode="indeterminate" />
      }
      @if (failure(); as failure) {
        <vt-alert>{{ failure.message | localized }}</vt-alert>
      }
      @if (choosing(); as key) {
        <vt-pin-form [keyName]="key.ownerName" [hasPin]="!key.awaitingPin" [save]="saveFor(key)" (saved)="pinSaved()" (cancelled)="choosing.set(null)" />
      } @else {
      <ul class="keys__list">
        @for (key of keys(); track key.id) {
          <li class="keys__item" [attr.data-credential]="key.id">
            <div class="keys__text">
              <span class="keys__name">{{ (key.ownerType === 'user' ? 'pin.keys.personal' : 'pin.keys.seal') | t: { name: key.ownerName } }}</span>
              <span class="keys__detail">{{ key.subject }}</span>
              <span class="keys__state" [class.keys__warn]="key.awaitingPin || key.lockedUntil">
                @if (!key.active) {
                  {{ 'pin.keys.inactive' | t }}
                } @else if (key.awaitingPin) {
                  {{ 'pin.keys.awaiting' | t }}
                } @else if (key.lockedUntil) {
                  {{ 'pin.keys.locked' | t: { until: (key.lockedUntil | vtDateTime) } }}
                } @else {
                  {{ 'pin.keys.ready' | t }}
                }
              </span>
            </div>
            @if (key.active) {
              <button mat-stroked-button type="button" (click)="choosing.set(key)" data-testid="keys-set-pin">
                {{ (key.awaitingPin ? 'pin.keys.set' : 'pin.keys.change') | t }}
              </button>
            }
          </li>
        } @empty {
          @if (!loading()) {
            <li class="keys__empty">{{ 'pin.keys.empty' | t }}</li>
          }
        }
      </ul>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>{{ 'common.close' | t }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .keys {
      min-width: min(480px, 80vw);
    }
    .keys__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .keys__item {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 16px;
      align-items: center;
      justify-content: space-between;
      padding: 8px 12px;
      border-radius: 8px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .keys__text {
      display: flex;
      flex-direction: column;
      gap: 2px;
      flex: 1 1 240px;
    }
    .keys__name {
      font: var(--mat-sys-title-small);
    }
    .keys__detail,
    .keys__state {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .keys__warn {
      color: #8a5a00;
      font-weight: 600;
    }
    .keys__empty {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class SigningKeysDialog implements OnInit {
  private readonly api = inject(CredentialsApi);
  protected readonly keys = signal<CredentialView[]>([]);
  protected readonly loading = signal(true);
  protected readonly failure = signal<ApiFailure | null>(null);

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  /** The key whose PIN is being chosen or changed, in place of the list. */
  protected readonly choosing = signal<CredentialView | null>(null);
  private readonly savers = new Map<number, PinSaver>();

  protected saveFor(key: CredentialView): PinSaver {
    const saver = this.savers.get(key.id) ?? pinSaver(this.api, key.id);
    this.savers.set(key.id, saver);
    return saver;
  }

  protected async pinSaved(): Promise<void> {
    this.choosing.set(null);
    await this.load();
  }

  private async load(): Promise<void> {
    this.loading.set(true);
    try {
      this.keys.set(await firstValueFrom(this.api.mine()));
      this.failure.set(null);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }
}
