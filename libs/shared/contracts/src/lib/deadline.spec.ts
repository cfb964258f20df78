import { ALL_DEADLINE_STATUSES, DEADLINE_STATUS_LABELS, DeadlineStatus } from './deadline';

describe('DeadlineStatus', () => {
  it('has the three completion outcomes and the two open states, with stable values', () => {
    expect(ALL_DEADLINE_STATUSES).toEqual(['early', 'on-time', 'late', 'overdue', 'in-progress']);
  });

  it('labels them as the districts report them', () => {
    expect(DEADLINE_STATUS_LABELS[DeadlineStatus.Early].vi).toBe('Trước hạn');
    expect(DEADLINE_STATUS_LABELS[DeadlineStatus.OnTime].vi).toBe('Đúng hạn');
    expect(DEADLINE_STATUS_LABELS[DeadlineStatus.Late].vi).toBe('Trễ hạn');
    expect(DEADLINE_STATUS_LABELS[DeadlineStatus.Overdue].vi).toBe('Quá hạn');
    for (const status of ALL_DEADLINE_STATUSES) expect(DEADLINE_STATUS_LABELS[status].en).not.toBe('');
  });
});
