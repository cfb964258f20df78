import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { ErrorCode } from '@vanthu/shared/contracts';
import { catchError, Observable, throwError } from 'rxjs';

import { APP_CONFIG, AppConfig } from './config';
import { DomainError } from './domain-error';

/** A file as the upload interceptor hands it over (multer's memory storage). */
export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export class FileMissing extends DomainError {
  constructor() {
    super(400, ErrorCode.FileMissing, { vi: 'Chưa chọn tệp để tải lên.', en: 'No file was uploaded.' });
  }
}

export class FileTooLarge extends DomainError {
  constructor(limitBytes: number) {
    const mb = Math.round(limitBytes / (1024 * 1024));
    super(413, ErrorCode.PayloadTooLarge, {
      vi: `Tệp tải lên vượt quá dung lượng cho phép (${mb} MB).`,
      en: `The file is larger than the allowed ${mb} MB.`,
    });
  }
}

/** Turns multer's "too large" into a message that names the limit, in both languages. */
@Injectable()
export class UploadLimitInterceptor implements NestInterceptor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((error: unknown) => throwError(() => (error instanceof PayloadTooLargeException ? new FileTooLarge(this.config.uploadMaxBytes) : error))),
    );
  }
}
