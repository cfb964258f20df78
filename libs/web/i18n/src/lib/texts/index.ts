import { LocalizedText } from '@vanthu/shared/contracts';
import { ADMIN_TEXTS } from './admin';
import { COMMON_TEXTS } from './common';
import { DOCUMENT_TEXTS } from './documents';
import { EXCHANGE_TEXTS } from './exchange';
import { RECORD_TEXTS } from './records';
import { REPORT_TEXTS } from './reports';
import { SIGNING_TEXTS } from './signing';

/** Every feature text in both languages, by key. */
export const TEXTS = {
  ...COMMON_TEXTS,
  ...DOCUMENT_TEXTS,
  ...SIGNING_TEXTS,
  ...REPORT_TEXTS,
  ...ADMIN_TEXTS,
  ...EXCHANGE_TEXTS,
  ...RECORD_TEXTS,
};

/** One language's side of a table of bilingual texts. */
export function languageSide<T extends Record<string, LocalizedText>>(texts: T, language: keyof LocalizedText): { [K in keyof T]: string } {
  const side = {} as { [K in keyof T]: string };
  for (const key of Object.keys(texts) as (keyof T)[]) side[key] = texts[key][language];
  return side;
}
