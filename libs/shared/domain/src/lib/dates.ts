/**
 * A calendar date, `YYYY-MM-DD` (ISO 8601), with no time and no zone: a deadline, a holiday, an
 * issue date as printed. Plain string so that it crosses JSON and `DATE` columns unchanged.
 */
export type IsoDate = string;

/**
 * A day given either as a calendar date (`'2024-03-05'`) or as an instant (`Date`), which is
 * read as the day it falls on in Vietnam.
 */
export type DayInput = IsoDate | Date;

/** Vietnam's offset from UTC: +07:00 all year (Asia/Ho_Chi_Minh has had no daylight saving since 1975). */
export const VIETNAM_UTC_OFFSET_MINUTES = 7 * 60;

const OFFSET_MS = VIETNAM_UTC_OFFSET_MINUTES * 60_000;
const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The fields of an instant as a clock and calendar in Vietnam show them. */
export interface VietnamParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** 0 = Sunday … 6 = Saturday, as `Date.getDay()`. */
  weekday: number;
}

function assertValidInstant(date: Date): void {
  if (!(date instanceof Date) || Number.isNaN(date.getTime())) {
    throw new RangeError(`Not a valid date: ${String(date)}`);
  }
}

/**
 * Splits an instant into Vietnam-time fields, without a time-zone library: shifting by the
 * fixed +7 h and reading the UTC fields gives the wall clock in Hà Nội whatever the machine's zone.
 */
export function toVietnamParts(date: Date): VietnamParts {
  assertValidInstant(date);
  const shifted = new Date(date.getTime() + OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    millisecond: shifted.getUTCMilliseconds(),
    weekday: shifted.getUTCDay(),
  };
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

/** Whether a string is a real calendar date in `YYYY-MM-DD` form (rejects `2026-02-30`). */
export function isIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  probe.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** Splits a `YYYY-MM-DD` date into numbers; throws a RangeError when it is not a real date. */
export function parseIsoDate(value: IsoDate): { year: number; month: number; day: number } {
  if (!isIsoDate(value)) {
    throw new RangeError(`Not a calendar date in YYYY-MM-DD form: ${JSON.stringify(value)}`);
  }
  const [year, month, day] = value.split('-').map(Number);
  return { year, month, day };
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in Vietnam, or a validated copy of a date string. */
export function toIsoDate(day: DayInput): IsoDate {
  if (typeof day === 'string') {
    parseIsoDate(day);
    return day;
  }
  const p = toVietnamParts(day);
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}`;
}

/** The instant a Vietnam calendar day begins (00:00:00 +07:00), e.g. for a report period's lower bound. */
export function startOfVietnamDay(day: DayInput): Date {
  const { year, month, day: d } = parseIsoDate(toIsoDate(day));
  const utcMidnight = new Date(Date.UTC(year, month - 1, d));
  utcMidnight.setUTCFullYear(year);
  return new Date(utcMidnight.getTime() - OFFSET_MS);
}

/** Days since 1970-01-01 for a calendar date; the arithmetic base of working-day counting. */
export function epochDay(day: DayInput): number {
  const { year, month, day: d } = parseIsoDate(toIsoDate(day));
  const utcMidnight = new Date(Date.UTC(year, month - 1, d));
  utcMidnight.setUTCFullYear(year);
  return Math.round(utcMidnight.getTime() / DAY_MS);
}

/** The calendar date `n` days after (or before, when negative) a day. */
export function addCalendarDays(day: DayInput, n: number): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Day count must be an integer: ${n}`);
  const d = new Date((epochDay(day) + n) * DAY_MS);
  return `${pad4(d.getUTCFullYear())}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
}

/** Day of the week of a calendar day, 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: DayInput): number {
  // 1970-01-01 was a Thursday (4).
  return (((epochDay(day) + 4) % 7) + 7) % 7;
}

/** Screens' date: `05/03/2024` (dd/MM/yyyy), in Vietnam time. */
export function formatDate(day: DayInput): string {
  const { year, month, day: d } = parseIsoDate(toIsoDate(day));
  return `${pad2(d)}/${pad2(month)}/${pad4(year)}`;
}

/** Screens' date and time: `05/03/2024 09:41`, 24-hour clock, in Vietnam time. */
export function formatDateTime(date: Date): string {
  const p = toVietnamParts(date);
  return `${pad2(p.day)}/${pad2(p.month)}/${pad4(p.year)} ${pad2(p.hour)}:${pad2(p.minute)}`;
}

/**
 * ISO 8601 with Vietnam's offset and whole seconds: `2024-03-05T09:41:07+07:00`.
 * Decree 30/2020, Appendix I: the organisation signature's time is shown in Vietnam time, ISO 8601.
 */
export function formatIsoVietnam(date: Date): string {
  const p = toVietnamParts(date);
  return `${pad4(p.year)}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}+07:00`;
}

/**
 * The place-and-date line of a document: `Tuy Đức, ngày 05 tháng 3 năm 2024`.
 * Decree 30/2020, Appendix I: days below 10 and months 1 and 2 take a leading zero
 * (`ngày 05 tháng 02`), other months do not (`tháng 3`, `tháng 12`).
 */
export function formatPlaceAndDate(place: string, day: DayInput): string {
  const { year, month, day: d } = parseIsoDate(toIsoDate(day));
  const monthText = month <= 2 ? pad2(month) : String(month);
  const trimmed = place.trim();
  const dateText = `ngày ${pad2(d)} tháng ${monthText} năm ${year}`;
  return trimmed ? `${trimmed}, ${dateText}` : dateText;
}
