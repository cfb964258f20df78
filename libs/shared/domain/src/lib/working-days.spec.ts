import { addCalendarDays, weekdayOf } from './dates';
import {
  DEFAULT_HOLIDAY_SEEDS,
  DEFAULT_HOLIDAYS,
  DEFAULT_MAKE_UP_WORKING_DAYS,
  DEFAULT_WORKING_CALENDAR,
  addWorkingDays,
  isWorkingDay,
  workingDaysBetween,
} from './working-days';

// A week in March 2026: Mon 9 … Sun 15. No holidays in it.
const NONE: readonly string[] = [];

describe('isWorkingDay', () => {
  it('works Monday to Friday and rests at the weekend', () => {
    expect(isWorkingDay('2026-03-09', NONE)).toBe(true);
    expect(isWorkingDay('2026-03-13', NONE)).toBe(true);
    expect(isWorkingDay('2026-03-14', NONE)).toBe(false);
    expect(isWorkingDay('2026-03-15', NONE)).toBe(false);
  });

  it('rests on a listed holiday', () => {
    expect(isWorkingDay('2026-04-30', ['2026-04-30'])).toBe(false);
    expect(isWorkingDay('2026-04-30', NONE)).toBe(true);
  });

  it('works on a make-up Saturday', () => {
    expect(isWorkingDay('2026-01-10', DEFAULT_WORKING_CALENDAR)).toBe(true);
    expect(isWorkingDay('2026-01-10', DEFAULT_HOLIDAYS)).toBe(false);
  });

  it('reads an instant as its day in Vietnam', () => {
    // Friday 13/03/2026 17:30 UTC is already Saturday 00:30 in Hà Nội.
    expect(isWorkingDay(new Date('2026-03-13T17:30:00Z'), NONE)).toBe(false);
    expect(isWorkingDay(new Date('2026-03-13T16:30:00Z'), NONE)).toBe(true);
  });

  it('refuses a holiday table with a date it cannot read', () => {
    expect(() => isWorkingDay('2026-03-09', ['30/04/2026'])).toThrow(RangeError);
  });
});

describe('addWorkingDays', () => {
  it('counts from the day after: Monday + 1 is Tuesday', () => {
    expect(addWorkingDays('2026-03-09', 1, NONE)).toBe('2026-03-10');
    expect(addWorkingDays('2026-03-09', 4, NONE)).toBe('2026-03-13');
  });

  it('skips the weekend: Friday + 1 is Monday, Thursday + 2 is Monday', () => {
    expect(addWorkingDays('2026-03-13', 1, NONE)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-12', 2, NONE)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-09', 5, NONE)).toBe('2026-03-16');
  });

  it('treats a weekend start like the Friday before it: Saturday + 1 is Monday', () => {
    expect(addWorkingDays('2026-03-14', 1, NONE)).toBe('2026-03-16');
    expect(addWorkingDays('2026-03-15', 1, NONE)).toBe('2026-03-16');
  });

  it('skips holidays: a document received before 30/4/2026 waits out the long weekend', () => {
    // Wed 29/4 + 1 → Thu 30/4 and Fri 1/5 are holidays, then the weekend → Mon 4/5.
    expect(addWorkingDays('2026-04-29', 1, DEFAULT_HOLIDAYS)).toBe('2026-05-04');
    expect(addWorkingDays('2026-04-29', 1, NONE)).toBe('2026-04-30');
  });

  it('skips the whole of Tết 2026', () => {
    // Fri 13/2 + 1: weekend, Mon 16 – Fri 20 off, weekend again → Mon 23/2.
    expect(addWorkingDays('2026-02-13', 1, DEFAULT_HOLIDAYS)).toBe('2026-02-23');
  });

  it('counts a make-up Saturday as a working day', () => {
    // Fri 9/1/2026 + 1 is Sat 10/1, worked in exchange for Fri 2/1.
    expect(addWorkingDays('2026-01-09', 1, DEFAULT_WORKING_CALENDAR)).toBe('2026-01-10');
    expect(addWorkingDays('2025-12-31', 1, DEFAULT_WORKING_CALENDAR)).toBe('2026-01-05');
  });

  it('returns the same day for zero, even a Sunday', () => {
    expect(addWorkingDays('2026-03-15', 0, NONE)).toBe('2026-03-15');
  });

  it('counts backwards for negative n', () => {
    expect(addWorkingDays('2026-03-16', -1, NONE)).toBe('2026-03-13');
    expect(addWorkingDays('2026-05-04', -1, DEFAULT_HOLIDAYS)).toBe('2026-04-29');
  });

  it('refuses a fractional count', () => {
    expect(() => addWorkingDays('2026-03-09', 1.5, NONE)).toThrow(RangeError);
  });

  it('takes an instant and answers with a calendar date', () => {
    // Fri 13/03/2026 23:00 in Hà Nội.
    expect(addWorkingDays(new Date('2026-03-13T16:00:00Z'), 1, NONE)).toBe('2026-03-16');
  });
});

