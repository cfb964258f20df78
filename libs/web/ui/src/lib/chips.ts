import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import {
  DocumentStatus,
  SECURITY_LEVEL_LABELS,
  SecurityLevel,
  Urgency,
  URGENCY_LABELS,
} from '@vanthu/shared/contracts';
import { I18n, MessageKey } from '@vanthu/web/i18n';

/** Độ khẩn as a coloured label; nothing for "thường" unless asked. */
@Component({
  selector: 'vt-urgency-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'vt-chip vt-chip--urgency-' + urgency()", '[hidden]': 'hidden()' },
  // A screen reader hears what kind of marker it is ("Độ khẩn: Hỏa tốc"); the eye sees the colour and the word.
  template: `<span class="vt-chip__kind">{{ kind() }}</span>{{ label() }}`,
  styleUrl: './chips.scss',
})
export class UrgencyChip {
  private readonly i18n = inject(I18n);
  readonly urgency = input.required<Urgency>();
  /** Whether "Thường" is shown too (forms, detail pages); lists hide it. */
  readonly showNormal = input(false);
  protected readonly hidden = computed(() => this.urgency() === Urgency.Normal && !this.showNormal());
  protected readonly label = computed(() => this.i18n.text(URGENCY_LABELS[this.urgency()]));
  protected readonly kind = computed(() => `${this.i18n.t('urgency.label')}: `);
}

/** Độ mật as a red label; nothing for "thường" unless asked. */
@Component({
  selector: 'vt-security-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'vt-chip vt-chip--security-' + level()", '[hidden]': 'hidden()' },
  template: `<span class="vt-chip__kind">{{ kind() }}</span>{{ label() }}`,
  styleUrl: './chips.scss',
})
export class SecurityChip {
  private readonly i18n = inject(I18n);
  readonly level = input.required<SecurityLevel>();
  /** Whether "Thường" is shown too. */
  readonly showNormal = input(false);
  protected readonly hidden = computed(() => this.level() === SecurityLevel.Normal && !this.showNormal());
  protected readonly label = computed(() => this.i18n.text(SECURITY_LEVEL_LABELS[this.level()]));
  protected readonly kind = computed(() => `${this.i18n.t('security.label')}: `);
}

/** Where a document stands, as a neutral label with a colour per stage. */
@Component({
  selector: 'vt-status-chip',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': "'vt-chip vt-chip--status-' + status()" },
  template: `{{ label() }}`,
  styleUrl: './chips.scss',
})
export class StatusChip {
  private readonly i18n = inject(I18n);
  readonly status = input.required<DocumentStatus>();
  protected readonly label = computed(() => this.i18n.t(`status.${this.status()}` as MessageKey));
}
