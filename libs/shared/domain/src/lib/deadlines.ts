import { DeadlineStatus, LocalizedText } from '@vanthu/shared/contracts';

import { DayInput, epochDay } from './dates';
import { formatNumber } from './numbers';
import { HolidayTable, workingDaysBetween } from './working-days';

/** A final status: how a completed item stood against its deadline. */
export type CompletionStatus = DeadlineStatus.Early | DeadlineStatus.OnTime | DeadlineStatus.Late;

/**
 * How a completion stands against a deadline. The deadline is a calendar day in Vietnam and the
 * whole of that day counts: completed on an earlier day is early (trước hạn), any time on the
 * deadline day — 23:59 included — is on time (đúng hạn), a later day is late (trễ hạn).
 */
export function classifyCompletion(deadline: DayInput, completedAt: DayInput): CompletionStatus {
  const due = epochDay(deadline);
  const done = epochDay(completedAt);
  if (done < due) return DeadlineStatus.Early;
  if (done === due) return DeadlineStatus.OnTime;
  return DeadlineStatus.Late;
}

/** Whether an open item is overdue (quá hạn) at `now`: the deadline day is over in Vietnam. */
export function isOverdue(deadline: DayInput, now: DayInput): boolean {
  return epochDay(now) > epochDay(deadline);
}

/**
 * Where an item stands: its completion status when completed, otherwise overdue (quá hạn) once
 * the deadline day is over and in progress until then.
 */
export function deadlineStatus(deadline: DayInput, now: DayInput, completedAt?: DayInput | null): DeadlineStatus {
  if (completedAt !== undefined && completedAt !== null) return classifyCompletion(deadline, completedAt);
  return isOverdue(deadline, now) ? DeadlineStatus.Overdue : DeadlineStatus.InProgress;
}

/**
 * Whether an open item should be reminded of: its deadline is today or at most
 * `windowWorkingDays` working days ahead (a deadline on a weekend or holiday counts as the
 * working day before it). Past deadlines are not "due soon" but overdue.
 * The window counts working days because reminders follow the office's days, not the calendar's.
 */
export function dueSoon(deadline: DayInput, now: DayInput, windowWorkingDays: number, holidays: HolidayTable): boolean {
  if (!Number.isInteger(windowWorkingDays) || windowWorkingDays < 0) {
    throw new RangeError(`The reminder window is a whole number of working days from 0: ${windowWorkingDays}`);
  }
  if (isOverdue(deadline, now)) return false;
  return workingDaysBetween(now, deadline, holidays) <= windowWorkingDays;
}

/** Counts of items by deadline status, as a report's columns. */
export interface DeadlineTally {
  early: number;
  onTime: number;
  late: number;
  overdue: number;
  inProgress: number;
}

/** Counts statuses into a {@link DeadlineTally}. */
export function tallyDeadlineStatuses(statuses: Iterable<DeadlineStatus>): DeadlineTally {
  const tally: DeadlineTally = { early: 0, onTime: 0, late: 0, overdue: 0, inProgress: 0 };
  for (const status of statuses) {
    switch (status) {
      case DeadlineStatus.Early:
        tally.early++;
        break;
      case DeadlineStatus.OnTime:
        tally.onTime++;
        break;
      case DeadlineStatus.Late:
        tally.late++;
        break;
      case DeadlineStatus.Overdue:
        tally.overdue++;
        break;
      case DeadlineStatus.InProgress:
        tally.inProgress++;
        break;
      default:
        throw new RangeError(`Unknown deadline status: ${JSON.stringify(status)}`);
    }
  }
  return tally;
}

type CompletionCounts = Pick<DeadlineTally, 'early' | 'onTime' | 'late'>;

/** Completed items: early + on time + late (open items, overdue or not, are not completed). */
export function completedCount(tally: CompletionCounts): number {
  return tally.early + tally.onTime + tally.late;
}

/**
 * The published on-time rate, (early + on time) / completed, between 0 and 1; null when nothing
 * is completed, because 0 % and 100 % would both be false. Open overdue items do not lower it:
 * the districts' figure is over completed items.
 */
export function onTimeRate(tally: CompletionCounts): number | null {
  const completed = completedCount(tally);
  return completed === 0 ? null : (tally.early + tally.onTime) / completed;
}

/**
 * A rate as a percentage with one decimal, rounded half away from zero, but never shown as 100 %
 * while something was late nor 0 % while something was on time (99,96 % prints 99,9 %).
 */
function ratePercent(rate: number): number {
  // Shift the decimal point in the text: 201/400 × 1000 is 502.4999… in binary, yet 50.25 % must print 50.3 %.
  const text = String(rate);
  const permille = text.includes('e') ? rate * 1000 : Number(`${text}e3`);
  const percent = Math.round(permille) / 10;
  if (rate < 1 && percent >= 100) return 99.9;
  if (rate > 0 && percent <= 0) return 0.1;
  return percent;
}

/**
 * The districts' published wording of the on-time figure: "2.325 văn bản đúng hạn, đạt 96,3%"
 * or "2,325 on time, 96.3%", where the count is early + on time. With nothing completed:
 * "chưa có văn bản hoàn thành" / "nothing completed yet".
 */
export function formatOnTimeRate(tally: CompletionCounts, language: keyof LocalizedText): string {
  const rate = onTimeRate(tally);
  if (rate === null) return language === 'vi' ? 'chưa có văn bản hoàn thành' : 'nothing completed yet';
  const count = formatNumber(tally.early + tally.onTime, language);
  const percent = `${formatNumber(ratePercent(rate), language, { maximumFractionDigits: 1 })}%`;
  return language === 'vi' ? `${count} văn bản đúng hạn, đạt ${percent}` : `${count} on time, ${percent}`;
}
