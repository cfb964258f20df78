import { DocumentDirection, DocumentType, RegisterKind, SecurityLevel } from '@vanthu/shared/contracts';

import {
  buildNumberAndSymbol,
  buildSymbol,
  documentTypesByAbbreviation,
  formatNumberAndSymbol,
  formatRegisterNumber,
  isClassified,
  numberAndSymbolSearchKey,
  parseNumberAndSymbol,
  registerKind,
  registerYear,
} from './numbering';

describe('formatRegisterNumber', () => {
  it('pads numbers below 10 with one zero', () => {
    expect(formatRegisterNumber(1)).toBe('01');
    expect(formatRegisterNumber(9)).toBe('09');
  });

  it('prints 10 and above as they are', () => {
    expect(formatRegisterNumber(10)).toBe('10');
    expect(formatRegisterNumber(11)).toBe('11');
    expect(formatRegisterNumber(134)).toBe('134');
    expect(formatRegisterNumber(1234)).toBe('1234');
  });

  it('refuses zero, negatives and fractions: a register starts at 01', () => {
    expect(() => formatRegisterNumber(0)).toThrow(RangeError);
    expect(() => formatRegisterNumber(-3)).toThrow(RangeError);
    expect(() => formatRegisterNumber(2.5)).toThrow(RangeError);
    expect(() => formatRegisterNumber(Number.NaN)).toThrow(RangeError);
  });
});

describe('buildSymbol and buildNumberAndSymbol', () => {
  it('builds a typed document as number/type-issuer: 27/KH-UBND', () => {
    expect(buildSymbol({ documentType: DocumentType.Plan, issuer: 'UBND' })).toBe('KH-UBND');
    expect(buildNumberAndSymbol(27, { documentType: DocumentType.Plan, issuer: 'UBND' })).toBe('27/KH-UBND');
  });

  it('keeps the Vietnamese letters and mixed case of the official abbreviation', () => {
    expect(buildNumberAndSymbol(5, { documentType: DocumentType.Decision, issuer: 'UBND' })).toBe('05/QĐ-UBND');
    expect(buildNumberAndSymbol(12, { documentType: DocumentType.Submission, issuer: 'UBND' })).toBe('12/TTr-UBND');
    expect(buildNumberAndSymbol(3, { documentType: DocumentType.Regulation, issuer: 'UBND' })).toBe('03/QyĐ-UBND');
  });

  it('builds a department issuing in its own name: …/KH-NV', () => {
    expect(buildNumberAndSymbol(8, { documentType: DocumentType.Plan, issuer: 'NV' })).toBe('08/KH-NV');
    expect(buildNumberAndSymbol(41, { documentType: DocumentType.Report, issuer: 'LĐTBXH' })).toBe('41/BC-LĐTBXH');
  });

  it('builds a Công văn as number/issuer-drafting unit: 134/UBND-VP', () => {
    expect(
      buildNumberAndSymbol(134, { documentType: DocumentType.OfficialLetter, issuer: 'UBND', draftingUnit: 'VP' }),
    ).toBe('134/UBND-VP');
  });

  it('leaves the drafting unit out of a typed document even when given', () => {
    expect(buildSymbol({ documentType: DocumentType.Plan, issuer: 'UBND', draftingUnit: 'NV' })).toBe('KH-UBND');
  });

  it('refuses a Công văn without a drafting unit', () => {
    expect(() => buildSymbol({ documentType: DocumentType.OfficialLetter, issuer: 'UBND' })).toThrow(/drafting unit/);
    expect(() =>
      buildSymbol({ documentType: DocumentType.OfficialLetter, issuer: 'UBND', draftingUnit: ' ' }),
    ).toThrow(RangeError);
  });

  it('refuses abbreviations that would make the symbol unreadable', () => {
    expect(() => buildSymbol({ documentType: DocumentType.Plan, issuer: '' })).toThrow(RangeError);
    expect(() => buildSymbol({ documentType: DocumentType.Plan, issuer: 'UB-ND' })).toThrow(RangeError);
    expect(() => buildSymbol({ documentType: DocumentType.Plan, issuer: 'UB/ND' })).toThrow(RangeError);
    expect(() => buildSymbol({ documentType: 'no-such-type' as DocumentType, issuer: 'UBND' })).toThrow(RangeError);
  });

  it('joins an existing symbol with a padded number', () => {
    expect(formatNumberAndSymbol(7, 'TB-UBND')).toBe('07/TB-UBND');
  });
});

