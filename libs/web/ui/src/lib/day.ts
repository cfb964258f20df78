import { DayInput, toIsoDate } from '@vanthu/shared/domain';

/** A calendar day or an instant from the API (`2026-03-05` or `2026-03-05T02:41:07.000Z`) as a domain day. */
export function asDay(value: string | Date): DayInput {
  return typeof value === 'string' && value.length > 10 ? new Date(value) : value;
}

/** Today in Vietnam, as `YYYY-MM-DD`. */
export function vietnamToday(now: Date = new Date()): string {
  return toIsoDate(now);
}
