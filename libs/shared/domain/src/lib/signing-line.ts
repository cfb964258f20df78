/**
 * The signing authority (thẩm quyền ký) a draft's signer usually writes above their name, as
 * Decree 30 lays it out (Appendix I): the chairman signs on behalf of the People's Committee
 * ("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH"), a vice-chairman for the chairman ("KT. CHỦ TỊCH / PHÓ CHỦ
 * TỊCH"), a head of a unit signing in the Committee's name by the chairman's order ("TL. CHỦ TỊCH
 * / TRƯỞNG PHÒNG NỘI VỤ"), in the unit's own name with their title alone, and a deputy for the
 * head ("KT. TRƯỞNG PHÒNG / PHÓ TRƯỞNG PHÒNG"). A suggestion: the drafter may change it.
 */
export function suggestedSigningLine(position: string, o: { inOwnName: boolean }): string {
  const title = position.trim().replace(/\s+/g, ' ');
  if (!title) return '';
  const upper = (text: string) => text.toLocaleUpperCase('vi');
  // "Chủ tịch UBND huyện" → the office alone; the organisation is in the document's heading.
  const office = title.replace(/\s+(UBND|Ủy ban nhân dân|HĐND)\b.*$/iu, '');
  if (/^phó chủ tịch$/iu.test(office)) return 'KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH';
  if (/^chủ tịch$/iu.test(office)) return 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH';
  if (!o.inOwnName) return `TL. CHỦ TỊCH\n${upper(title)}`;
  const deputy = /^phó\s+(.+)$/iu.exec(title);
  if (deputy) return `KT. ${upper(deputy[1])}\n${upper(title)}`;
  return upper(title);
}
