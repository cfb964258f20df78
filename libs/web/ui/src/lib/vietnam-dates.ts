import { EnvironmentProviders, Injectable, makeEnvironmentProviders } from '@angular/core';
import { DateAdapter, MAT_DATE_FORMATS, MAT_DATE_LOCALE, MatDateFormats, NativeDateAdapter } from '@angular/material/core';

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Dates typed and shown as dd/MM/yyyy whatever the browser's language (a Chromium set to
 * English would otherwise show mm/dd/yyyy), weeks starting on Monday as Vietnamese calendars do.
 */
@Injectable()
export class VietnamDateAdapter extends NativeDateAdapter {
  override format(date: Date, displayFormat: object): string {
    if ((displayFormat as { vt?: string }).vt === 'day') return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${date.getFullYear()}`;
    return super.format(date, displayFormat);
  }

  override parse(value: unknown, parseFormat?: unknown): Date | null {
    if (typeof value === 'string') {
      const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(value);
      if (match) {
        const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
        const date = new Date(year, month - 1, day);
        // 31/02/2026 is not a day: refuse it rather than roll it into March.
        return date.getDate() === day && date.getMonth() === month - 1 ? date : this.invalid();
      }
      if (/^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return fromIsoDay(value.trim());
      return value.trim() ? this.invalid() : null;
    }
    return super.parse(value, parseFormat);
  }

  override getFirstDayOfWeek(): number {
    return 1;
  }
}

export const VIETNAM_DATE_FORMATS: MatDateFormats = {
  parse: { dateInput: { vt: 'day' } },
  display: {
    dateInput: { vt: 'day' },
    monthYearLabel: { year: 'numeric', month: 'short' },
    dateA11yLabel: { year: 'numeric', month: 'long', day: 'numeric' },
    monthYearA11yLabel: { year: 'numeric', month: 'long' },
  },
};

/** The Material datepicker speaking dd/MM/yyyy. */
export function provideVietnamDates(): EnvironmentProviders {
  return makeEnvironmentProviders([
    { provide: MAT_DATE_LOCALE, useValue: 'vi-VN' },
    { provide: DateAdapter, useClass: VietnamDateAdapter },
    { provide: MAT_DATE_FORMATS, useValue: VIETNAM_DATE_FORMATS },
  ]);
}

/** The calendar day a datepicker chose, as the API's `YYYY-MM-DD`. */
export function toIsoDay(date: Date | null | undefined): string {
  if (!date || Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A `YYYY-MM-DD` day as a local Date for the datepicker. */
export function fromIsoDay(day: string | null | undefined): Date | null {
  if (!day) return null;
  const [year, month, date] = day.slice(0, 10).split('-').map(Number);
  return new Date(year, month - 1, date);
}
