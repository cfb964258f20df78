import { StreamableFile } from '@nestjs/common';
import type { Response } from 'express';

/** A generated file as a download, never cached. */
export function download(response: Response, bytes: Buffer, type: string, fileName: string): StreamableFile {
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('X-Content-Type-Options', 'nosniff');
  return new StreamableFile(bytes, { type, length: bytes.length, disposition: `attachment; filename="${fileName}"` });
}