describe('documentTypesByAbbreviation', () => {
  it('finds a type whatever the case', () => {
    expect(documentTypesByAbbreviation('KH')).toEqual([DocumentType.Plan]);
    expect(documentTypesByAbbreviation('ttr')).toEqual([DocumentType.Submission]);
    expect(documentTypesByAbbreviation('qđ')).toEqual([DocumentType.Decision]);
  });

  it('finds types typed without diacritics, exact spelling first when two fold alike', () => {
    expect(documentTypesByAbbreviation('QD')).toEqual([DocumentType.Decision]);
    expect(documentTypesByAbbreviation('HD')).toEqual([DocumentType.Guidance, DocumentType.Contract]);
    expect(documentTypesByAbbreviation('DA')).toEqual([DocumentType.Project, DocumentType.Scheme]);
  });

  it('takes diacritics at their word when typed', () => {
    expect(documentTypesByAbbreviation('HĐ')).toEqual([DocumentType.Contract]);
    expect(documentTypesByAbbreviation('ĐA')).toEqual([DocumentType.Scheme]);
  });

  it('finds nothing for an organisation abbreviation or an empty string', () => {
    expect(documentTypesByAbbreviation('UBND')).toEqual([]);
    expect(documentTypesByAbbreviation('')).toEqual([]);
  });
});

describe('parseNumberAndSymbol', () => {
  it('reads a typed document back into its parts', () => {
    expect(parseNumberAndSymbol('27/KH-UBND')).toEqual({
      number: 27,
      year: null,
      documentTypes: [DocumentType.Plan],
      typeAbbreviation: 'KH',
      issuer: 'UBND',
      draftingUnit: null,
      searchKey: '27/KH-UBND',
    });
  });

  it('reads a Công văn back into issuer and drafting unit', () => {
    expect(parseNumberAndSymbol('134/UBND-VP')).toMatchObject({
      number: 134,
      documentTypes: [DocumentType.OfficialLetter],
      typeAbbreviation: null,
      issuer: 'UBND',
      draftingUnit: 'VP',
    });
  });

  it('reads what a user types in the search box: "27/KH", lower case, spaces, "Số:"', () => {
    expect(parseNumberAndSymbol('27/KH')).toMatchObject({ number: 27, documentTypes: [DocumentType.Plan], issuer: null });
    expect(parseNumberAndSymbol(' 27 / kh - ubnd ')).toMatchObject({ number: 27, typeAbbreviation: 'KH', issuer: 'UBND' });
    expect(parseNumberAndSymbol('Số: 05/QĐ-UBND')).toMatchObject({
      number: 5,
      documentTypes: [DocumentType.Decision],
      typeAbbreviation: 'QĐ',
    });
    expect(parseNumberAndSymbol('so 05/qd-ubnd')).toMatchObject({ number: 5, typeAbbreviation: 'QĐ', issuer: 'UBND' });
  });

  it('reads back every symbol it builds', () => {
    const cases = [
      { documentType: DocumentType.Plan, issuer: 'UBND' },
      { documentType: DocumentType.Decision, issuer: 'UBND' },
      { documentType: DocumentType.Submission, issuer: 'TCKH' },
      { documentType: DocumentType.Contract, issuer: 'VP' },
      { documentType: DocumentType.OfficialLetter, issuer: 'UBND', draftingUnit: 'TNMT' },
    ];
    for (const parts of cases) {
      const parsed = parseNumberAndSymbol(buildNumberAndSymbol(9, parts));
      expect(parsed?.number).toBe(9);
      expect(parsed?.documentTypes).toEqual([parts.documentType]);
      expect(parsed?.issuer).toBe(parts.issuer);
      expect(parsed?.draftingUnit).toBe(parts.draftingUnit ?? null);
    }
  });

  it('reads a legal normative symbol with its year, even for a type outside Appendix III', () => {
    expect(parseNumberAndSymbol('30/2020/NĐ-CP')).toMatchObject({
      number: 30,
      year: 2020,
      documentTypes: [],
      typeAbbreviation: 'NĐ',
      issuer: 'CP',
      searchKey: '30/2020/ND-CP',
    });
  });

  it('reads a symbol without its number, and a number alone', () => {
    expect(parseNumberAndSymbol('KH-UBND')).toMatchObject({ number: null, typeAbbreviation: 'KH', issuer: 'UBND' });
    expect(parseNumberAndSymbol('027')).toMatchObject({ number: 27, documentTypes: [], searchKey: '27/' });
  });

  it('lists both types for an abbreviation ambiguous without diacritics', () => {
    expect(parseNumberAndSymbol('12/HD-UBND')).toMatchObject({
      documentTypes: [DocumentType.Guidance, DocumentType.Contract],
      typeAbbreviation: 'HD',
    });
  });

  it('returns null for free text and broken symbols', () => {
    expect(parseNumberAndSymbol('')).toBeNull();
    expect(parseNumberAndSymbol('kế hoạch phòng chống thiên tai')).toBeNull();
    expect(parseNumberAndSymbol('0/KH-UBND')).toBeNull();
    expect(parseNumberAndSymbol('KH/27')).toBeNull();
    expect(parseNumberAndSymbol('27/KH/UBND')).toBeNull();
    expect(parseNumberAndSymbol('27/KH_UBND')).toBeNull();
  });
});

