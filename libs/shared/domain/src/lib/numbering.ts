import {
  ALL_DOCUMENT_TYPES,
  DOCUMENT_TYPES,
  DocumentDirection,
  DocumentType,
  RegisterKind,
  SecurityLevel,
} from '@vanthu/shared/contracts';

import { DayInput, parseIsoDate, toIsoDate } from './dates';
import { foldVietnamese } from './text';

/**
 * Prints a register number: `01` … `09`, then `10`, `11`, … `1234`.
 * Decree 30/2020, Appendix I: numbers below 10 take a leading zero.
 */
export function formatRegisterNumber(n: number): string {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new RangeError(`A register number is a whole number from 1: ${n}`);
  }
  return String(n).padStart(2, '0');
}

/** Whether a security level is classified (Mật, Tối mật, Tuyệt mật): such content never enters the system. */
export function isClassified(level: SecurityLevel): boolean {
  return level !== SecurityLevel.Normal;
}

/**
 * The register a document is numbered in: outgoing or incoming, normal or classified.
 * Decree 30/2020, Articles 15 and 22: classified documents have their own number sequence.
 */
export function registerKind(direction: DocumentDirection, securityLevel: SecurityLevel): RegisterKind {
  const classified = isClassified(securityLevel);
  if (direction === DocumentDirection.Outgoing) {
    return classified ? RegisterKind.OutgoingClassified : RegisterKind.OutgoingNormal;
  }
  return classified ? RegisterKind.IncomingClassified : RegisterKind.IncomingNormal;
}

/**
 * The register year of a document issued or received at `day`: its calendar year in Vietnam.
 * Decree 30/2020, Article 15: numbering starts at 01 on 1 January and ends on 31 December, so
 * 31/12 23:30 in Hà Nội (16:30 UTC) is the old year and 01/01 00:30 (17:30 UTC the day before)
 * is the new one.
 */
export function registerYear(day: DayInput): number {
  return parseIsoDate(toIsoDate(day)).year;
}

/** What a document's symbol (ký hiệu) is built from. */
export interface SymbolParts {
  documentType: DocumentType;
  /** Abbreviation of the organisation (or state title) issuing the document: `UBND`, `NV`. */
  issuer: string;
  /**
   * Abbreviation of the drafting unit (or the field dealt with): `VP`, `TCKH`. Required for a
   * Công văn; ignored for other types, whose symbol has no drafting unit.
   */
  draftingUnit?: string | null;
}

// Letters (with Vietnamese diacritics) and digits: a hyphen or slash would make the symbol unreadable.
const ABBREVIATION = /^[\p{L}\p{N}]+$/u;

function checkAbbreviation(value: string | null | undefined, what: string): string {
  const trimmed = (value ?? '').trim();
  if (!ABBREVIATION.test(trimmed)) {
    throw new RangeError(`${what} must be letters and digits only, e.g. UBND: ${JSON.stringify(value)}`);
  }
  return trimmed;
}

/**
 * Builds a symbol (ký hiệu) without its number: `KH-UBND` for a typed document (type
 * abbreviation - issuer), `UBND-VP` for a Công văn (issuer - drafting unit).
 * Decree 30/2020, Appendix I, "số, ký hiệu của văn bản".
 */
export function buildSymbol(parts: SymbolParts): string {
  const issuer = checkAbbreviation(parts.issuer, 'The issuer abbreviation');
  const typeAbbreviation = DOCUMENT_TYPES[parts.documentType]?.abbreviation;
  if (typeAbbreviation === undefined) {
    throw new RangeError(`Unknown document type: ${JSON.stringify(parts.documentType)}`);
  }
  if (typeAbbreviation === null) {
    return `${issuer}-${checkAbbreviation(parts.draftingUnit, 'A Công văn needs the drafting unit abbreviation, which')}`;
  }
  return `${typeAbbreviation}-${issuer}`;
}

/** Joins a register number and a symbol as printed after "Số:": `27/KH-UBND`, `05/QĐ-UBND`. */
export function formatNumberAndSymbol(number: number, symbol: string): string {
  return `${formatRegisterNumber(number)}/${symbol}`;
}

/** Builds the full number and symbol: `27/KH-UBND`, `134/UBND-VP`, `05/KH-NV`. */
export function buildNumberAndSymbol(number: number, parts: SymbolParts): string {
  return formatNumberAndSymbol(number, buildSymbol(parts));
}

/**
 * The document types an abbreviation may stand for, best match first. Case never matters; when
 * the abbreviation is typed without diacritics it matches by its folded form, so `HD` gives both
 * Hướng dẫn (HD) and Hợp đồng (HĐ), and `DA` both Dự án and Đề án, while `HĐ` gives Hợp đồng only.
 */
export function documentTypesByAbbreviation(abbreviation: string): DocumentType[] {
  const wanted = abbreviation.trim();
  if (!wanted) return [];
  const lower = wanted.toLowerCase();
  const typedWithDiacritics = foldVietnamese(wanted) !== lower;
  const matches = ALL_DOCUMENT_TYPES.filter((type) => {
    const abbr = DOCUMENT_TYPES[type].abbreviation;
    if (abbr === null) return false;
    return typedWithDiacritics ? abbr.toLowerCase() === lower : foldVietnamese(abbr) === foldVietnamese(wanted);
  });
  // An exact spelling first: `HD` is Hướng dẫn before it is Hợp đồng typed without its đ.
  return matches.sort(
    (a, b) => Number(DOCUMENT_TYPES[b].abbreviation === wanted) - Number(DOCUMENT_TYPES[a].abbreviation === wanted),
  );
}

