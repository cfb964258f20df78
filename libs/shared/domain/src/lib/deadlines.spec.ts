import { DeadlineStatus } from '@vanthu/shared/contracts';

import {
  DeadlineTally,
  classifyCompletion,
  completedCount,
  deadlineStatus,
  dueSoon,
  formatOnTimeRate,
  isOverdue,
  onTimeRate,
  tallyDeadlineStatuses,
} from './deadlines';
import { DEFAULT_HOLIDAYS } from './working-days';

// Deadline: Tuesday 10/03/2026, a calendar day in Vietnam. 17:00 UTC on the 9th is its first instant.
const DEADLINE = '2026-03-10';
const vn = (local: string) => new Date(`${local}+07:00`);

describe('classifyCompletion', () => {
  it('calls a completion on any earlier day early (trước hạn)', () => {
    expect(classifyCompletion(DEADLINE, vn('2026-03-09T23:59:59'))).toBe(DeadlineStatus.Early);
    expect(classifyCompletion(DEADLINE, vn('2026-02-01T08:00:00'))).toBe(DeadlineStatus.Early);
  });

  it('calls a completion at any time on the deadline day on time (đúng hạn)', () => {
    expect(classifyCompletion(DEADLINE, vn('2026-03-10T00:00:00'))).toBe(DeadlineStatus.OnTime);
    expect(classifyCompletion(DEADLINE, vn('2026-03-10T23:59:59'))).toBe(DeadlineStatus.OnTime);
  });

  it('calls a completion after the deadline day late (trễ hạn)', () => {
    expect(classifyCompletion(DEADLINE, vn('2026-03-11T00:00:00'))).toBe(DeadlineStatus.Late);
  });

  it('judges by the day in Vietnam, not in UTC', () => {
    // 10/03 20:00 UTC is 11/03 03:00 in Hà Nội: late, though UTC still says the 10th.
    expect(classifyCompletion(DEADLINE, new Date('2026-03-10T20:00:00Z'))).toBe(DeadlineStatus.Late);
    // 09/03 18:00 UTC is 10/03 01:00 in Hà Nội: on time, though UTC still says the 9th.
    expect(classifyCompletion(DEADLINE, new Date('2026-03-09T18:00:00Z'))).toBe(DeadlineStatus.OnTime);
  });

  it('takes the deadline as an instant too, reading its Vietnam day', () => {
    expect(classifyCompletion(vn('2026-03-10T00:00:00'), vn('2026-03-10T17:00:00'))).toBe(DeadlineStatus.OnTime);
  });
});

describe('deadlineStatus and isOverdue', () => {
  it('says in progress while the deadline day lasts, overdue from the next day', () => {
    expect(deadlineStatus(DEADLINE, vn('2026-03-09T10:00:00'))).toBe(DeadlineStatus.InProgress);
    expect(deadlineStatus(DEADLINE, vn('2026-03-10T23:59:59'))).toBe(DeadlineStatus.InProgress);
    expect(deadlineStatus(DEADLINE, vn('2026-03-11T00:00:00'))).toBe(DeadlineStatus.Overdue);
    expect(isOverdue(DEADLINE, vn('2026-03-11T00:00:00'))).toBe(true);
    expect(isOverdue(DEADLINE, vn('2026-03-10T12:00:00'))).toBe(false);
  });

  it('gives a completed item its completion status whatever the time now', () => {
    expect(deadlineStatus(DEADLINE, vn('2026-06-01T00:00:00'), vn('2026-03-05T10:00:00'))).toBe(DeadlineStatus.Early);
    expect(deadlineStatus(DEADLINE, vn('2026-06-01T00:00:00'), vn('2026-03-12T10:00:00'))).toBe(DeadlineStatus.Late);
    expect(deadlineStatus(DEADLINE, vn('2026-03-09T00:00:00'), null)).toBe(DeadlineStatus.InProgress);
  });
});

