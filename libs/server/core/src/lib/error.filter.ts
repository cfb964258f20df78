import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ErrorBody, ErrorCode, LocalizedText } from '@vanthu/shared/contracts';
import type { Response } from 'express';

import { DomainError } from './domain-error';

const BY_STATUS: Record<number, { code: ErrorCode; message: LocalizedText }> = {
  400: { code: ErrorCode.ValidationFailed, message: { vi: 'Yêu cầu không hợp lệ.', en: 'The request is not valid.' } },
  401: { code: ErrorCode.Unauthenticated, message: { vi: 'Chưa đăng nhập.', en: 'You are not logged in.' } },
  403: { code: ErrorCode.Forbidden, message: { vi: 'Bạn không có quyền thực hiện thao tác này.', en: 'You are not allowed to do this.' } },
  404: { code: ErrorCode.NotFound, message: { vi: 'Không tìm thấy địa chỉ yêu cầu.', en: 'Nothing is found at this address.' } },
  408: { code: ErrorCode.RequestRefused, message: { vi: 'Yêu cầu gửi lên quá chậm nên đã bị ngắt.', en: 'The request took too long to arrive and was cut off.' } },
  413: {
    code: ErrorCode.PayloadTooLarge,
    message: { vi: 'Dữ liệu gửi lên vượt quá dung lượng cho phép.', en: 'The upload is larger than allowed.' },
  },
  415: {
    code: ErrorCode.UnsupportedMediaType,
    message: {
      vi: 'Định dạng dữ liệu gửi lên không được hỗ trợ (cần JSON UTF-8, hoặc multipart/form-data khi tải tệp).',
      en: 'The request body is in a format this address does not read (JSON in UTF-8, or multipart/form-data for uploads).',
    },
  },
  429: { code: ErrorCode.TooManyRequests, message: { vi: 'Quá nhiều yêu cầu, hãy thử lại sau.', en: 'Too many requests; try again later.' } },
  431: {
    code: ErrorCode.HeadersTooLarge,
    message: {
      vi: 'Địa chỉ hoặc phần đầu (header, cookie) của yêu cầu quá dài.',
      en: 'The address or the headers (cookies) of the request are too long.',
    },
  },
  503: { code: ErrorCode.ServiceUnavailable, message: { vi: 'Dịch vụ tạm thời không sẵn sàng.', en: 'The service is temporarily unavailable.' } },
};

const MALFORMED_JSON: LocalizedText = {
  vi: 'Nội dung JSON gửi lên không đúng cú pháp.',
  en: 'The JSON body is malformed.',
};

const INTERNAL: LocalizedText = {
  vi: 'Đã có lỗi hệ thống. Vui lòng thử lại; nếu vẫn lỗi, hãy báo quản trị.',
  en: 'Something went wrong on the server. Try again; if it persists, tell the administrator.',
};

/** The error body for an HTTP status the server itself answers with (no domain error behind it). */
export function bodyForStatus(status: number): ErrorBody {
  const known = BY_STATUS[status];
  if (known) return { statusCode: status, code: known.code, message: known.message };
  if (status >= 500) return { statusCode: status, code: ErrorCode.Internal, message: INTERNAL };
  return { statusCode: status, code: ErrorCode.RequestRefused, message: BY_STATUS[400].message };
}

/**
 * The error body for what body-parser raises (malformed JSON, too large, a charset or content
 * encoding it cannot read): plain errors with a status and a type. Null for anything else.
 */
export function bodyParserErrorBody(exception: unknown): ErrorBody | null {
  const { status, type } = (exception ?? {}) as { status?: unknown; type?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number' || status < 400 || status >= 500) return null;
  if (type === 'entity.parse.failed') return { statusCode: 400, code: ErrorCode.ValidationFailed, message: MALFORMED_JSON };
  return bodyForStatus(status);
}

/** Turns every error into `{ statusCode, code, message: { vi, en } }`, the only error shape clients see. */
@Catch()
export class ErrorBodyFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (response.headersSent) return;
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
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
    if (exception instanceof HttpException) return bodyForStatus(exception.getStatus());
    const parser = bodyParserErrorBody(exception);
    if (parser) return parser;
    const status = (exception as { status?: unknown } | null)?.status;
    if (typeof status === 'number' && status >= 400 && status < 500) return bodyForStatus(status);
    return { statusCode: 500, code: ErrorCode.Internal, message: INTERNAL };
  }
}

/**
 * Answers the errors Node's HTTP server meets before any request reaches Express (headers or an
 * address over `maxHeaderSize`, a malformed request line, a request that arrived too slowly) with
 * the same error body, instead of Node's bare status line.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : error.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? 408 : 400;
    const body = JSON.stringify(bodyForStatus(status));
    socket.end(
      `HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : status === 408 ? 'Request Timeout' : 'Bad Request'}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}
