import { inject, Pipe, PipeTransform } from '@angular/core';
import { LocalizedText } from '@vanthu/shared/contracts';
import { I18n, MessageParams } from './i18n';
import { MessageKey } from './messages.vi';

/**
 * `{{ 'nav.home' | t }}`. Impure on purpose: the input does not change when the language
 * does, so a pure pipe would keep the old text; reading the language signal on every
 * check is cheap.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}

/** `{{ error.message | localized }}`: a bilingual text in the current language. */
@Pipe({ name: 'localized', pure: false })
export class LocalizedPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(text: LocalizedText | null | undefined): string {
    return text ? this.i18n.text(text) : '';
  }
}
