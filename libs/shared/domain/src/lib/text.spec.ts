import { foldVietnamese } from './text';

describe('foldVietnamese', () => {
  it('drops tone marks and folds đ so "quyet dinh" finds "Quyết định"', () => {
    expect(foldVietnamese('Quyết định')).toBe('quyet dinh');
    expect(foldVietnamese('ĐẮK R’TÍH')).toBe('dak r’tih');
  });

  it('collapses runs of whitespace', () => {
    expect(foldVietnamese('  Kế   hoạch \n năm ')).toBe('ke hoach nam');
  });
});
