/**
 * A mã định danh (government identifier code of an organisation, used by edXML exchange): dot-separated
 * groups of letters and digits, at most 13 characters (`000.00.00.H41`, `H38.08.20`).
 */
export function isIdentifierCode(code: string): boolean {
  return code.length <= 13 && /^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$/.test(code);
}
