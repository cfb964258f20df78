import { DOCUMENT_TYPES, DocumentType } from '@vanthu/shared/contracts';
import { foldVietnamese } from '@vanthu/shared/domain';

// Each word is stored folded (no diacritics, lower case) and marked with a leading "v" (and a
// trailing "_" when a single character), so that every word, however short ("kế hoạch" → "ke"),
// is a distinct term and a prefix of one word never reaches into the next. Digits lose leading
// zeros so "05/QĐ" and "5/qd" meet.
function token(word: string): string {
  const w = /^\d+$/.test(word) ? String(Number(word)) : word;
  return w.length === 1 ? `v${w}_` : `v${w}`;
}

function words(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** What a document is found by: its type, number and symbol, arrival number, subject and sender. */
export function searchTextOf(d: {
  type: DocumentType;
  symbol?: string | null;
  subject: string;
  senderName?: string | null;
  arrivalNumber?: number | null;
  organisationName?: string | null;
}): string {
  const parts = [DOCUMENT_TYPES[d.type].name.vi, d.symbol, d.subject, d.senderName, d.organisationName, d.arrivalNumber ? String(d.arrivalNumber) : null];
  const tokens = new Set<string>();
  for (const part of parts) if (part) for (const w of words(part)) tokens.add(token(w));
  return [...tokens].join(' ').slice(0, 8000);
}

/** A searched word: a whole word, or (the last one typed) a prefix. */
export interface SearchTerm {
  token: string;
  prefix: boolean;
}

/**
 * The words to find for what a user typed: every word required, the last one as a prefix (so
 * results narrow while typing). Empty when nothing searchable was typed.
 */
export function searchTermsOf(q: string): SearchTerm[] {
  const typed = [...new Set(words(q))].slice(0, 8);
  return typed.map((w, i) => ({ token: token(w), prefix: i === typed.length - 1 && w.length > 1 }));
}

/** The stored words of a document's search text. */
export function termsOf(searchText: string): string[] {
  return [...new Set(searchText.split(' ').filter(Boolean))];
}
