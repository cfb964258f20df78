import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { ErrorBody, ErrorCode } from '@vanthu/shared/contracts';
import { toApiFailure } from './api-error';

describe('toApiFailure', () => {
  it('keeps the API message and field errors from the error body', () => {
    const body: ErrorBody = {
      statusCode: 400,
      code: ErrorCode.ValidationFailed,
      message: { vi: 'Dữ liệu không hợp lệ.', en: 'Invalid data.' },
      errors: [{ field: 'username', message: { vi: 'Bắt buộc.', en: 'Required.' } }],
    };
    const failure = toApiFailure(new HttpErrorResponse({ status: 400, error: body }));
    expect(failure).toEqual({
      status: 400,
      code: ErrorCode.ValidationFailed,
      message: body.message,
      fieldErrors: body.errors,
    });
  });

  it('says the server cannot be reached when the request never got an answer', () => {
    const failure = toApiFailure(new HttpErrorResponse({ status: 0, error: new ProgressEvent('error') }));
    expect(failure.code).toBe('NETWORK');
    expect(failure.message.vi).toContain('Không kết nối được với máy chủ');
    expect(failure.message.en).toContain('Cannot reach the server');
  });

  it('treats a gateway page without an error body as the network failing', () => {
    const failure = toApiFailure(
      new HttpErrorResponse({ status: 504, error: '<html>Gateway Timeout</html>', headers: new HttpHeaders() }),
    );
    expect(failure.code).toBe('NETWORK');
  });

  it('names the status of an unexpected answer in both languages', () => {
    const failure = toApiFailure(new HttpErrorResponse({ status: 500, error: 'oops' }));
    expect(failure.code).toBe('UNEXPECTED');
    expect(failure.message).toEqual({
      vi: 'Đã xảy ra lỗi (mã 500). Vui lòng thử lại sau.',
      en: 'Something went wrong (code 500). Please try again later.',
    });
  });
});
