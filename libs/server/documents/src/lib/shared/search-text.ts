import { DOCUMENT_TYPES, DocumentType } from '@vanthu/shared/contracts';
import { foldVietnamese } from '@vanthu/shared/domain';

// MariaDB's InnoDB full-text index skips words under 3 characters (innodb_ft_min_token_size) and a
// stop-word list, and Vietnamese is full of 2-letter words ("kế hoạch" → "ke"). Each stored word
// is therefore marked with a leading "v" (and a trailing "_" when a single character), which no
// server setting can drop. Digits lose leading zeros so "05/QĐ" and "5/qd" meet.
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

/**
 * The full-text query for what a user typed: every word required, the last one as a prefix (so
 * results narrow while typing). Null when nothing searchable was typed.
 */
export function searchQueryOf(q: string): string | null {
  const typed = words(q).slice(0, 12);
  if (!typed.length) return null;
  return typed.map((w, i) => (i === typed.length - 1 && w.length > 1 ? `+${token(w)}*` : `+${token(w)}`)).join(' ');
}
