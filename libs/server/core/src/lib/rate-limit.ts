import { applyDecorators, ExecutionContext, Injectable, Logger, SetMetadata, UseGuards } from '@nestjs/common';
import { ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle, ThrottlerGuard, ThrottlerLimitDetail, ThrottlerStorage } from '@nestjs/throttler';
import { LocalizedText } from '@vanthu/shared/contracts';

import { AppConfig, RateLimitName } from './config';
import { TooManyRequests } from './domain-error';
import { RequestWithUser } from './request-user';

export const RATE_LIMIT_NAMES: readonly RateLimitName[] = ['search', 'sign', 'upload', 'report'];

const WHAT: Record<RateLimitName, LocalizedText> = {
  search: { vi: 'tìm kiếm', en: 'search' },
  sign: { vi: 'ký số, đóng dấu', en: 'signing' },
  upload: { vi: 'tải tệp lên', en: 'upload' },
  report: { vi: 'báo cáo, kết xuất', en: 'report' },
};

/** The throttlers of `@nestjs/throttler`, one per kind, each counting a minute (our 429 carries the only header). */
export function rateLimitThrottlers(config: AppConfig) {
  return RATE_LIMIT_NAMES.map((name) => ({ name, ttl: 60_000, limit: config.rateLimits[name], setHeaders: false }));
}

/** One bucket per kind and user, whichever route of that kind is called (and per installation). */
export function rateLimitKey(prefix: string) {
  return (_context: ExecutionContext, tracker: string, name: string) => `${prefix}:rate:${name}:${tracker}`;
}

/**
 * Counts in Redis, so that the limit holds across API processes; while Redis is unreachable
 * requests are let through (and the outage logged once) rather than refused: throttling protects
 * the service, it must not become its outage.
 */
export class FailOpenStorage implements ThrottlerStorage {
  private readonly logger = new Logger('RateLimit');
  private failing = false;

  constructor(private readonly inner: ThrottlerStorage) {}

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): ReturnType<ThrottlerStorage['increment']> {
    try {
      const record = await this.inner.increment(key, ttl, limit, blockDuration, throttlerName);
      if (this.failing) this.logger.log('Rate limits counted again');
      this.failing = false;
      return record;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Rate limits not counted while Redis is unreachable: ${(error as Error).message}`);
      this.failing = true;
      return { totalHits: 0, timeToExpire: 0, isBlocked: false, timeToBlockExpire: 0 };
    }
  }
}

/**
 * Counts requests per logged-in user (the session guard has run: route guards come after the
 * global one). A list is a search only when it carries search words.
 */
@Injectable()
export class PerUserThrottlerGuard extends ThrottlerGuard {
  protected override async getTracker(request: Record<string, unknown>): Promise<string> {
    const user = (request as unknown as RequestWithUser).user;
    return user ? `user-${user.id}` : `ip-${String((request as unknown as RequestWithUser).ip)}`;
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    const limited = this.reflector.get<RateLimitName>(RATE_LIMITED, context.getHandler());
    if (limited !== 'search') return false;
    const q = context.switchToHttp().getRequest<RequestWithUser>().query['q'];
    return typeof q !== 'string' || q.trim() === '';
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const name = (RATE_LIMIT_NAMES as readonly string[]).find((n) => detail.key.includes(`:rate:${n}:`)) as RateLimitName | undefined;
    throw new TooManyRequests(Math.max(1, detail.timeToBlockExpire), WHAT[name ?? 'search']);
  }
}

const RATE_LIMITED = 'vanthu:rate-limited';

/**
 * Limits the route per user and minute, counted with every other route of the same kind
 * (`RATE_LIMIT_*_PER_MINUTE`); over the limit the answer is 429 with `Retry-After`.
 */
export function RateLimited(name: RateLimitName) {
  const others = Object.fromEntries(RATE_LIMIT_NAMES.filter((n) => n !== name).map((n) => [n, true]));
  return applyDecorators(
    SetMetadata(RATE_LIMITED, name),
    SkipThrottle(others),
    UseGuards(PerUserThrottlerGuard),
    ApiTooManyRequestsResponse({ description: `More than RATE_LIMIT_${name.toUpperCase()}_PER_MINUTE requests of this kind in a minute` }),
  );
}
