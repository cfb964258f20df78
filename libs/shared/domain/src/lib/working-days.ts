import { LocalizedText } from '@vanthu/shared/contracts';

import { DayInput, IsoDate, addCalendarDays, epochDay, isIsoDate, toIsoDate } from './dates';

/**
 * The days off and extra working days that make a public servant's working calendar, beyond
 * Monday–Friday. The server loads it from the table an administrator edits.
 */
export interface WorkingCalendar {
  /** Weekdays off: public holidays, compensatory days (nghỉ bù) and days swapped off (hoán đổi). */
  holidays: readonly IsoDate[];
  /** Saturdays or Sundays worked in exchange for a swapped day off (ngày làm bù). */
  makeUpWorkingDays?: readonly IsoDate[];
}

/** Either a plain list of days off (`'2026-04-30'`, …) or a full {@link WorkingCalendar}. */
export type HolidayTable = readonly IsoDate[] | WorkingCalendar;

interface CompiledCalendar {
  off: ReadonlySet<number>;
  on: ReadonlySet<number>;
}

const compiled = new WeakMap<object, CompiledCalendar>();

function toEpochDays(days: readonly IsoDate[], what: string): Set<number> {
  const set = new Set<number>();
  for (const day of days) {
    if (!isIsoDate(day)) throw new RangeError(`${what} must be YYYY-MM-DD dates: ${JSON.stringify(day)}`);
    set.add(epochDay(day));
  }
  return set;
}

// Tables are read once per table object: deadline lists check thousands of items against one table.
function compile(table: HolidayTable): CompiledCalendar {
  const cached = compiled.get(table);
  if (cached) return cached;
  const calendar: WorkingCalendar = isHolidayList(table) ? { holidays: table } : table;
  const result = {
    off: toEpochDays(calendar.holidays, 'Holidays'),
    on: toEpochDays(calendar.makeUpWorkingDays ?? [], 'Make-up working days'),
  };
  compiled.set(table, result);
  return result;
}

function isHolidayList(table: HolidayTable): table is readonly IsoDate[] {
  return Array.isArray(table);
}

function isWorkingEpochDay(day: number, calendar: CompiledCalendar): boolean {
  if (calendar.on.has(day)) return true;
  const weekday = (((day + 4) % 7) + 7) % 7;
  return weekday !== 0 && weekday !== 6 && !calendar.off.has(day);
}

/**
 * Whether public servants work on a day: Monday–Friday that is not a holiday, or a weekend day
 * listed as a make-up working day. Decree 30/2020 deadlines and reminders count such days.
 */
export function isWorkingDay(day: DayInput, holidays: HolidayTable): boolean {
  return isWorkingEpochDay(epochDay(day), compile(holidays));
}

/**
 * The day `n` working days after `day` (before it when `n` is negative), counting from the day
 * after: Friday + 1 is Monday, Saturday + 1 is Monday too. The start day itself never counts, so
 * the result is always a working day when `n` ≠ 0; `n` = 0 returns `day` unchanged.
 */
export function addWorkingDays(day: DayInput, n: number, holidays: HolidayTable): IsoDate {
  if (!Number.isInteger(n)) throw new RangeError(`Working-day count must be an integer: ${n}`);
  const calendar = compile(holidays);
  const step = n < 0 ? -1 : 1;
  let current = epochDay(day);
  let remaining = Math.abs(n);
  while (remaining > 0) {
    current += step;
    if (isWorkingEpochDay(current, calendar)) remaining--;
  }
  return addCalendarDays(toIsoDate(day), current - epochDay(day));
}

/**
 * Working days from `from` to `to`: those after `from` up to and including `to`, the same
 * half-open counting as {@link addWorkingDays} (so `addWorkingDays(a, workingDaysBetween(a, b))`
 * is `b` whenever `b` is a working day). The same day gives 0; Friday to Monday gives 1;
 * Saturday to Sunday gives 0. Negative when `to` is before `from`.
 */
export function workingDaysBetween(from: DayInput, to: DayInput, holidays: HolidayTable): number {
  const calendar = compile(holidays);
  const a = epochDay(from);
  const b = epochDay(to);
  const [low, high, sign] = a <= b ? [a, b, 1] : [b, a, -1];
  let count = 0;
  for (let day = low + 1; day <= high; day++) {
    if (isWorkingEpochDay(day, calendar)) count++;
  }
  return sign * count;
}

/** Why a day is in the seeded calendar. */
export type HolidayKind =
  /** a public holiday itself (Labour Code 2019, Article 112) */
  | 'holiday'
  /** nghỉ bù: a weekday off because a holiday fell on a weekend */
  | 'compensatory'
  /** hoán đổi: a working day swapped off, worked back on a make-up day */
  | 'swapped-off'
  /** ngày làm bù: a weekend day worked in exchange for a swapped day */
  | 'make-up-working-day';

/** One row of the seeded holiday table. */
export interface HolidaySeed {
  date: IsoDate;
  kind: HolidayKind;
  name: LocalizedText;
}

