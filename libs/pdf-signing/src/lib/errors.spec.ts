import * as library from '../index';
import { PdfSigningError } from './errors';

describe('typed errors', () => {
  const classes = Object.entries(library)
    .filter(([, value]) => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof PdfSigningError)
    .map(([name]) => name);

  it('exports one class per failure the server maps, all PdfSigningErrors', () => {
    expect(classes.sort()).toEqual([
      'CertificateExpiredError',
      'CertificateNotYetValidError',
      'CertificateRejectedError',
      'CertificateUsageError',
      'CmsMismatchError',
      'DamagedPdfError',
      'EncryptedPdfError',
      'InvalidCredentialError',
      'InvalidOptionsError',
      'NotAPdfError',
      'PinLockedError',
      'PlaceholderTooSmallError',
      'SignedUploadRefusedError',
      'TimestampError',
      'TokenError',
      'UnsupportedPdfError',
      'WrongPinError',
    ]);
  });

  const reason = { vi: 'lý do.', en: 'a reason.' };
  const samples: PdfSigningError[] = [
    new library.NotAPdfError(),
    new library.DamagedPdfError(),
    new library.EncryptedPdfError(),
    new library.UnsupportedPdfError(reason),
    new library.PlaceholderTooSmallError(9000, 8192),
    new library.WrongPinError(),
    new library.CertificateExpiredError(new Date('2022-01-01')),
    new library.CertificateNotYetValidError(new Date('2030-01-01')),
    new library.CertificateUsageError(),
    new library.CmsMismatchError(reason),
    new library.TimestampError(reason),
    new library.InvalidCredentialError(reason),
    new library.InvalidOptionsError(reason),
    new library.CertificateRejectedError('chain', 'CERTIFICATE_UNTRUSTED', { vi: 'Chứng thư số không được tin cậy.', en: 'The certificate is not trusted.' }),
    new library.PinLockedError(),
    new library.TokenError(reason),
    new library.SignedUploadRefusedError('several-updates', reason),
  ];

  it.each(samples.map((error) => [error.name, error]))('%s has a stable code and a message in Vietnamese and English', (_name, error) => {
    expect(error).toBeInstanceOf(PdfSigningError);
    expect(error).toBeInstanceOf(Error);
    expect(error.code).toMatch(/^[A-Z_]+$/);
    expect(error.text.vi.length).toBeGreaterThan(10);
    expect(error.text.en.length).toBeGreaterThan(10);
    expect(error.text.vi).not.toBe(error.text.en);
    expect(error.message).toBe(error.text.en);
    // Vietnamese text is written with its diacritics, not in ASCII.
    expect(error.text.vi).toMatch(/[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]/i);
  });

  it('names dates and sizes in what it says', () => {
    expect(new library.CertificateExpiredError(new Date('2022-01-01T00:00:00Z')).text.vi).toContain('2022-01-01');
    expect(new library.PlaceholderTooSmallError(9000, 8192).text.en).toBe('The space reserved for the signature in the PDF is too small: 9000 bytes needed, 8192 available.');
  });
});
