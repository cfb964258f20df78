import { createHash } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import { REDIS } from '@vanthu/server/data-access';
import { Redis } from 'ioredis';

// The longest wait among: this address for this account, this address for any account, and (for
// an address the account has not logged in from lately) this account from anywhere.
const WAIT = `
local now = tonumber(ARGV[1])
local ip = ARGV[2]
local wait = 0
local function consider(untilAt)
  if untilAt then
    local left = tonumber(untilAt) - now
    if left > wait then wait = left end
  end
end
consider(redis.call('HGET', KEYS[1], 'u:' .. ip))
consider(redis.call('HGET', KEYS[2], 'u'))
if redis.call('SISMEMBER', KEYS[3], ip) == 0 then consider(redis.call('HGET', KEYS[1], 'u')) end
return wait
`;

// One more failure on each count; past a count's threshold its wait starts (or doubles), up to the cap.
const FAIL = `
local now = tonumber(ARGV[1])
local ip = ARGV[2]
local base = tonumber(ARGV[6])
local cap = tonumber(ARGV[7])
local keep = tonumber(ARGV[8])
local function bump(key, countField, untilField, threshold)
  local n = redis.call('HINCRBY', key, countField, 1)
  if n >= threshold then
    local delay = math.min(cap, base * math.pow(2, n - threshold))
    redis.call('HSET', key, untilField, math.floor(now + delay))
  end
  return n
end
local pair = bump(KEYS[1], 'n:' .. ip, 'u:' .. ip, tonumber(ARGV[3]))
local account = bump(KEYS[1], 'n', 'u', tonumber(ARGV[5]))
local address = bump(KEYS[2], 'n', 'u', tonumber(ARGV[4]))
redis.call('PEXPIRE', KEYS[1], keep)
redis.call('PEXPIRE', KEYS[2], keep)
return { pair, account, address }
`;

// The right password: this address's count for the account starts again and the address becomes known.
const SUCCEED = `
redis.call('HDEL', KEYS[1], 'n:' .. ARGV[1], 'u:' .. ARGV[1])
redis.call('SADD', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[2]))
return 1
`;

/** What a failed log-in did to the counts. */
export interface FailureCounts {
  /** Failures for this account from this address. */
  pair: number;
  /** Failures for this account from every address. */
  account: number;
  /** Failures from this address for any account. */
  address: number;
}

/**
 * Log-in throttling with growing waits, in Redis so that every API process sees the same counts
 * (LOGIN_* settings, see {@link LoginConfig}). Counts are kept by the username as typed (trimmed,
 * lower case), so unknown usernames are throttled exactly like real ones and the answers reveal
 * nothing. A stranger's wrong passwords hold back the stranger's address; the account-wide count
 * holds back only addresses the account has not logged in from lately, so its owner still gets in.
 * While Redis is unreachable log-ins are not throttled (logged once): scrypt still makes every try
 * cost the same.
 */
@Injectable()
export class LoginThrottle {
  private readonly logger = new Logger('LoginThrottle');
  private failing = false;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Milliseconds this address must still wait before a try for this username is heard (0: none). */
  async waitMs(username: string, ip: string): Promise<number> {
    const wait = await this.run(() => this.redis.eval(WAIT, 3, this.accountKey(username), this.addressKey(ip), this.knownKey(username), Date.now(), ip));
    return Math.max(0, Number(wait ?? 0));
  }

  async recordFailure(username: string, ip: string): Promise<FailureCounts | null> {
    const { maxFailures, addressMaxFailures, accountMaxFailures, delaySeconds, lockMinutes } = this.config.login;
    const cap = lockMinutes * 60_000;
    const counts = await this.run(() =>
      this.redis.eval(FAIL, 2, this.accountKey(username), this.addressKey(ip), Date.now(), ip, maxFailures, addressMaxFailures, accountMaxFailures, delaySeconds * 1000, cap, cap),
    );
    if (!Array.isArray(counts)) return null;
    const [pair, account, address] = counts.map(Number);
    return { pair, account, address };
  }

  async recordSuccess(username: string, ip: string): Promise<void> {
    await this.run(() => this.redis.eval(SUCCEED, 2, this.accountKey(username), this.knownKey(username), ip, this.config.login.knownAddressDays * 86_400_000));
  }

  /** Forgets every count of the account (an administrator lifted its lock); known addresses stay known. */
  async forget(username: string): Promise<void> {
    await this.run(() => this.redis.del(this.accountKey(username)));
  }

  private async run<T>(command: () => Promise<T>): Promise<T | null> {
    try {
      const result = await command();
      if (this.failing) this.logger.log('Log-in throttling works again');
      this.failing = false;
      return result;
    } catch (error) {
      if (!this.failing) this.logger.warn(`Log-ins are not throttled while Redis is unreachable: ${(error as Error).message}`);
      this.failing = true;
      return null;
    }
  }

  private accountKey(username: string): string {
    return `${this.config.redis.prefix}:login:account:${digest(username)}`;
  }

  private knownKey(username: string): string {
    return `${this.config.redis.prefix}:login:known:${digest(username)}`;
  }

  private addressKey(ip: string): string {
    return `${this.config.redis.prefix}:login:address:${ip}`;
  }
}

/** Usernames as typed can be anything: keys hold their hash. */
function digest(username: string): string {
  return createHash('sha256').update(username.trim().toLowerCase()).digest('hex').slice(0, 32);
}
