import { TestBed } from '@angular/core/testing';
import { DateAdapter } from '@angular/material/core';
import { fromIsoDay, provideVietnamDates, toIsoDay, VIETNAM_DATE_FORMATS } from './vietnam-dates';

describe('VietnamDateAdapter', () => {
  let adapter: DateAdapter<Date>;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideVietnamDates()] });
    adapter = TestBed.inject(DateAdapter);
  });

  it('shows and reads dates as dd/MM/yyyy', () => {
    const date = new Date(2026, 2, 5);
    expect(adapter.format(date, VIETNAM_DATE_FORMATS.display.dateInput)).toBe('05/03/2026');
    expect(toIsoDay(adapter.parse('5/3/2026', VIETNAM_DATE_FORMATS.parse.dateInput))).toBe('2026-03-05');
    expect(toIsoDay(adapter.parse('05/03/2026', VIETNAM_DATE_FORMATS.parse.dateInput))).toBe('2026-03-05');
  });

  it('refuses a day that does not exist instead of rolling it over', () => {
    const parsed = adapter.parse('31/02/2026', VIETNAM_DATE_FORMATS.parse.dateInput);
    expect(parsed && adapter.isValid(parsed)).toBe(false);
  });

  it('starts weeks on Monday and round-trips API days', () => {
    expect(adapter.getFirstDayOfWeek()).toBe(1);
    expect(toIsoDay(fromIsoDay('2026-12-31'))).toBe('2026-12-31');
    expect(toIsoDay(null)).toBe('');
  });
});
