/**
 * Folds Vietnamese text for diacritics-insensitive search: "Quyết định" → "quyet dinh".
 * đ/Đ are separate letters, not a base letter with a combining mark, so NFD alone keeps them.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
