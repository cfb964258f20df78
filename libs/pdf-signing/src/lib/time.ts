// Vietnam is UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact.
const OFFSET_MS = 7 * 3_600_000;

const two = (n: number) => String(n).padStart(2, '0');

function vietnamFields(date: Date) {
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: String(shifted.getUTCFullYear()).padStart(4, '0'),
    month: two(shifted.getUTCMonth() + 1),
    day: two(shifted.getUTCDate()),
    hour: two(shifted.getUTCHours()),
    minute: two(shifted.getUTCMinutes()),
    second: two(shifted.getUTCSeconds()),
  };
}

/** ISO 8601 in Vietnam time, as Decree 30 asks appearances to show it: `2024-03-05T09:41:07+07:00`. */
export function vietnamIso(date: Date): string {
  const f = vietnamFields(date);
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}+07:00`;
}

/** As people read a time in Vietnam: `09:41:07 ngày 05/03/2024` (vi) or `05/03/2024 09:41:07 (UTC+7)` (en). */
export function vietnamReadable(date: Date): { vi: string; en: string } {
  const f = vietnamFields(date);
  const day = `${f.day}/${f.month}/${f.year}`;
  const time = `${f.hour}:${f.minute}:${f.second}`;
  return { vi: `${time} ngày ${day}`, en: `${day} ${time} (UTC+7)` };
}

/** A PDF date (PDF 32000 §7.9.4) in Vietnam time: `D:20240305094107+07'00'`. */
export function pdfDate(date: Date): string {
  const f = vietnamFields(date);
  return `D:${f.year}${f.month}${f.day}${f.hour}${f.minute}${f.second}+07'00'`;
}

/** Reads a PDF date (`D:YYYYMMDDHHmmSS+HH'mm'`, every part after the year optional); null when it is not one. */
export function parsePdfDate(text: string): Date | null {
  const m = /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(text.trim());
  if (!m) return null;
  const utc = Date.UTC(Number(m[1]), Number(m[2] ?? 1) - 1, Number(m[3] ?? 1), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const offset = m[8] ? (m[8] === '-' ? -1 : 1) * (Number(m[9]) * 60 + Number(m[10] ?? 0)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}
