import {
  addCalendarDays,
  epochDay,
  formatDate,
  formatDateTime,
  formatIsoVietnam,
  formatPlaceAndDate,
  isIsoDate,
  parseIsoDate,
  startOfVietnamDay,
  toIsoDate,
  toVietnamParts,
  weekdayOf,
} from './dates';

describe('toVietnamParts', () => {
  it('reads the wall clock in Hà Nội, seven hours ahead of UTC', () => {
    expect(toVietnamParts(new Date('2024-03-05T02:41:07.250Z'))).toEqual({
      year: 2024,
      month: 3,
      day: 5,
      hour: 9,
      minute: 41,
      second: 7,
      millisecond: 250,
      weekday: 2,
    });
  });

  it('moves to the next day, month and year when UTC is still on the evening before', () => {
    const p = toVietnamParts(new Date('2024-12-31T17:30:00Z'));
    expect([p.year, p.month, p.day, p.hour, p.minute, p.weekday]).toEqual([2025, 1, 1, 0, 30, 3]);
  });

  it('keeps +07:00 in what would be summer elsewhere (no daylight saving)', () => {
    expect(toVietnamParts(new Date('2024-07-01T00:00:00Z')).hour).toBe(7);
    expect(toVietnamParts(new Date('2024-01-01T00:00:00Z')).hour).toBe(7);
  });

  it('refuses an invalid date rather than printing NaN', () => {
    expect(() => toVietnamParts(new Date('not a date'))).toThrow(RangeError);
  });
});

describe('calendar dates', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-13-01')).toBe(false);
    expect(isIsoDate('2026-4-30')).toBe(false);
    expect(isIsoDate('30/04/2026')).toBe(false);
    expect(() => parseIsoDate('2026-02-30')).toThrow(RangeError);
    expect(parseIsoDate('2026-04-30')).toEqual({ year: 2026, month: 4, day: 30 });
  });

  it('gives the Vietnam calendar day of an instant', () => {
    expect(toIsoDate(new Date('2024-03-04T17:00:00Z'))).toBe('2024-03-05');
    expect(toIsoDate(new Date('2024-03-04T16:59:59.999Z'))).toBe('2024-03-04');
    expect(toIsoDate('2024-03-05')).toBe('2024-03-05');
    expect(() => toIsoDate('2024-3-5')).toThrow(RangeError);
  });

  it('starts a Vietnam day at 17:00 UTC the day before', () => {
    expect(startOfVietnamDay('2024-03-05').toISOString()).toBe('2024-03-04T17:00:00.000Z');
    expect(startOfVietnamDay(new Date('2024-03-05T16:00:00Z')).toISOString()).toBe('2024-03-04T17:00:00.000Z');
  });

  it('adds calendar days across month, leap-day and year ends', () => {
    expect(addCalendarDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addCalendarDays('2024-02-29', 1)).toBe('2024-03-01');
    expect(addCalendarDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addCalendarDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(epochDay('1970-01-02')).toBe(1);
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-02-17')).toBe(2); // Tết 2026 is a Tuesday
    expect(weekdayOf('2026-04-26')).toBe(0); // Hùng Kings 2026 is a Sunday
    expect(weekdayOf('1969-12-31')).toBe(3);
  });
});

describe('formatDate and formatDateTime', () => {
  it('prints dd/MM/yyyy with leading zeros, in Vietnam time', () => {
    expect(formatDate(new Date('2024-03-05T02:41:07Z'))).toBe('05/03/2024');
    expect(formatDate('2024-12-25')).toBe('25/12/2024');
  });

  it('prints the date of Vietnam, not of UTC, late in the UTC evening', () => {
    expect(formatDate(new Date('2024-03-04T20:00:00Z'))).toBe('05/03/2024');
  });

  it('prints date and 24-hour time without seconds', () => {
    expect(formatDateTime(new Date('2024-03-05T02:41:07Z'))).toBe('05/03/2024 09:41');
    expect(formatDateTime(new Date('2024-03-05T08:05:59Z'))).toBe('05/03/2024 15:05');
    expect(formatDateTime(new Date('2024-12-31T17:00:00Z'))).toBe('01/01/2025 00:00');
  });
});

describe('formatIsoVietnam', () => {
  it('prints the seal time as ISO 8601 with +07:00, as Decree 30 Appendix I shows it', () => {
    expect(formatIsoVietnam(new Date('2024-03-05T02:41:07Z'))).toBe('2024-03-05T09:41:07+07:00');
  });

  it('drops milliseconds and names the same instant', () => {
    const printed = formatIsoVietnam(new Date('2024-12-31T23:59:59.999Z'));
    expect(printed).toBe('2025-01-01T06:59:59+07:00');
    expect(new Date(printed).toISOString()).toBe('2024-12-31T23:59:59.000Z');
  });
});

describe('formatPlaceAndDate', () => {
  it('prints the place and date line with a zero-padded day and an unpadded month from March', () => {
    expect(formatPlaceAndDate('Tuy Đức', new Date('2024-03-05T02:41:07Z'))).toBe('Tuy Đức, ngày 05 tháng 3 năm 2024');
  });

  it('pads months 1 and 2 only', () => {
    expect(formatPlaceAndDate('Tuy Đức', '2024-02-05')).toBe('Tuy Đức, ngày 05 tháng 02 năm 2024');
    expect(formatPlaceAndDate('Tuy Đức', '2024-01-20')).toBe('Tuy Đức, ngày 20 tháng 01 năm 2024');
    expect(formatPlaceAndDate('Tuy Đức', '2024-12-10')).toBe('Tuy Đức, ngày 10 tháng 12 năm 2024');
    expect(formatPlaceAndDate('Tuy Đức', '2024-10-09')).toBe('Tuy Đức, ngày 09 tháng 10 năm 2024');
  });

  it('uses the Vietnam date of an instant signed just after midnight', () => {
    expect(formatPlaceAndDate('Đắk Búk So', new Date('2024-02-29T17:10:00Z'))).toBe(
      'Đắk Búk So, ngày 01 tháng 3 năm 2024',
    );
  });

  it('prints only the date when no place is known', () => {
    expect(formatPlaceAndDate('  ', '2024-03-05')).toBe('ngày 05 tháng 3 năm 2024');
  });
});
