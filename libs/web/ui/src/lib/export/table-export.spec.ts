import { Workbook } from 'exceljs';

import { toCsv, toXlsx } from './table-export';

describe('table export', () => {
  const table = {
    header: ['Đơn vị', 'Đúng hạn', 'Tỷ lệ'],
    rows: [
      ['UBND xã Quảng Tân', 12, 0.963],
      ['Phòng "Nội vụ", <TP>', 3, null],
    ],
  };

  it('writes CSV with a BOM for Excel, quoting commas and quotes', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFFĐơn vị,Đúng hạn,Tỷ lệ\r\n')).toBe(true);
    expect(csv).toContain('UBND xã Quảng Tân,12,0.963\r\n');
    expect(csv).toContain('"Phòng ""Nội vụ"", <TP>",3,\r\n');
  });

  it('writes an XLSX workbook that exceljs reads back: numbers stay numbers, text as typed, a bold header, a valid sheet name', async () => {
    const bytes = await toXlsx(table, 'Báo cáo: tháng 3');
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('PK\u0003\u0004');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('Báo cáo  tháng 3');
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(['Đơn vị', 'Đúng hạn', 'Tỷ lệ']);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
    expect((sheet.getRow(2).values as unknown[]).slice(1)).toEqual(['UBND xã Quảng Tân', 12, 0.963]);
    expect(sheet.getCell('A3').value).toBe('Phòng "Nội vụ", <TP>');
    expect(sheet.getCell('C3').value).toBeNull();
  });
});
