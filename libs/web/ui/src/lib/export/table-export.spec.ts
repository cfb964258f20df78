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

  const headed = {
    ...table,
    heading: ['UBND huyện Tuy Đức', 'Văn bản đã gửi, theo nơi nhận', 'Kỳ báo cáo: 01/01/2026 – 30/11/2026'],
  };

  it('puts the heading lines (organisation, title, period) and an empty line above the CSV table', () => {
    const lines = toCsv(headed).slice(1).split('\r\n');
    // A line with a comma is one quoted cell, as any other.
    expect(lines.slice(0, 5)).toEqual(['UBND huyện Tuy Đức', '"Văn bản đã gửi, theo nơi nhận"', 'Kỳ báo cáo: 01/01/2026 – 30/11/2026', '', 'Đơn vị,Đúng hạn,Tỷ lệ']);
  });

  it('puts the heading lines above the XLSX table, each across the table’s width, the title bold', async () => {
    const bytes = await toXlsx(headed, 'Báo cáo');
    const workbook = new Workbook();
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect([1, 2, 3].map((r) => sheet.getCell(`A${r}`).value)).toEqual(headed.heading);
    expect(sheet.getCell('A2').font?.bold).toBe(true);
    expect(sheet.getCell('C1').isMerged).toBe(true);
    expect(sheet.getRow(4).cellCount).toBe(0);
    expect((sheet.getRow(5).values as unknown[]).slice(1)).toEqual(['Đơn vị', 'Đúng hạn', 'Tỷ lệ']);
    expect((sheet.getRow(6).values as unknown[]).slice(1)).toEqual(['UBND xã Quảng Tân', 12, 0.963]);
  });
});
