import { hashPassword, isAcceptablePassword, verifyPassword } from './password';

describe('password hashing (scrypt)', () => {
  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const a = await hashPassword('Mật khẩu 2026');
    const b = await hashPassword('Mật khẩu 2026');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('Mật khẩu 2026', a)).toBe(true);
    expect(await verifyPassword('Mat khau 2026', a)).toBe(false);
    expect(await verifyPassword('anything', 'not-a-hash')).toBe(false);
  });

  it('treats composed and decomposed Vietnamese the same (NFC)', async () => {
    const hash = await hashPassword('Đắk Nông 1'.normalize('NFC'));
    expect(await verifyPassword('Đắk Nông 1'.normalize('NFD'), hash)).toBe(true);
  });

  it('accepts 8+ characters with a letter and a digit', () => {
    expect(isAcceptablePassword('abcdefg1')).toBe(true);
    expect(isAcceptablePassword('Tuyệtmật9')).toBe(true);
    expect(isAcceptablePassword('abcdefgh')).toBe(false);
    expect(isAcceptablePassword('12345678')).toBe(false);
    expect(isAcceptablePassword('ab1')).toBe(false);
  });
});
