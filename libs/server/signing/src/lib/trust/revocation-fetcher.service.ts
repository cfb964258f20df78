import { createHash } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { httpRevocationFetcher, RevocationFetcher, RevocationFetchRequest } from '@vanthu/pdf-signing';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';

const MAX_ENTRIES = 500;

/**
 * How the server fetches CRLs and OCSP answers: over HTTP with SIGNING_REVOCATION_TIMEOUT_MS per
 * request, each answer reused for SIGNING_REVOCATION_CACHE_SECONDS (a failure for a tenth of it,
 * at least 5 s, so an unreachable server is not asked again by every signature). The library
 * still checks every answer's signature and freshness: a cached CRL past its nextUpdate counts
 * for nothing.
 */
@Injectable()
export class RevocationFetcherService {
  private readonly cache = new Map<string, { until: number; answer: Promise<Buffer> }>();
  private readonly http: RevocationFetcher;
  private readonly ttlMs: number;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.http = httpRevocationFetcher({ timeoutMs: config.signing.revocationTimeoutMs });
    this.ttlMs = config.signing.revocationCacheSeconds * 1000;
  }

  readonly fetch: RevocationFetcher = (request: RevocationFetchRequest) => {
    if (!this.ttlMs) return this.http(request);
    const key = `${request.method} ${request.url} ${request.body ? createHash('sha256').update(request.body).digest('base64') : ''}`;
    const now = Date.now();
    const cached = this.cache.get(key);
    if (cached && cached.until > now) return cached.answer;
    const answer = this.http(request);
    const entry = { until: now + this.ttlMs, answer };
    this.cache.set(key, entry);
    answer.catch(() => {
      entry.until = Date.now() + Math.max(5000, this.ttlMs / 10);
    });
    if (this.cache.size > MAX_ENTRIES) {
      for (const [k, v] of this.cache) {
        if (v.until <= now || this.cache.size > MAX_ENTRIES) this.cache.delete(k);
        if (this.cache.size <= MAX_ENTRIES / 2) break;
      }
    }
    return answer;
  };

  /** Forgets every cached answer (an administrator changed the trust store; tests). */
  clear(): void {
    this.cache.clear();
  }
}