/** A number and symbol read back from text, for search and for registering incoming documents. */
export interface ParsedNumberAndSymbol {
  /** The register number (`27` from `27/KH-UBND`), or null when only a symbol was given. */
  number: number | null;
  /** The year of a legal normative document's symbol (`30/2020/NĐ-CP`), else null. */
  year: number | null;
  /**
   * The types the symbol may denote. A first segment that is no known type abbreviation makes
   * it a Công văn (`134/UBND-VP`), except in a symbol with a year, which is always typed.
   */
  documentTypes: DocumentType[];
  /** The type abbreviation (canonical spelling when it matched one type), null for a Công văn. */
  typeAbbreviation: string | null;
  /** Issuer abbreviation, upper-cased, or null when not given (`27/KH`). */
  issuer: string | null;
  /** Drafting unit of a Công văn, upper-cased, or null. */
  draftingUnit: string | null;
  /** Diacritics- and case-insensitive form to compare or prefix-match on, see {@link numberAndSymbolSearchKey}. */
  searchKey: string;
}

const LEADING_SO = /^s[oố]\s*[:.]?\s*/iu;

function cleanNumberAndSymbol(text: string): string {
  return text
    .normalize('NFC')
    .trim()
    .replace(LEADING_SO, '')
    .replace(/[‐‑–—]/g, '-')
    .replace(/\s*([/-])\s*/g, '$1');
}

/**
 * Reads a number and symbol as people type or print it: `27/KH-UBND`, `Số: 05/QĐ-UBND`,
 * `27/kh`, `134/UBND-VP`, `30/2020/NĐ-CP`, or just `KH-UBND`. Returns null for text that is no
 * number and symbol at all (free words, a single word without a number, an empty string).
 *
 * A symbol whose first part is both an organisation's and a type's abbreviation reads as typed:
 * Decree 30/2020 Appendix III abbreviations are taken to win.
 */
export function parseNumberAndSymbol(text: string): ParsedNumberAndSymbol | null {
  const cleaned = cleanNumberAndSymbol(text);
  // Spaces left inside a word mean free text ("kế hoạch"), not a symbol.
  if (!cleaned || /\s/.test(cleaned)) return null;
  const slashParts = cleaned.split('/');
  let number: number | null = null;
  let year: number | null = null;
  let symbolText: string;
  if (slashParts.length === 1) {
    if (/^\d+$/.test(cleaned)) {
      symbolText = '';
      number = Number(cleaned);
    } else {
      symbolText = cleaned;
    }
  } else if (slashParts.length === 2 && /^\d+$/.test(slashParts[0])) {
    number = Number(slashParts[0]);
    symbolText = slashParts[1];
  } else if (slashParts.length === 3 && /^\d+$/.test(slashParts[0]) && /^\d{4}$/.test(slashParts[1])) {
    number = Number(slashParts[0]);
    year = Number(slashParts[1]);
    symbolText = slashParts[2];
  } else {
    return null;
  }
  if (number !== null && (!Number.isSafeInteger(number) || number < 1)) return null;

  const segments = symbolText.split('-').filter((s) => s.length > 0);
  if (!segments.every((s) => ABBREVIATION.test(s))) return null;
  // Without a number, only a hyphenated symbol (`KH-UBND`) is told apart from a word.
  if (number === null && segments.length < 2) return null;

  let documentTypes: DocumentType[] = [];
  let typeAbbreviation: string | null = null;
  let issuer: string | null = null;
  let draftingUnit: string | null = null;
  if (segments.length > 0) {
    const typeMatches = documentTypesByAbbreviation(segments[0]);
    if (typeMatches.length > 0 || year !== null) {
      documentTypes = typeMatches;
      typeAbbreviation =
        typeMatches.length === 1 ? DOCUMENT_TYPES[typeMatches[0]].abbreviation : segments[0].toUpperCase();
      issuer = segments.length > 1 ? segments.slice(1).join('-').toUpperCase() : null;
    } else {
      documentTypes = [DocumentType.OfficialLetter];
      issuer = segments[0].toUpperCase();
      draftingUnit = segments.length > 1 ? segments.slice(1).join('-').toUpperCase() : null;
    }
  }
  return {
    number,
    year,
    documentTypes,
    typeAbbreviation,
    issuer,
    draftingUnit,
    searchKey: searchKeyOf(number, year, segments),
  };
}

function searchKeyOf(number: number | null, year: number | null, segments: string[]): string {
  const symbol = segments.map((s) => foldVietnamese(s).toUpperCase()).join('-');
  const head = [number, year].filter((n): n is number => n !== null).join('/');
  if (!head) return symbol;
  return symbol ? `${head}/${symbol}` : `${head}/`;
}

/**
 * A form of a number and symbol to store beside it and compare against what users type:
 * no leading zeros, no diacritics, upper case (`05/QĐ-UBND` → `5/QD-UBND`). A typed query's key
 * is a prefix of the stored key when it names the same document more briefly (`27/KH` of
 * `27/KH-UBND`). Returns null for text that {@link parseNumberAndSymbol} does not read.
 */
export function numberAndSymbolSearchKey(text: string): string | null {
  return parseNumberAndSymbol(text)?.searchKey ?? null;
}
