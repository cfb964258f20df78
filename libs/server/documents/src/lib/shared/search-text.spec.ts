import { DocumentType } from '@vanthu/shared/contracts';

import { searchQueryOf, searchTextOf } from './search-text';

describe('search words of a document', () => {
  it('folds diacritics and marks every word so short Vietnamese words reach the full-text index', () => {
    const text = searchTextOf({ type: DocumentType.Plan, symbol: '05/KH-UBND', subject: 'Kế hoạch phòng, chống dịch', senderName: 'UBND xã Đắk R’Tíh' });
    expect(text.split(' ')).toEqual(expect.arrayContaining(['vke', 'vhoach', 'v5_', 'vkh', 'vubnd', 'vphong', 'vchong', 'vdich', 'vdak', 'vtih']));
    expect(text).not.toMatch(/[^ a-z0-9_]/);
  });

  it('keeps each word once', () => {
    const words = searchTextOf({ type: DocumentType.Plan, subject: 'Kế hoạch kế hoạch' }).split(' ');
    expect(words.filter((w) => w === 'vke')).toHaveLength(1);
  });

  it('makes a query that needs every typed word, the last as a prefix', () => {
    expect(searchQueryOf('quyết  định thành')).toBe('+vquyet +vdinh +vthanh*');
    expect(searchQueryOf('05/QĐ')).toBe('+v5_ +vqd*');
    expect(searchQueryOf('27/kh')).toBe('+v27 +vkh*');
  });

  it('returns nothing to search for punctuation alone', () => {
    expect(searchQueryOf(' -- / ')).toBeNull();
    expect(searchQueryOf('')).toBeNull();
  });

  it('cannot be used to inject full-text operators', () => {
    expect(searchQueryOf('+a -b "c" (d) ~e* @f<g')).toBe('+va_ +vb_ +vc_ +vd_ +ve_ +vf_ +vg_');
  });
});
