import {
  ALL_DOCUMENT_TYPES,
  ALL_REGISTER_KINDS,
  ALL_SECURITY_LEVELS,
  ALL_URGENCIES,
  DOCUMENT_DIRECTION_LABELS,
  DOCUMENT_TYPES,
  DocumentDirection,
  DocumentType,
  REGISTER_KIND_LABELS,
  RegisterKind,
  SECURITY_LEVEL_LABELS,
  SecurityLevel,
  URGENCY_LABELS,
  Urgency,
} from './document';

// The slug is the Vietnamese name without diacritics; kept local so contracts import nothing.
function slugOf(vietnameseName: string): string {
  return vietnameseName
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .trim()
    .replace(/\s+/g, '-');
}

describe('DocumentType', () => {
  it('lists the 30 Appendix III types plus Công văn', () => {
    expect(ALL_DOCUMENT_TYPES).toHaveLength(31);
    expect(new Set(ALL_DOCUMENT_TYPES).size).toBe(31);
  });

  it('describes each type under its own key', () => {
    for (const type of ALL_DOCUMENT_TYPES) {
      expect(DOCUMENT_TYPES[type].type).toBe(type);
    }
  });

  it('stores each type as the lowercase ASCII slug of its Vietnamese name', () => {
    for (const type of ALL_DOCUMENT_TYPES) {
      expect(type).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(type).toBe(slugOf(DOCUMENT_TYPES[type].name.vi));
    }
  });

  it('carries the official abbreviations of Decree 30 Appendix III', () => {
    const abbreviation = (t: DocumentType) => DOCUMENT_TYPES[t].abbreviation;
    expect(abbreviation(DocumentType.Resolution)).toBe('NQ');
    expect(abbreviation(DocumentType.Decision)).toBe('QĐ');
    expect(abbreviation(DocumentType.Regulation)).toBe('QyĐ');
    expect(abbreviation(DocumentType.Programme)).toBe('CTr');
    expect(abbreviation(DocumentType.Plan)).toBe('KH');
    expect(abbreviation(DocumentType.Scheme)).toBe('ĐA');
    expect(abbreviation(DocumentType.Project)).toBe('DA');
    expect(abbreviation(DocumentType.Submission)).toBe('TTr');
    expect(abbreviation(DocumentType.Contract)).toBe('HĐ');
    expect(abbreviation(DocumentType.OfficialDispatch)).toBe('CĐ');
    expect(abbreviation(DocumentType.Invitation)).toBe('GM');
    expect(abbreviation(DocumentType.TransmittalSlip)).toBe('PG');
    expect(abbreviation(DocumentType.TrueCopy)).toBe('SY');
    expect(abbreviation(DocumentType.TranscribedCopy)).toBe('SL');
  });

  it('gives Công văn, and only Công văn, no abbreviation', () => {
    const without = ALL_DOCUMENT_TYPES.filter((t) => DOCUMENT_TYPES[t].abbreviation === null);
    expect(without).toEqual([DocumentType.OfficialLetter]);
    expect(DOCUMENT_TYPES[DocumentType.OfficialLetter].name.vi).toBe('Công văn');
  });

  it('never gives two types the same abbreviation', () => {
    const abbreviations = ALL_DOCUMENT_TYPES.map((t) => DOCUMENT_TYPES[t].abbreviation).filter((a) => a !== null);
    expect(new Set(abbreviations).size).toBe(abbreviations.length);
  });

  it('names every type in Vietnamese and English', () => {
    for (const type of ALL_DOCUMENT_TYPES) {
      expect(DOCUMENT_TYPES[type].name.vi.trim()).not.toBe('');
      expect(DOCUMENT_TYPES[type].name.en.trim()).not.toBe('');
    }
  });
});

describe('Urgency, SecurityLevel, DocumentDirection, RegisterKind', () => {
  it('orders urgency from normal to hỏa tốc, with stable values', () => {
    expect(ALL_URGENCIES).toEqual(['thuong', 'khan', 'thuong-khan', 'hoa-toc']);
    expect(ALL_URGENCIES.map((u) => URGENCY_LABELS[u].vi)).toEqual(['Thường', 'Khẩn', 'Thượng khẩn', 'Hỏa tốc']);
    expect(URGENCY_LABELS[Urgency.Flash].en).toBe('Flash');
  });

  it('orders security levels from unclassified to tuyệt mật, with stable values', () => {
    expect(ALL_SECURITY_LEVELS).toEqual(['thuong', 'mat', 'toi-mat', 'tuyet-mat']);
    expect(ALL_SECURITY_LEVELS.map((s) => SECURITY_LEVEL_LABELS[s].vi)).toEqual([
      'Thường',
      'Mật',
      'Tối mật',
      'Tuyệt mật',
    ]);
    expect(SECURITY_LEVEL_LABELS[SecurityLevel.TopSecret].en).toBe('Top secret');
  });

  it('covers every enum value with a label in both languages', () => {
    const tables: [readonly string[], Record<string, { vi: string; en: string }>][] = [
      [Object.values(Urgency), URGENCY_LABELS],
      [Object.values(SecurityLevel), SECURITY_LEVEL_LABELS],
      [Object.values(DocumentDirection), DOCUMENT_DIRECTION_LABELS],
      [Object.values(RegisterKind), REGISTER_KIND_LABELS],
    ];
    for (const [values, labels] of tables) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const value of values) {
        expect(labels[value].vi).not.toBe('');
        expect(labels[value].en).not.toBe('');
      }
    }
  });

  it('has the four registers clerks keep', () => {
    expect(ALL_REGISTER_KINDS).toEqual([
      'outgoing-normal',
      'outgoing-classified',
      'incoming-normal',
      'incoming-classified',
    ]);
    expect(REGISTER_KIND_LABELS[RegisterKind.IncomingNormal].vi).toBe('Sổ văn bản đến');
  });

  it('stores directions as outgoing and incoming', () => {
    expect(Object.values(DocumentDirection)).toEqual(['outgoing', 'incoming']);
  });
});
