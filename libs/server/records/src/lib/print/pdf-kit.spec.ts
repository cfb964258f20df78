import { newReport, wrapText } from './pdf-kit';

describe('wrapText', () => {
  it('breaks at spaces, and a symbol too long for its column after a "/" or "-" rather than between letters', async () => {
    const { fonts } = await newReport('test');
    const font = fonts.regular;
    const width = font.widthOfTextAtSize('1234/SLĐTBXH-', 10) + 1;
    expect(wrapText('1234/SLĐTBXH-BTXH', font, 10, width)).toEqual(['1234/SLĐTBXH-', 'BTXH']);
    expect(wrapText('Kế hoạch kiểm tra', font, 10, font.widthOfTextAtSize('Kế hoạch', 10) + 1)).toEqual(['Kế hoạch', 'kiểm tra']);
    // No separator that fits: cut between letters.
    expect(wrapText('ABCDEFGHIJ', font, 10, font.widthOfTextAtSize('ABCDE', 10))).toEqual(['ABCDE', 'FGHIJ']);
  });
});
