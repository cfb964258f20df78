import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { UploadLimitInterceptor } from '@vanthu/server/core';

/** A multipart upload of one PDF in the field `file` (size limit from UPLOAD_MAX_MB, read into memory). */
export function PdfUpload(extraFields: Record<string, { type: 'string' }> = {}) {
  return applyDecorators(
    UseInterceptors(UploadLimitInterceptor, FileInterceptor('file')),
    ApiConsumes('multipart/form-data'),
    ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' }, ...extraFields } } }),
  );
}
