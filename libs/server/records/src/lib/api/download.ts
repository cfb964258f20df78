import { StreamableFile } from '@nestjs/common';
import { setFileHeaders } from '@vanthu/server/core';
import type { Response } from 'express';

/** A generated file as a download: sandboxed like every file the API sends (see FILE_CSP), never cached. */
export function download(response: Response, bytes: Buffer, type: string, fileName: string): StreamableFile {
  setFileHeaders(response);
  return new StreamableFile(bytes, { type, length: bytes.length, disposition: `attachment; filename="${fileName}"` });
}
