import { applyDecorators, UseInterceptors } from '@nestjs/common';
import { FileFieldsInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes } from '@nestjs/swagger';
import { UploadLimitInterceptor } from '@vanthu/server/core';

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
        required: ['p12', 'password', 'ownerType', 'ownerId'],
        properties: {
          p12: { type: 'string', format: 'binary' },
          image: { type: 'string', format: 'binary' },
          password: { type: 'string', description: "the file's password (not the owner's PIN)" },
          ownerType: { type: 'string', enum: ['user', 'organisation'] },
          ownerId: { type: 'integer' },
        },
      },
    }),
  );
}
