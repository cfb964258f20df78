import { DocumentType } from '@vanthu/shared/contracts';

import { searchTermsOf, searchTextOf, termsOf } from './search-text';

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

  it('searches every typed word once, the last one as a prefix', () => {
    expect(searchTermsOf('quyết  định thành')).toEqual([
      { token: 'vquyet', prefix: false },
      { token: 'vdinh', prefix: false },
      { token: 'vthanh', prefix: true },
    ]);
    expect(searchTermsOf('05/QĐ')).toEqual([
      { token: 'v5_', prefix: false },
      { token: 'vqd', prefix: true },
    ]);
    // A single character cannot be a prefix of longer words: "v5_" is the word 5 alone.
    expect(searchTermsOf('kh 5')).toEqual([
      { token: 'vkh', prefix: false },
      { token: 'v5_', prefix: false },
    ]);
  });

  it('returns nothing to search for punctuation alone', () => {
    expect(searchTermsOf(' -- / ')).toEqual([]);
    expect(searchTermsOf('')).toEqual([]);
  });

  it('keeps operators and quotes out of the searched words', () => {
    expect(searchTermsOf('+a -b "c" %d_').map((t) => t.token)).toEqual(['va_', 'vb_', 'vc_', 'vd_']);
  });

  it('reads back the stored words of a search text', () => {
    expect(termsOf(searchTextOf({ type: DocumentType.Notice, subject: 'Thông báo', symbol: '12/TB-UBND' }))).toEqual(['vthong', 'vbao', 'v12', 'vtb', 'vubnd']);
  });
});
