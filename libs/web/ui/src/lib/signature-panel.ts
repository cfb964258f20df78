import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { SignatureView, VerificationView } from '@vanthu/shared/contracts';
import { I18n, LocalizedPipe, MessageKey, VtDateTimePipe } from '@vanthu/web/i18n';

/** One plain-words line about a signature and whether it is good news. */
interface Verdict {
  ok: boolean;
  text: string;
}

/** Whether a signature can be relied on: intact, cryptographically valid, trusted, in force, not revoked, content untouched since. */
export function signatureIsGood(signature: SignatureView): boolean {
  return (
    signature.integrity &&
    signature.cryptographicallyValid &&
    signature.trusted &&
    signature.validAtSigningTime &&
    signature.revoked !== true &&
    signature.modifiedAfter !== 'content'
  );
}

/**
 * The signatures of a file as people read them (Decree 30: every signature in order, with
 * the certificate's subject): who signed, when, and in plain words whether the signature is
 * valid, comes from a trusted authority, and whether the document changed after it.
 */
@Component({
  selector: 'vt-signature-panel',
  imports: [MatIconModule, LocalizedPipe, VtDateTimePipe],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <h3 class="sig__title">{{ i18n.t('sig.title') }}</h3>
    @if (verification(); as report) {
      @if (report.signatures.length === 0) {
        <p class="sig__empty">{{ i18n.t('sig.none') }}</p>
      } @else {
        <p class="sig__overall" [class.sig__overall--bad]="!allGood()" data-testid="signatures-overall">
          {{ allGood() ? i18n.t('sig.allValid', { count: report.signatures.length }) : i18n.t('sig.someInvalid') }}
        </p>
        <ol class="sig__list">
          @for (signature of report.signatures; track signature.index) {
            <li class="sig__item" [class.sig__item--bad]="!isGood(signature)" data-testid="signature">
              <div class="sig__who">
                <span class="sig__name">{{ signature.signerName }}</span>
                <span class="sig__kind">{{ i18n.t(kindKey(signature)) }}</span>
              </div>
              <div class="sig__subject">{{ signature.subject }}</div>
              <div class="sig__when">
                @if (signature.signedAt) {
                  {{ i18n.t('sig.signedAt', { at: (signature.signedAt | vtDateTime) }) }}
                } @else {
                  {{ i18n.t('sig.signedAtUnknown') }}
                }
              </div>
              <ul class="sig__verdicts">
                @for (verdict of verdicts(signature); track verdict.text) {
                  <li [class.ok]="verdict.ok" [class.bad]="!verdict.ok">
                    <mat-icon [svgIcon]="verdict.ok ? 'check' : 'error'" aria-hidden="true" />
                    <span>{{ verdict.text }}</span>
                  </li>
                }
              </ul>
              @for (warning of signature.warnings ?? []; track warning.en) {
                <p class="sig__warning" data-testid="signature-warning">{{ warning | localized }}</p>
              }
              @if (signature.summary) {
                <p class="sig__summary">{{ signature.summary | localized }}</p>
              }
            </li>
          }
        </ol>
        <p class="sig__checked">{{ i18n.t('sig.verifiedAt', { at: (report.verifiedAt | vtDateTime) }) }}</p>
      }
    } @else if (signatureCount() === 0) {
      <p class="sig__empty">{{ i18n.t('sig.none') }}</p>
    } @else {
      <p class="sig__empty">{{ i18n.t('sig.notVerified') }}</p>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .sig__title {
      font: var(--mat-sys-title-medium);
      margin: 0 0 8px;
    }
    .sig__overall {
      margin: 0 0 8px;
      padding: 8px 12px;
      border-radius: 8px;
      background: #e3f4e8;
      color: #0f5223;
      font: var(--mat-sys-label-large);
    }
    .sig__overall--bad {
      background: #fde7e9;
      color: #8c1d18;
    }
    .sig__list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    .sig__item {
      border: 1px solid var(--mat-sys-outline-variant);
      border-left: 4px solid #1e7b3a;
      border-radius: 8px;
      padding: 8px 12px;
    }
    .sig__item--bad {
      border-left-color: #b3261e;
    }
    .sig__who {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 8px;
      align-items: baseline;
    }
    .sig__name {
      font: var(--mat-sys-title-small);
    }
    .sig__kind,
    .sig__subject,
    .sig__when,
    .sig__checked,
    .sig__summary {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .sig__summary,
    .sig__checked {
      margin: 4px 0 0;
    }
    .sig__warning {
      margin: 4px 0 0;
      font: var(--mat-sys-body-small);
      color: #7a4f01;
    }
    .sig__verdicts {
      list-style: none;
      margin: 6px 0 0;
      padding: 0;
      font: var(--mat-sys-body-medium);
    }
    .sig__verdicts li {
      display: flex;
      gap: 6px;
      align-items: center;
    }
    .sig__verdicts mat-icon {
      width: 18px;
      height: 18px;
      flex: none;
    }
    .ok mat-icon {
      color: #1e7b3a;
    }
    .bad {
      color: #8c1d18;
      font-weight: 600;
    }
    .sig__empty {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
  `,
})
export class SignaturePanel {
  protected readonly i18n = inject(I18n);

  /** The file's verification report, or null when it was not verified. */
  readonly verification = input<VerificationView | null>(null);
  /**
   * How many signatures the file holds, as stored at upload: a file with none has nothing to
   * check, and says it carries no digital signature rather than "not checked". Null: unknown.
   */
  readonly signatureCount = input<number | null>(null);

  protected readonly allGood = computed(() => (this.verification()?.signatures ?? []).every(signatureIsGood));

  protected isGood(signature: SignatureView): boolean {
    return signatureIsGood(signature);
  }

  protected kindKey(signature: SignatureView): MessageKey {
    return `sig.kind.${signature.kind}` as MessageKey;
  }

  protected verdicts(signature: SignatureView): Verdict[] {
    const t = (key: MessageKey) => this.i18n.t(key);
    const valid = signature.integrity && signature.cryptographicallyValid;
    const verdicts: Verdict[] = [
      { ok: valid, text: valid ? t('sig.valid') : signature.integrity ? t('sig.invalid') : t('sig.integrityBroken') },
      { ok: signature.trusted, text: signature.trusted ? t('sig.trusted') : t('sig.untrusted') },
      {
        ok: signature.validAtSigningTime,
        text: signature.validAtSigningTime ? t('sig.validAtTime') : t('sig.notValidAtTime'),
      },
    ];
    if (signature.revoked === true) verdicts.push({ ok: false, text: t('sig.revoked') });
    verdicts.push({
      ok: signature.modifiedAfter !== 'content',
      text: t(`sig.modified.${signature.modifiedAfter}` as MessageKey),
    });
    return verdicts;
  }
}
