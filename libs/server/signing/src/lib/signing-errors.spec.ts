import { CredentialLocked, isAcceptablePin, WrongPin } from './signing-errors';

describe('PIN rules and refusals', () => {
  it('accepts six or more characters that are not one repeated character nor a run', () => {
    for (const pin of ['842913', '905718', '12345a', 'mã-pin-của-tôi', '1122334']) expect(isAcceptablePin(pin)).toBe(true);
    for (const pin of ['84291', '111111', '123456', '987654', 'abcdef', '0123456789', 'x'.repeat(33)]) expect(isAcceptablePin(pin)).toBe(false);
  });

  it('says how many tries are left and until when a key is locked, in Vietnam time', () => {
    expect(new WrongPin('user', 1, 15).text).toEqual({
      vi: 'Mã PIN không đúng. Còn 1 lần thử; nhập sai tiếp thì chứng thư số của bạn bị tạm khóa 15 phút.',
      en: 'Wrong PIN. 1 try left before your signing certificate is locked for 15 minutes.',
    });
    const locked = new CredentialLocked('organisation', new Date('2026-11-30T07:45:00Z'));
    expect(locked.status).toBe(423);
    expect(locked.text.vi).toBe('Con dấu số của cơ quan đang bị tạm khóa do nhập sai mã PIN nhiều lần, đến 30/11/2026 14:45 (giờ Việt Nam). Hãy thử lại sau thời điểm đó hoặc nhờ quản trị mở khóa.');
    expect(locked.text.en).toContain('The organisation’s digital seal is locked after too many wrong PINs until 30/11/2026 14:45 (Vietnam time)');
  });
});
