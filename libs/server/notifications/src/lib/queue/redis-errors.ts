import { Logger } from '@nestjs/common';

interface ErrorEmitter {
  on(event: 'error', listener: (error: Error) => void): unknown;
}

/**
 * Logs a queue's or client's connection errors once per outage window instead of on every retry
 * (ioredis retries every few hundred milliseconds while Redis is away). Without a listener, BullMQ
 * prints each one to the console.
 */
export function logRedisErrors(emitter: ErrorEmitter, logger: Logger, what: string, everyMs = 30_000): void {
  let last = 0;
  emitter.on('error', (error: Error) => {
    const now = Date.now();
    if (now - last < everyMs) return;
    last = now;
    logger.warn(`${what}: ${error.message}`);
  });
}

/** Rejects when `work` has not settled within `ms`; the work itself goes on (callers must be idempotent). */
export function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
    work.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}
