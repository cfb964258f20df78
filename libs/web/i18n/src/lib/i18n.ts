import { DOCUMENT } from '@angular/common';
import { effect, inject, Injectable, signal } from '@angular/core';
import { LocalizedText } from '@vanthu/shared/contracts';
import { MESSAGES_EN } from './messages.en';
import { MessageKey, Messages, MESSAGES_VI } from './messages.vi';

/** The languages the product speaks, Vietnamese first. */
export type Language = keyof LocalizedText;

export const LANGUAGES: readonly Language[] = ['vi', 'en'];
export const DEFAULT_LANGUAGE: Language = 'vi';

/** Only a display preference lives in localStorage, never anything that grants access. */
export const LANGUAGE_STORAGE_KEY = 'vanthu.language';

/** Values for `{placeholder}`s in a message. */
export type MessageParams = Readonly<Record<string, string | number>>;

const DICTIONARIES: Readonly<Record<Language, Messages>> = { vi: MESSAGES_VI, en: MESSAGES_EN };

function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

function format(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A message in both languages, for texts that are kept and shown later (errors). */
export function localize(key: MessageKey, params?: MessageParams): LocalizedText {
  return { vi: format(MESSAGES_VI[key], params), en: format(MESSAGES_EN[key], params) };
}

/**
 * The current language as a signal and the lookup of texts in it. Reading {@link t} inside
 * a template or `computed` makes it follow language changes.
 */
@Injectable({ providedIn: 'root' })
export class I18n {
  private readonly document = inject(DOCUMENT);
  private readonly current = signal<Language>(this.readStoredLanguage());

  /** The language texts are shown in. */
  readonly language = this.current.asReadonly();

  constructor() {
    // Screen readers and the browser's hyphenation follow <html lang>.
    effect(() => {
      this.document.documentElement.lang = this.current();
    });
  }

  setLanguage(language: Language): void {
    this.current.set(language);
    try {
      this.document.defaultView?.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
    } catch {
      // Storage may be disabled (private mode); the choice then lasts for this page only.
    }
  }

  /** The text for `key` in the current language, with `{placeholders}` filled. */
  t(key: MessageKey, params?: MessageParams): string {
    return format(DICTIONARIES[this.current()][key], params);
  }

  /** The current language's side of a bilingual text, such as an API error message. */
  text(text: LocalizedText): string {
    return text[this.current()];
  }

  private readStoredLanguage(): Language {
    try {
      const stored = this.document.defaultView?.localStorage.getItem(LANGUAGE_STORAGE_KEY);
      return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
    } catch {
      return DEFAULT_LANGUAGE;
    }
  }
}
