import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorBody, ErrorCode, LocalizedText } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { DomainError } from './domain-error';

const BY_STATUS: Record<number, { code: ErrorCode; message: LocalizedText }> = {
  400: { code: ErrorCode.ValidationFailed, message: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' } },
  401: { code: ErrorCode.Unauthenticated, message: { vi: 'Chưa đăng nhập.', en: 'You are not logged in.' } },
  403: { code: ErrorCode.Forbidden, message: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' } },
  404: { code: ErrorCode.NotFound, message: { vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'Nothing is found at this address.' } },
  413: {
    code: ErrorCode.PayloadTooLarge,
    message: { vi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', en: 'The upload is larger than allowed.' },
  },
  429: { code: ErrorCode.TooManyRequests, message: { vi: 'Quá nhiều yêu cầu, hãy thử lại sau.', en: 'Too many requests; try again later.' } },
  503: { code: ErrorCode.ServiceUnavailable, message: { vi: 'Dịch vụ tạm thời không sẵn sàng.', en: 'The service is temporarily unavailable.' } },
};

const INTERNAL: LocalizedText = {
  vi: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị.',
  en: 'Something went wrong on the server. Try again; if it persists, tell the administrator.',
};

/** Turns every error into `{ statusCode, code, message: { vi, en } }`, the only error shape clients see. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof DomainError) {
      return {
        statusCode: exception.status,
        code: exception.code,
        message: exception.text,
        ...(exception.fieldErrors ? { errors: exception.fieldErrors } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const known = BY_STATUS[status];
      if (known) return { statusCode: status, code: known.code, message: known.message };
      return { statusCode: status, code: status >= 500 ? ErrorCode.Internal : ErrorCode.RequestRefused, message: status >= 500 ? INTERNAL : BY_STATUS[400].message };
    }
    // body-parser raises plain errors with a status (malformed JSON, too large)
    const status = (exception as { status?: unknown })?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const known = BY_STATUS[status] ?? BY_STATUS[400];
      return { statusCode: status, code: known.code, message: known.message };
    }
    return { statusCode: 500, code: ErrorCode.Internal, message: INTERNAL };
  }
}
