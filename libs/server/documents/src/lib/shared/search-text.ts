import { foldVietnamese } from '@vanthu/shared/domain';

/** The folded text searched by `q`: symbol, subject and sender, diacritics-free. */
export function searchTextOf(parts: Array<string | number | null | undefined>): string {
  return foldVietnamese(parts.filter((p) => p !== null && p !== undefined && p !== '').join(' ')).slice(0, 4000);
}
