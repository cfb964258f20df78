import { formatNumber, formatPercent } from './numbers';

describe('formatNumber', () => {
  it('groups thousands with dots and marks decimals with a comma in Vietnamese', () => {
    expect(formatNumber(1234.5, 'vi')).toBe('1.234,5');
    expect(formatNumber(2325, 'vi')).toBe('2.325');
    expect(formatNumber(1234567.891, 'vi')).toBe('1.234.567,891');
  });

  it('uses commas and a decimal point in English', () => {
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    expect(formatNumber(1234567, 'en')).toBe('1,234,567');
  });

  it('does not group numbers below a thousand', () => {
    expect(formatNumber(999, 'vi')).toBe('999');
    expect(formatNumber(0, 'vi')).toBe('0');
  });

  it('rounds half away from zero on the decimal value, so 1,005 is 1,01 and not 1,00', () => {
    expect(formatNumber(1.005, 'vi', { maximumFractionDigits: 2 })).toBe('1,01');
    expect(formatNumber(2.5, 'en', { maximumFractionDigits: 0 })).toBe('3');
    expect(formatNumber(-2.5, 'en', { maximumFractionDigits: 0 })).toBe('-3');
    expect(formatNumber(999.96, 'vi', { maximumFractionDigits: 1 })).toBe('1.000');
  });

  it('pads to the minimum fraction digits and trims zeros beyond it', () => {
    expect(formatNumber(5, 'vi', { minimumFractionDigits: 2 })).toBe('5,00');
    expect(formatNumber(5.1, 'vi', { minimumFractionDigits: 2 })).toBe('5,10');
    expect(formatNumber(5.1, 'vi', { maximumFractionDigits: 3 })).toBe('5,1');
  });

  it('keeps the sign of negative numbers and drops it from a rounded zero', () => {
    expect(formatNumber(-1234.5, 'vi')).toBe('-1.234,5');
    expect(formatNumber(-0.0001, 'vi', { maximumFractionDigits: 2 })).toBe('0');
  });

  it('refuses NaN and infinity', () => {
    expect(() => formatNumber(Number.NaN, 'vi')).toThrow(RangeError);
    expect(() => formatNumber(Infinity, 'en')).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it('prints a ratio as the districts publish it', () => {
    expect(formatPercent(0.963, 'vi')).toBe('96,3%');
    expect(formatPercent(0.963, 'en')).toBe('96.3%');
  });

  it('drops a trailing zero and rounds to one decimal', () => {
    expect(formatPercent(1, 'vi')).toBe('100%');
    expect(formatPercent(0.96, 'vi')).toBe('96%');
    expect(formatPercent(0.96349, 'vi')).toBe('96,3%');
    expect(formatPercent(0.14550, 'en')).toBe('14.6%');
  });

  it('takes other precisions', () => {
    expect(formatPercent(0.12345, 'vi', 2)).toBe('12,35%');
    expect(formatPercent(0.5, 'vi', 0)).toBe('50%');
  });
});
