/**
 * edXML writes dates as `yyyy/MM/dd` and instants as `yyyy/MM/dd HH:mm:ss` without a zone; both
 * are Vietnam time (UTC+7, no daylight saving). VănThư keeps ISO dates and UTC instants.
 */

const VIETNAM_OFFSET_MS = 7 * 3600_000;

/** `2026/03/05` or `2026-03-05` (a time after it is ignored) → `2026-03-05`; null when not a real date. */
export function parseEdxmlDate(raw: string | null | undefined): string | null {
  const m = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$/.exec((raw ?? '').trim());
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${m[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `2026-03-05` → `2026/03/05`. */
export function formatEdxmlDate(iso: string): string {
  return iso.slice(0, 10).replace(/-/g, '/');
}

/** `2026/03/05 14:30:00` (Vietnam time), or an ISO instant with its zone → ISO UTC; null when unreadable. */
export function parseEdxmlTimestamp(raw: string | null | undefined): string | null {
  const text = (raw ?? '').trim();
  const m = /^(\d{4})[/-](\d{2})[/-](\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?$/.exec(text);
  if (m) {
    const utc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0)) - VIETNAM_OFFSET_MS;
    return Number.isNaN(utc) ? null : new Date(utc).toISOString();
  }
  if (/^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:?\d{2})$/.test(text)) {
    const t = Date.parse(text);
    return Number.isNaN(t) ? null : new Date(t).toISOString();
  }
  return null;
}

/** An instant → `yyyy/MM/dd HH:mm:ss` in Vietnam time. */
export function formatEdxmlTimestamp(at: Date): string {
  const v = new Date(at.getTime() + VIETNAM_OFFSET_MS).toISOString();
  return `${v.slice(0, 10).replace(/-/g, '/')} ${v.slice(11, 19)}`;
}

/** DocumentId: `senderOrganId,yyyy/MM/dd,number/notation` (QCVN 102:2016). */
export function formatDocumentId(organId: string, isoDate: string, number: string, notation: string): string {
  return `${organId},${formatEdxmlDate(isoDate)},${number}/${notation}`;
}
