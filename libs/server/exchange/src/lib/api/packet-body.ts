import type { Request } from 'express';

import { refuse } from '../edxml/errors';

/**
 * The raw body of a packet POST, read up to `limit` bytes: past it the request is refused
 * before more is read, so an endless body costs nothing.
 */
export async function readPacketBody(request: Request, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      request.destroy();
      throw refuse.tooLarge({ vi: 'Gói tin', en: 'The packet' }, limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