describe('workingDaysBetween', () => {
  it('gives 0 for the same day', () => {
    expect(workingDaysBetween('2026-03-10', '2026-03-10', NONE)).toBe(0);
    expect(workingDaysBetween('2026-03-14', '2026-03-14', NONE)).toBe(0);
  });

  it('counts the days after the first up to and including the last', () => {
    expect(workingDaysBetween('2026-03-09', '2026-03-10', NONE)).toBe(1);
    expect(workingDaysBetween('2026-03-09', '2026-03-13', NONE)).toBe(4);
    expect(workingDaysBetween('2026-03-09', '2026-03-16', NONE)).toBe(5);
  });

  it('gives 1 from Friday to Monday and 0 across a bare weekend', () => {
    expect(workingDaysBetween('2026-03-13', '2026-03-16', NONE)).toBe(1);
    expect(workingDaysBetween('2026-03-13', '2026-03-15', NONE)).toBe(0);
    expect(workingDaysBetween('2026-03-14', '2026-03-15', NONE)).toBe(0);
  });

  it('leaves out holidays', () => {
    expect(workingDaysBetween('2026-04-29', '2026-05-04', DEFAULT_HOLIDAYS)).toBe(1);
    expect(workingDaysBetween('2026-04-29', '2026-05-04', NONE)).toBe(3);
  });

  it('is negative when the second day comes first', () => {
    expect(workingDaysBetween('2026-03-16', '2026-03-13', NONE)).toBe(-1);
    expect(workingDaysBetween('2026-03-16', '2026-03-09', NONE)).toBe(-5);
  });

  it('undoes addWorkingDays for every start and count over two years of the seeded calendar', () => {
    for (let offset = 0; offset < 730; offset += 3) {
      const start = addCalendarDays('2026-01-01', offset);
      for (const n of [1, 2, 5, 10, 22]) {
        const end = addWorkingDays(start, n, DEFAULT_WORKING_CALENDAR);
        expect(isWorkingDay(end, DEFAULT_WORKING_CALENDAR)).toBe(true);
        expect(workingDaysBetween(start, end, DEFAULT_WORKING_CALENDAR)).toBe(n);
        expect(addWorkingDays(end, -n, DEFAULT_WORKING_CALENDAR) <= start).toBe(true);
      }
    }
  });

  it('counts the working days of 2026 as Mon–Fri less the weekday days off plus the make-up day', () => {
    let weekdays = 0;
    for (let d = '2026-01-01'; d <= '2026-12-31'; d = addCalendarDays(d, 1)) {
      if (weekdayOf(d) !== 0 && weekdayOf(d) !== 6) weekdays++;
    }
    const weekdayHolidays = DEFAULT_HOLIDAYS.filter((d) => d.startsWith('2026') && ![0, 6].includes(weekdayOf(d)));
    expect(weekdayHolidays).toHaveLength(12);
    expect(workingDaysBetween('2025-12-31', '2026-12-31', DEFAULT_WORKING_CALENDAR)).toBe(weekdays - 12 + 1);
  });
});