describe('numberAndSymbolSearchKey', () => {
  it('makes a stored symbol and a typed query meet without diacritics, case or leading zeros', () => {
    expect(numberAndSymbolSearchKey('05/QĐ-UBND')).toBe('5/QD-UBND');
    expect(numberAndSymbolSearchKey('5/qd-ubnd')).toBe('5/QD-UBND');
    expect(numberAndSymbolSearchKey('41/BC-LĐTBXH')).toBe('41/BC-LDTBXH');
  });

  it('gives a shorter query a key that prefixes the stored one', () => {
    const stored = numberAndSymbolSearchKey('27/KH-UBND')!;
    expect(stored.startsWith(numberAndSymbolSearchKey('27/KH')!)).toBe(true);
    expect(stored.startsWith(numberAndSymbolSearchKey('27')!)).toBe(true);
    expect(numberAndSymbolSearchKey('271/KH-UBND')!.startsWith(numberAndSymbolSearchKey('27')!)).toBe(false);
  });

  it('returns null for text that is no number and symbol', () => {
    expect(numberAndSymbolSearchKey('quyết định')).toBeNull();
  });
});

describe('registerKind', () => {
  it('numbers classified documents in their own register, each direction apart', () => {
    expect(registerKind(DocumentDirection.Outgoing, SecurityLevel.Normal)).toBe(RegisterKind.OutgoingNormal);
    expect(registerKind(DocumentDirection.Incoming, SecurityLevel.Normal)).toBe(RegisterKind.IncomingNormal);
    for (const level of [SecurityLevel.Confidential, SecurityLevel.Secret, SecurityLevel.TopSecret]) {
      expect(registerKind(DocumentDirection.Outgoing, level)).toBe(RegisterKind.OutgoingClassified);
      expect(registerKind(DocumentDirection.Incoming, level)).toBe(RegisterKind.IncomingClassified);
    }
  });

  it('calls every level but thường classified', () => {
    expect(isClassified(SecurityLevel.Normal)).toBe(false);
    expect(isClassified(SecurityLevel.Confidential)).toBe(true);
    expect(isClassified(SecurityLevel.TopSecret)).toBe(true);
  });
});

describe('registerYear', () => {
  it('keeps a document issued at 23:30 on 31 December in Hà Nội (16:30 UTC) in the old year', () => {
    expect(registerYear(new Date('2025-12-31T16:30:00Z'))).toBe(2025);
  });

  it('puts a document issued at 00:30 on 1 January in Hà Nội (17:30 UTC on 31 December) in the new year', () => {
    expect(registerYear(new Date('2025-12-31T17:30:00Z'))).toBe(2026);
  });

  it('switches exactly at midnight Vietnam time', () => {
    expect(registerYear(new Date('2025-12-31T16:59:59.999Z'))).toBe(2025);
    expect(registerYear(new Date('2025-12-31T17:00:00.000Z'))).toBe(2026);
  });

  it('reads the year of a calendar date', () => {
    expect(registerYear('2027-01-01')).toBe(2027);
  });
});

describe('parseNumberAndSymbol on words', () => {
  it('does not take a single word for a symbol, so subject search still gets it', () => {
    expect(parseNumberAndSymbol('UBND')).toBeNull();
    expect(parseNumberAndSymbol('quyết')).toBeNull();
  });

  it('accepts an en dash typed or pasted between parts', () => {
    expect(parseNumberAndSymbol('27/KH–UBND')).toMatchObject({ number: 27, issuer: 'UBND' });
  });
});
