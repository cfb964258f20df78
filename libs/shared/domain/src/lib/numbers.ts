import { LocalizedText } from '@vanthu/shared/contracts';

/** How many digits after the decimal separator a formatted number may show. */
export interface FractionDigits {
  /** Digits always shown, padded with zeros; default 0. */
  minimumFractionDigits?: number;
  /** Digits shown at most, rounding half away from zero; default 3 (as `Intl.NumberFormat`). */
  maximumFractionDigits?: number;
}

const SEPARATORS: Readonly<Record<keyof LocalizedText, { group: string; decimal: string }>> = {
  // Vietnamese (TCVN, and every published report): dot groups thousands, comma marks decimals.
  vi: { group: '.', decimal: ',' },
  en: { group: ',', decimal: '.' },
};

/** Rounds half away from zero at `digits` decimals, on the decimal text so that 1.005 → 1.01. */
function roundHalfAwayFromZero(value: number, digits: number): number {
  const magnitude = Math.abs(value);
  const rounded = Number(`${Math.round(Number(`${magnitude}e${digits}`))}e-${digits}`);
  return value < 0 ? -rounded : rounded;
}

/**
 * Formats a number with the language's separators: `1.234,5` in Vietnamese, `1,234.5` in English.
 * Written by hand rather than with `Intl` so that server exports and the browser agree to the
 * character, whatever ICU data the runtime ships.
 */
export function formatNumber(value: number, language: keyof LocalizedText, digits: FractionDigits = {}): string {
  if (!Number.isFinite(value)) throw new RangeError(`Cannot format ${value}`);
  const min = digits.minimumFractionDigits ?? 0;
  const max = Math.max(digits.maximumFractionDigits ?? 3, min);
  if (!Number.isInteger(min) || min < 0 || !Number.isInteger(max) || max > 20) {
    throw new RangeError(`Bad fraction digits: ${min}–${max}`);
  }
  const rounded = roundHalfAwayFromZero(value, max);
  const [integerPart, fractionPart = ''] = Math.abs(rounded).toFixed(max).split('.');
  let fraction = fractionPart.replace(/0+$/, '');
  if (fraction.length < min) fraction = fraction.padEnd(min, '0');
  const { group, decimal } = SEPARATORS[language];
  const grouped = integerPart.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const sign = rounded < 0 ? '-' : '';
  return `${sign}${grouped}${fraction ? decimal + fraction : ''}`;
}

/**
 * Formats a ratio as a percentage: 0.963 → `96,3%` (vi) or `96.3%` (en); one decimal at most,
 * no trailing zero (`100%`, `96%`), no space before the sign, as the districts publish it.
 */
export function formatPercent(ratio: number, language: keyof LocalizedText, maximumFractionDigits = 1): string {
  if (!Number.isFinite(ratio)) throw new RangeError(`Cannot format ${ratio}`);
  // Shift the decimal point in the text, not by multiplying, so 0.145 stays 14.5 and not 14.4999….
  const text = String(ratio);
  const percent = text.includes('e') ? ratio * 100 : Number(`${text}e2`);
  return `${formatNumber(percent, language, { maximumFractionDigits })}%`;
}
