import { columnName, toCsv, toXlsx } from './table-export';
import { crc32 } from './zip';

/** Reads the stored (uncompressed) files back out of a ZIP, checking each CRC on the way. */
function unzip(bytes: Uint8Array): Map<string, string> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const files = new Map<string, string>();
  let offset = 0;
  const decoder = new TextDecoder();
  while (view.getUint32(offset, true) === 0x04034b50) {
    const method = view.getUint16(offset + 8, true);
    const crc = view.getUint32(offset + 14, true);
    const size = view.getUint32(offset + 18, true);
    const nameLength = view.getUint16(offset + 26, true);
    const name = decoder.decode(bytes.subarray(offset + 30, offset + 30 + nameLength));
    const data = bytes.subarray(offset + 30 + nameLength, offset + 30 + nameLength + size);
    expect(method).toBe(0);
    expect(crc32(data)).toBe(crc);
    files.set(name, decoder.decode(data));
    offset += 30 + nameLength + size;
  }
  expect(view.getUint32(bytes.length - 22, true)).toBe(0x06054b50);
  expect(view.getUint16(bytes.length - 22 + 10, true)).toBe(files.size);
  return files;
}

describe('table export', () => {
  const table = {
    header: ['Đơn vị', 'Đúng hạn', 'Tỷ lệ'],
    rows: [
      ['UBND xã Quảng Tân', 12, 0.963],
      ['Phòng "Nội vụ", <TP>', 3, null],
    ],
  };

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('writes CSV with a BOM for Excel, quoting commas and quotes', () => {
    const csv = toCsv(table);
    expect(csv.startsWith('\uFEFFĐơn vị,Đúng hạn,Tỷ lệ\r\n')).toBe(true);
    expect(csv).toContain('UBND xã Quảng Tân,12,0.963\r\n');
    expect(csv).toContain('"Phòng ""Nội vụ"", <TP>",3,\r\n');
  });

  it('writes an XLSX package whose sheet keeps numbers as numbers and escapes text', () => {
    const files = unzip(toXlsx(table, 'Báo cáo: tháng 3'));
    expect([...files.keys()]).toEqual([
      '[Content_Types].xml',
      '_rels/.rels',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'xl/styles.xml',
      'xl/worksheets/sheet1.xml',
    ]);
    const sheet = files.get('xl/worksheets/sheet1.xml')!;
    expect(sheet).toContain('<c r="A1" t="inlineStr" s="1"><is><t xml:space="preserve">Đơn vị</t></is></c>');
    expect(sheet).toContain('<c r="B2"><v>12</v></c>');
    expect(sheet).toContain('Phòng &quot;Nội vụ&quot;, &lt;TP&gt;');
    expect(sheet).not.toContain('r="C3"');
    expect(files.get('xl/workbook.xml')).toContain('name="Báo cáo  tháng 3"');
  });

  it('names columns like a spreadsheet', () => {
    expect([0, 25, 26, 27, 701].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
  });
});
