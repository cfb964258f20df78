import { ChangeDetectionStrategy, Component, input, model } from '@angular/core';
import { MatButtonToggleModule } from '@angular/material/button-toggle';

/** One choice of the switch; each language is named in itself (Tiếng Việt, English). */
export interface LanguageOption<T extends string = string> {
  value: T;
  label: string;
}

/** A two-way switch between the product's languages. Texts come from the caller's i18n. */
@Component({
  selector: 'vt-language-switch',
  imports: [MatButtonToggleModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <mat-button-toggle-group
      [value]="value()"
      (change)="value.set($event.value)"
      [attr.aria-label]="label()"
      hideSingleSelectionIndicator
    >
      @for (option of options(); track option.value) {
        <mat-button-toggle [value]="option.value" [attr.lang]="option.value">{{ option.label }}</mat-button-toggle>
      }
    </mat-button-toggle-group>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    mat-button-toggle-group {
      --mat-button-toggle-height: 36px;
    }
  `,
})
export class LanguageSwitch {
  /** The selected language. */
  readonly value = model.required<string>();
  /** The languages to choose from. */
  readonly options = input.required<readonly LanguageOption[]>();
  /** Accessible name of the group ("Ngôn ngữ"). */
  readonly label = input.required<string>();
}
