import { DispatchReport, IncomingReport } from '@vanthu/shared/contracts';
import { toCsv } from '@vanthu/web/ui';
import { dispatchedTable, incomingTable, ReportHeaders } from './report-tables';

const H: ReportHeaders = {
  name: 'Đơn vị',
  received: 'Tiếp nhận',
  completed: 'Hoàn thành',
  early: 'Trước hạn',
  onTime: 'Đúng hạn',
  late: 'Trễ hạn',
  inProgress: 'Đang xử lý',
  overdue: 'Quá hạn',
  rate: 'Tỷ lệ đúng hạn',
  delivered: 'Đã gửi',
  returned: 'Bị trả lại',
  notOpened: 'Chưa mở',
  total: 'Tổng',
};

const counts = { received: 30, completed: 27, early: 20, onTime: 6, late: 1, inProgress: 2, overdue: 1, onTimeRate: 26 / 27 };

describe('report tables', () => {
  it('writes one row per unit and a total, the rate as a percentage with one decimal', () => {
    const report: IncomingReport = {
      from: '2026-01-01',
      to: '2026-12-31',
      total: counts,
      byUnit: [{ ...counts, unit: { id: 2, name: 'Phòng Nội vụ', abbreviation: 'NV' } }],
    };
    const table = incomingTable(report, H);
    expect(table.header).toEqual(['Đơn vị', 'Tiếp nhận', 'Hoàn thành', 'Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Đang xử lý', 'Quá hạn', 'Tỷ lệ đúng hạn (%)']);
    expect(table.rows[0]).toEqual(['Phòng Nội vụ', 30, 27, 20, 6, 1, 2, 1, 96.3]);
    expect(table.rows[1][0]).toBe('Tổng');
  });

  it('leaves the rate empty when nothing is completed, and lists deliveries per recipient', () => {
    const none = { ...counts, completed: 0, early: 0, onTime: 0, late: 0, onTimeRate: null };
    const report: DispatchReport = {
      from: '2026-01-01',
      to: '2026-12-31',
      documents: 1,
      deliveries: 6,
      notOpened: 4,
      total: none,
      byRecipient: [{ ...none, recipient: { id: 9, name: 'UBND xã Quảng Tân', abbreviation: 'UBND' }, delivered: 1, returned: 0, notOpened: 1 }],
    };
    const csv = toCsv(dispatchedTable(report, { ...H, name: 'Nơi nhận' }, ['UBND huyện Tuy Đức', 'Văn bản đã gửi']));
    expect(csv.startsWith('\uFEFFUBND huyện Tuy Đức\r\nVăn bản đã gửi\r\n\r\nNơi nhận,Đã gửi,Bị trả lại,Chưa mở,Tiếp nhận')).toBe(true);
    expect(csv).toContain('UBND xã Quảng Tân,1,0,1,30,0,0,0,0,2,1,\r\n');
    expect(csv).toContain('Tổng,6,,4,30,0,0,0,0,2,1,\r\n');
  });
});
