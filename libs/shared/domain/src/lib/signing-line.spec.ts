import { suggestedSigningLine } from './signing-line';

describe('suggestedSigningLine', () => {
  it('writes the chairman and vice-chairman lines of a People’s Committee', () => {
    expect(suggestedSigningLine('Chủ tịch UBND huyện', { inOwnName: true })).toBe('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    expect(suggestedSigningLine('Chủ tịch UBND xã', { inOwnName: true })).toBe('TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH');
    expect(suggestedSigningLine('Phó Chủ tịch UBND huyện', { inOwnName: true })).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    expect(suggestedSigningLine('  phó chủ tịch ', { inOwnName: true })).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
  });

  it('writes TL. for a unit head signing in the Committee’s name, the title alone in the unit’s own name', () => {
    expect(suggestedSigningLine('Trưởng phòng Nội vụ', { inOwnName: false })).toBe('TL. CHỦ TỊCH\nTRƯỞNG PHÒNG NỘI VỤ');
    expect(suggestedSigningLine('Chánh Văn phòng', { inOwnName: true })).toBe('CHÁNH VĂN PHÒNG');
  });

  it('writes KT. for a deputy signing for the head of their unit, and nothing for an empty title', () => {
    expect(suggestedSigningLine('Phó Trưởng phòng Tư pháp', { inOwnName: true })).toBe('KT. TRƯỞNG PHÒNG TƯ PHÁP\nPHÓ TRƯỞNG PHÒNG TƯ PHÁP');
    expect(suggestedSigningLine('   ', { inOwnName: true })).toBe('');
  });
});