describe('DEFAULT_HOLIDAY_SEEDS', () => {
  const dates = (year: string, kinds: string[]) =>
    DEFAULT_HOLIDAY_SEEDS.filter((s) => s.date.startsWith(year) && kinds.includes(s.kind)).map((s) => s.date);

  it('lists each date once, in order', () => {
    const all = DEFAULT_HOLIDAY_SEEDS.map((s) => s.date);
    expect(new Set(all).size).toBe(all.length);
    expect([...all].sort()).toEqual(all);
  });

  it('has the fixed holidays of Labour Code 2019 Article 112 each year', () => {
    for (const year of ['2026', '2027']) {
      for (const fixed of ['01-01', '04-30', '05-01', '09-02']) {
        expect(dates(year, ['holiday'])).toContain(`${year}-${fixed}`);
      }
    }
  });

  it('puts Tết on the lunar new year computed for 2026 (17/2) and 2027 (6/2), five days each', () => {
    const tet = (year: string) =>
      DEFAULT_HOLIDAY_SEEDS.filter((s) => s.date.startsWith(year) && s.kind === 'holiday' && s.name.vi === 'Tết Nguyên đán');
    expect(tet('2026').map((s) => s.date)).toEqual(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    expect(tet('2027').map((s) => s.date)).toContain('2027-02-06');
    expect(tet('2027')).toHaveLength(5);
  });

  it("puts Hùng Kings' day on 10/3 lunar: 26/4/2026 (made up on Monday 27/4) and 16/4/2027", () => {
    expect(dates('2026', ['holiday'])).toContain('2026-04-26');
    expect(dates('2026', ['compensatory'])).toContain('2026-04-27');
    expect(dates('2027', ['holiday'])).toContain('2027-04-16');
  });

  it('gives National Day its adjacent day', () => {
    expect(dates('2026', ['holiday'])).toEqual(expect.arrayContaining(['2026-09-01', '2026-09-02']));
    expect(dates('2027', ['holiday'])).toEqual(expect.arrayContaining(['2027-09-02', '2027-09-03']));
  });

  it('makes up every weekend holiday with as many weekdays off', () => {
    for (const year of ['2026', '2027']) {
      const onWeekend = dates(year, ['holiday']).filter((d) => [0, 6].includes(weekdayOf(d))).length;
      expect(dates(year, ['compensatory'])).toHaveLength(onWeekend);
    }
  });

  it('puts compensatory and swapped days on weekdays and make-up days on weekends', () => {
    for (const s of DEFAULT_HOLIDAY_SEEDS) {
      const weekend = [0, 6].includes(weekdayOf(s.date));
      if (s.kind === 'compensatory' || s.kind === 'swapped-off') expect(weekend).toBe(false);
      if (s.kind === 'make-up-working-day') expect(weekend).toBe(true);
    }
  });

  it('gives 11 holiday days a year, as Article 112 does', () => {
    // 1/1, Tết ×5, Hùng Kings, 30/4, 1/5, 2/9 and its adjacent day.
    expect(dates('2026', ['holiday'])).toHaveLength(11);
    expect(dates('2027', ['holiday'])).toHaveLength(11);
  });

  it('derives the plain lists from the seeds', () => {
    expect(DEFAULT_MAKE_UP_WORKING_DAYS).toEqual(['2026-01-10']);
    expect(DEFAULT_HOLIDAYS).toContain('2026-01-02');
    expect(DEFAULT_HOLIDAYS).not.toContain('2026-01-10');
    expect(DEFAULT_HOLIDAY_SEEDS.every((s) => s.name.vi && s.name.en)).toBe(true);
  });
});