const NEW_YEAR: LocalizedText = { vi: 'Tết Dương lịch', en: "New Year's Day" };
const TET: LocalizedText = { vi: 'Tết Nguyên đán', en: 'Lunar New Year (Tết)' };
const HUNG_KINGS: LocalizedText = { vi: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', en: "Hùng Kings' Commemoration" };
const REUNIFICATION: LocalizedText = { vi: 'Ngày Chiến thắng (30/4)', en: 'Reunification Day' };
const LABOUR_DAY: LocalizedText = { vi: 'Ngày Quốc tế Lao động (1/5)', en: 'International Labour Day' };
const NATIONAL_DAY: LocalizedText = { vi: 'Quốc khánh (2/9)', en: 'National Day' };

function seed(date: IsoDate, kind: HolidayKind, name: LocalizedText): HolidaySeed {
  return { date, kind, name };
}

/**
 * The public servants' calendar for 2026 and 2027, to seed the table administrators edit.
 * Labour Code 2019, Article 112: 1/1; Tết 5 days; Hùng Kings 10/3 lunar; 30/4; 1/5; 2/9 plus one
 * adjacent day; a holiday on a weekend is made up on the next working day(s).
 *
 * Lunar dates computed with the Vietnamese lunar calendar (UTC+7, Hồ Ngọc Đức's algorithm): Tết 17/02/2026 and 06/02/2027,
 * Hùng Kings 26/04/2026 (a Sunday) and 16/04/2027.
 *
 * 2026 as announced: New Year 1/1 plus 2/1 swapped off, worked back on Saturday 10/1; Tết off
 * Monday 16/2 (29 Tết) – Friday 20/2 (mùng 4); Hùng Kings made up on Monday 27/4; 30/4 and 1/5 on
 * Thursday and Friday.
 * Assumed, not yet announced when written (an administrator corrects the table):
 * - 2026 National Day: 2/9 (Wednesday) with Tuesday 1/9 as the adjacent day;
 * - 2027 Tết: Friday 5/2 (29 Tết, the year's last day) – Tuesday 9/2 (mùng 4), with Saturday 6/2 and
 *   Sunday 7/2 made up on Wednesday 10/2 and Thursday 11/2; no swapped days;
 * - 2027 National Day: 2/9 (Thursday) with Friday 3/9 as the adjacent day;
 * - 2027: 1/5 is a Saturday, made up on Monday 3/5.
 */
export const DEFAULT_HOLIDAY_SEEDS: readonly HolidaySeed[] = [
  seed('2026-01-01', 'holiday', NEW_YEAR),
  seed('2026-01-02', 'swapped-off', NEW_YEAR),
  seed('2026-01-10', 'make-up-working-day', NEW_YEAR),
  seed('2026-02-16', 'holiday', TET),
  seed('2026-02-17', 'holiday', TET),
  seed('2026-02-18', 'holiday', TET),
  seed('2026-02-19', 'holiday', TET),
  seed('2026-02-20', 'holiday', TET),
  seed('2026-04-26', 'holiday', HUNG_KINGS),
  seed('2026-04-27', 'compensatory', HUNG_KINGS),
  seed('2026-04-30', 'holiday', REUNIFICATION),
  seed('2026-05-01', 'holiday', LABOUR_DAY),
  seed('2026-09-01', 'holiday', NATIONAL_DAY),
  seed('2026-09-02', 'holiday', NATIONAL_DAY),

  seed('2027-01-01', 'holiday', NEW_YEAR),
  seed('2027-02-05', 'holiday', TET),
  seed('2027-02-06', 'holiday', TET),
  seed('2027-02-07', 'holiday', TET),
  seed('2027-02-08', 'holiday', TET),
  seed('2027-02-09', 'holiday', TET),
  seed('2027-02-10', 'compensatory', TET),
  seed('2027-02-11', 'compensatory', TET),
  seed('2027-04-16', 'holiday', HUNG_KINGS),
  seed('2027-04-30', 'holiday', REUNIFICATION),
  seed('2027-05-01', 'holiday', LABOUR_DAY),
  seed('2027-05-03', 'compensatory', LABOUR_DAY),
  seed('2027-09-02', 'holiday', NATIONAL_DAY),
  seed('2027-09-03', 'holiday', NATIONAL_DAY),
];

/**
 * Days off in 2026 and 2027 (holidays, compensatory and swapped days), from
 * {@link DEFAULT_HOLIDAY_SEEDS}. A holiday on a weekend is listed too, harmlessly: what moves the
 * count is its compensatory weekday beside it.
 */
export const DEFAULT_HOLIDAYS: readonly IsoDate[] = DEFAULT_HOLIDAY_SEEDS.filter(
  (s) => s.kind !== 'make-up-working-day',
).map((s) => s.date);

/** Weekend days worked in 2026 and 2027 in exchange for a swapped day off (Saturday 10/01/2026). */
export const DEFAULT_MAKE_UP_WORKING_DAYS: readonly IsoDate[] = DEFAULT_HOLIDAY_SEEDS.filter(
  (s) => s.kind === 'make-up-working-day',
).map((s) => s.date);

/** The seeded 2026–2027 calendar, holidays and make-up working days together. */
export const DEFAULT_WORKING_CALENDAR: WorkingCalendar = {
  holidays: DEFAULT_HOLIDAYS,
  makeUpWorkingDays: DEFAULT_MAKE_UP_WORKING_DAYS,
};
