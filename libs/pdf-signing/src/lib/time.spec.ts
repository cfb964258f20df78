import { parsePdfDate, pdfDate, vietnamIso, vietnamReadable } from './time';

describe('Vietnam time in appearances and signature dictionaries', () => {
  const instant = new Date(Date.UTC(2024, 2, 5, 2, 41, 7));

  it('shows an instant in ISO 8601 with the +07:00 offset, whatever the machine’s zone', () => {
    expect(vietnamIso(instant)).toBe('2024-03-05T09:41:07+07:00');
  });

  it('rolls over to the next day in Vietnam when it is still the previous day in UTC', () => {
    expect(vietnamIso(new Date(Date.UTC(2024, 11, 31, 18, 30, 0)))).toBe('2025-01-01T01:30:00+07:00');
  });

  it('writes /M as a PDF date with the Vietnam offset and reads it back to the same instant', () => {
    expect(pdfDate(instant)).toBe("D:20240305094107+07'00'");
    expect(parsePdfDate(pdfDate(instant))?.getTime()).toBe(instant.getTime());
  });

  it('reads PDF dates from other writers: UTC, negative offsets, year only', () => {
    expect(parsePdfDate('D:20261122155347Z')?.toISOString()).toBe('2026-11-22T15:53:47.000Z');
    expect(parsePdfDate("D:20240305094107-05'30'")?.toISOString()).toBe('2024-03-05T15:11:07.000Z');
    expect(parsePdfDate('D:2024')?.toISOString()).toBe('2024-01-01T00:00:00.000Z');
    expect(parsePdfDate('yesterday')).toBeNull();
  });

  it('reads as people write a time in Vietnam, in both languages', () => {
    expect(vietnamReadable(new Date(Date.UTC(2024, 11, 31, 18, 30, 5)))).toEqual({ vi: '01:30:05 ngày 01/01/2025', en: '01/01/2025 01:30:05 (UTC+7)' });
  });
});
