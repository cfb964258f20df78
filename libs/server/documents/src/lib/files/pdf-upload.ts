import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException, UseInterceptors, applyDecorators } from '@nestjs/common';
import { FileFieldsInterceptor, FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { APP_CONFIG, AppConfig, DomainError } from '@vanthu/server/core';
import { ErrorCode } from '@vanthu/shared/contracts';
import { catchError, Observable, throwError } from 'rxjs';

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

/** A multipart upload of one PDF in the field `file` (size limit from UPLOAD_MAX_MB, read into memory). */
export function PdfUpload(extraFields: Record<string, { type: 'string' }> = {}) {
  return applyDecorators(
    UseInterceptors(UploadLimitInterceptor, FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...extraFields } } }),
  );
}

/** A multipart upload of a PKCS#12 (`p12`) and an optional PNG (`image`). */
export function CredentialUpload() {
  return applyDecorators(
    UseInterceptors(
      UploadLimitInterceptor,
      FileFieldsInterceptor([
        { name: 'p12', maxCount: 1 },
        { name: 'image', maxCount: 1 },
      ]),
    ),
    ApiConsumes('multipart/form-data'),
    ApiBody({
      schema: {
        type: 'object',
        required: ['p12', 'pin', 'ownerType', 'ownerId'],
        properties: {
          p12: { type: 'string', format: 'binary' },
          image: { type: 'string', format: 'binary' },
          pin: { type: 'string' },
          ownerType: { type: 'string', enum: ['user', 'organisation'] },
          ownerId: { type: 'integer' },
        },
      },
    }),
  );
}