describe('dueSoon', () => {
  it('reminds on the deadline day itself', () => {
    expect(dueSoon(DEADLINE, vn('2026-03-10T08:00:00'), 0, [])).toBe(true);
  });

  it('reminds within the window of working days and not before', () => {
    // Deadline Tue 10/3: from Thu 5/3 it is 3 working days away (Fri, Mon, Tue).
    expect(dueSoon(DEADLINE, vn('2026-03-05T08:00:00'), 3, [])).toBe(true);
    expect(dueSoon(DEADLINE, vn('2026-03-05T08:00:00'), 2, [])).toBe(false);
    expect(dueSoon(DEADLINE, vn('2026-03-06T08:00:00'), 2, [])).toBe(true);
  });

  it('does not count the weekend in the window', () => {
    // Deadline Mon 16/3, now Fri 13/3: one working day away though three calendar days.
    expect(dueSoon('2026-03-16', vn('2026-03-13T08:00:00'), 1, [])).toBe(true);
    expect(dueSoon('2026-03-16', vn('2026-03-12T08:00:00'), 1, [])).toBe(false);
  });

  it('does not count holidays in the window', () => {
    // Deadline Mon 4/5/2026, now Wed 29/4: 30/4 and 1/5 are holidays, so one working day away.
    expect(dueSoon('2026-05-04', vn('2026-04-29T08:00:00'), 1, DEFAULT_HOLIDAYS)).toBe(true);
    expect(dueSoon('2026-05-04', vn('2026-04-29T08:00:00'), 1, [])).toBe(false);
  });

  it('treats a deadline on a Sunday as due from the Friday before with a zero window', () => {
    expect(dueSoon('2026-03-15', vn('2026-03-13T08:00:00'), 0, [])).toBe(true);
    expect(dueSoon('2026-03-15', vn('2026-03-12T08:00:00'), 0, [])).toBe(false);
  });

  it('leaves overdue items to the overdue list', () => {
    expect(dueSoon(DEADLINE, vn('2026-03-11T08:00:00'), 5, [])).toBe(false);
  });

  it('refuses a negative or fractional window', () => {
    expect(() => dueSoon(DEADLINE, vn('2026-03-05T08:00:00'), -1, [])).toThrow(RangeError);
    expect(() => dueSoon(DEADLINE, vn('2026-03-05T08:00:00'), 1.5, [])).toThrow(RangeError);
  });
});

describe('tallyDeadlineStatuses, onTimeRate', () => {
  it('counts each status', () => {
    const tally = tallyDeadlineStatuses([
      DeadlineStatus.Early,
      DeadlineStatus.OnTime,
      DeadlineStatus.OnTime,
      DeadlineStatus.Late,
      DeadlineStatus.Overdue,
      DeadlineStatus.InProgress,
      DeadlineStatus.InProgress,
    ]);
    expect(tally).toEqual({ early: 1, onTime: 2, late: 1, overdue: 1, inProgress: 2 });
    expect(completedCount(tally)).toBe(4);
  });

  it('refuses an unknown status rather than dropping it', () => {
    expect(() => tallyDeadlineStatuses(['done' as DeadlineStatus])).toThrow(RangeError);
  });

  it('rates early and on time together over completed items only', () => {
    expect(onTimeRate({ early: 1, onTime: 2, late: 1 })).toBe(0.75);
    expect(onTimeRate({ early: 0, onTime: 0, late: 3 })).toBe(0);
    expect(onTimeRate({ early: 4, onTime: 0, late: 0 })).toBe(1);
  });

  it('does not let open overdue items lower the rate', () => {
    const tally: DeadlineTally = { early: 1, onTime: 1, late: 0, overdue: 10, inProgress: 5 };
    expect(onTimeRate(tally)).toBe(1);
  });

  it('gives null, not 0 or 100 %, when nothing is completed', () => {
    expect(onTimeRate({ early: 0, onTime: 0, late: 0 })).toBeNull();
  });
});

describe('formatOnTimeRate', () => {
  // 2,325 of 2,414 completed on time or early: 96.31 %.
  const published = { early: 325, onTime: 2000, late: 89 };

  it("prints the districts' Vietnamese wording", () => {
    expect(formatOnTimeRate(published, 'vi')).toBe('2.325 văn bản đúng hạn, đạt 96,3%');
  });

  it('prints the English wording', () => {
    expect(formatOnTimeRate(published, 'en')).toBe('2,325 on time, 96.3%');
  });

  it('prints a whole percentage without a decimal', () => {
    expect(formatOnTimeRate({ early: 2, onTime: 4, late: 0 }, 'vi')).toBe('6 văn bản đúng hạn, đạt 100%');
    expect(formatOnTimeRate({ early: 0, onTime: 1, late: 1 }, 'en')).toBe('1 on time, 50%');
  });

  it('rounds half up on the decimal value: 201 of 400 is 50,3 % (0.5025 × 1000 is 502.4999… in binary)', () => {
    expect(formatOnTimeRate({ early: 0, onTime: 201, late: 199 }, 'vi')).toBe('201 văn bản đúng hạn, đạt 50,3%');
    expect(formatOnTimeRate({ early: 0, onTime: 77, late: 3 }, 'vi')).toBe('77 văn bản đúng hạn, đạt 96,3%');
  });

  it('never shows 100 % while one was late, nor 0 % while one was on time', () => {
    expect(formatOnTimeRate({ early: 0, onTime: 2499, late: 1 }, 'vi')).toBe('2.499 văn bản đúng hạn, đạt 99,9%');
    expect(formatOnTimeRate({ early: 1, onTime: 0, late: 2499 }, 'en')).toBe('1 on time, 0.1%');
  });

  it('says nothing was completed instead of a rate', () => {
    expect(formatOnTimeRate({ early: 0, onTime: 0, late: 0 }, 'vi')).toBe('chưa có văn bản hoàn thành');
    expect(formatOnTimeRate({ early: 0, onTime: 0, late: 0 }, 'en')).toBe('nothing completed yet');
  });
});
