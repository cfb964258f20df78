import { constants, inflateSync } from 'node:zlib';

/**
 * How far compressed data may expand. A Flate stream of a few kilobytes can stand for gigabytes
 * (deflate reaches about 1,000 : 1), so every decompression of bytes from outside is bounded.
 */
export interface InflateLimits {
  /** Largest output of one stream, in bytes. */
  maxBytes: number;
  /** Largest output of all the streams of one document together, in bytes. */
  maxTotalBytes: number;
  /**
   * Largest expansion of one stream (output : input) once its output passes `ratioFloorBytes`;
   * below that floor small, very regular streams (a blank page, an empty table) may expand freely.
   */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Limits for PDF streams: page contents, fonts, object and cross-reference streams of real
 * documents stay far below them (a 36-page handbook's largest stream inflates to ~100 kB at ~5 : 1).
 */
export const DEFAULT_INFLATE_LIMITS: Readonly<InflateLimits> = {
  maxBytes: 64 * MiB,
  maxTotalBytes: 256 * MiB,
  maxRatio: 200,
  ratioFloorBytes: 4 * MiB,
};

/** Raised when compressed data would expand beyond its limits; nothing past the limit was produced. */
export class InflateLimitError extends Error {
  constructor(
    readonly limitBytes: number,
    readonly reason: 'size' | 'total',
  ) {
    super(`compressed data expands beyond ${Math.round(limitBytes / MiB)} MB${reason === 'total' ? ' in all' : ''}`);
    this.name = 'InflateLimitError';
  }
}

/** The most one compressed input of `inputBytes` may expand to under `limits`. */
export function outputLimit(inputBytes: number, limits: Readonly<InflateLimits>): number {
  return Math.min(limits.maxBytes, Math.max(limits.ratioFloorBytes, inputBytes * limits.maxRatio));
}

/** Inflates zlib data, refusing (with {@link InflateLimitError}) to produce more than `maxOutputLength` bytes. */
export function inflateUpTo(data: Buffer, maxOutputLength: number): Buffer {
  const tooLarge = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError;
  try {
    return inflateSync(data, { maxOutputLength });
  } catch (error) {
    if (tooLarge(error)) throw new InflateLimitError(maxOutputLength, 'size');
    try {
      // Many writers leave a truncated or unterminated zlib stream; readers take what inflates.
      return inflateSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength });
    } catch (retryError) {
      if (tooLarge(retryError)) throw new InflateLimitError(maxOutputLength, 'size');
      throw retryError;
    }
  }
}

/**
 * Inflates zlib data within limits per stream and over a whole document: one budget per
 * document, so that a thousand streams just under the per-stream limit are refused too.
 */
export class InflateBudget {
  private used = 0;

  constructor(readonly limits: Readonly<InflateLimits> = DEFAULT_INFLATE_LIMITS) {}

  /** Bytes inflated so far. */
  get total(): number {
    return this.used;
  }

  inflate(data: Buffer): Buffer {
    const left = this.limits.maxTotalBytes - this.used;
    const perStream = outputLimit(data.length, this.limits);
    let out: Buffer;
    try {
      out = inflateUpTo(data, Math.max(1, Math.min(perStream, left)));
    } catch (error) {
      if (error instanceof InflateLimitError && left < perStream) throw new InflateLimitError(this.limits.maxTotalBytes, 'total');
      throw error;
    }
    this.used += out.length;
    return out;
  }
}
