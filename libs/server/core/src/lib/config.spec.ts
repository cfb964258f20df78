import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('gives working defaults for a development machine', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.db).toMatchObject({ host: '127.0.0.1', port: 3306, user: 'root', password: '', name: 'vanthu' });
    expect(config.redis.url).toBe('redis://127.0.0.1:6379');
    expect(config.session.cookieSecure).toBe(false);
    expect(config.webDistDir).toBeNull();
  });

  it('fails fast listing every malformed value at once', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DB_PORT: '70000', COOKIE_SECURE: 'maybe', REDIS_URL: 'http://x', LOG_LEVEL: 'loud', DB_NAME: 'van-thu;' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('PORT must be an integer, got "eighty"');
    expect(problems).toContain('DB_PORT must be between 1 and 65535, got 70000');
    expect(problems).toContain('COOKIE_SECURE must be true or false');
    expect(problems).toContain('REDIS_URL must use redis: or rediss:');
    expect(problems).toContain('LOG_LEVEL must be one of');
    expect(problems).toContain('DB_NAME may hold only letters, digits and _');
  });

  it('reads the exchange gateway, and wants a URL for the HTTP adapter', () => {
    expect(loadConfig({}).exchange).toMatchObject({ gateway: 'none', readInbox: true, httpUrl: null, pullUrl: null, pollMs: 2000 });
    expect(loadConfig({ EXCHANGE_GATEWAY: 'folder', EXCHANGE_OUTBOX_DIR: '/srv/lgsp/in' }).exchange).toMatchObject({ gateway: 'folder', outboxDir: '/srv/lgsp/in' });
    expect(() => loadConfig({ EXCHANGE_GATEWAY: 'http' })).toThrow('EXCHANGE_HTTP_URL is required when EXCHANGE_GATEWAY is http');
    expect(() => loadConfig({ EXCHANGE_GATEWAY: 'ftp' })).toThrow('EXCHANGE_GATEWAY must be one of none, folder, http, pull');
  });

  it('makes cookies Secure whenever the public address is https, and refuses COOKIE_SECURE=false with it', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://vanthu.tuyduc.gov.vn' }).session.cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'https://vanthu.tuyduc.gov.vn', COOKIE_SECURE: 'true' }).session.cookieSecure).toBe(true);
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).session.cookieSecure).toBe(false);
    // Plain http with Secure cookies (a TLS proxy in front that PUBLIC_URL does not name) stays possible.
    expect(loadConfig({ PUBLIC_URL: 'http://10.0.0.5:3000', COOKIE_SECURE: 'true' }).session.cookieSecure).toBe(true);
    expect(() => loadConfig({ PUBLIC_URL: 'https://vanthu.tuyduc.gov.vn', COOKIE_SECURE: 'false' })).toThrow(
      'COOKIE_SECURE=false cannot be used with an https PUBLIC_URL (https://vanthu.tuyduc.gov.vn): behind HTTPS the session cookie is always Secure',
    );
  });

  it('reads explicit values, keeping an empty database password', () => {
    const config = loadConfig({ PORT: '8080', DB_PASSWORD: '', COOKIE_SECURE: 'true', LOGIN_MAX_FAILURES: '3', WEB_DIST_DIR: 'dist/apps/web/browser' });
    expect(config.port).toBe(8080);
    expect(config.db.password).toBe('');
    expect(config.session.cookieSecure).toBe(true);
    expect(config.login.maxFailures).toBe(3);
    expect(config.webDistDir).toMatch(/dist\/apps\/web\/browser$/);
  });

  it('leaves e-mail off without SMTP_URL and gives the notification defaults', () => {
    const { notifications } = loadConfig({});
    expect(notifications).toEqual({
      smtpUrl: null,
      mailFrom: '"VănThư" <no-reply@localhost>',
      outboxPollMs: 200,
      reminderWindowWorkingDays: 2,
      reminderEveryMinutes: 30,
      maxAttempts: 8,
      backoffMs: 15_000,
      queueLockMs: 30_000,
      sseHeartbeatSeconds: 25,
      reconcileEverySeconds: 60,
      reconcileAfterSeconds: 300,
    });
  });

  it('checks the notification settings without repeating an SMTP password', () => {
    let error: unknown;
    try {
      loadConfig({ SMTP_URL: 'http://mailer:s3cret@mail.example', MAIL_FROM: 'VănThư', OUTBOX_POLL_MS: '0', REMINDER_WINDOW_WORKING_DAYS: 'two' });
    } catch (e) {
      error = e;
    }
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toContain('SMTP_URL must use smtp: or smtps:, got "http:"');
    expect(problems).not.toContain('s3cret');
    expect(problems).toContain('MAIL_FROM must be an address');
    expect(problems).toContain('OUTBOX_POLL_MS must be between 10 and 60000');
    expect(problems).toContain('REMINDER_WINDOW_WORKING_DAYS must be an integer');
    const config = loadConfig({ SMTP_URL: 'smtps://mailer:s3cret@mail.example:465', MAIL_FROM: 'Văn thư <vanthu@tuyduc.gov.vn>' });
    expect(config.notifications.smtpUrl).toBe('smtps://mailer:s3cret@mail.example:465');
    expect(config.notifications.mailFrom).toBe('Văn thư <vanthu@tuyduc.gov.vn>');
  });

  it('gives the throttling, rate-limit and retention defaults the README documents, and reads them', () => {
    const config = loadConfig({});
    expect(config.login).toEqual({ maxFailures: 5, addressMaxFailures: 50, accountMaxFailures: 20, delaySeconds: 30, lockMinutes: 15, knownAddressDays: 30 });
    expect(config.rateLimits).toEqual({ search: 60, sign: 20, upload: 30, report: 20 });
    expect(config.retention).toEqual({ outboxDays: 30, jobDays: 14, orphanFileHours: 24, everyHours: 6 });
    const set = loadConfig({ LOGIN_DELAY_SECONDS: '5', RATE_LIMIT_SEARCH_PER_MINUTE: '10', RETENTION_OUTBOX_DAYS: '90' });
    expect([set.login.delaySeconds, set.rateLimits.search, set.retention.outboxDays]).toEqual([5, 10, 90]);
    expect(() => loadConfig({ RATE_LIMIT_SIGN_PER_MINUTE: '0', RETENTION_JOB_DAYS: 'never' })).toThrow(/RATE_LIMIT_SIGN_PER_MINUTE must be between 1 and 100000[\s\S]*RETENTION_JOB_DAYS must be an integer/);
  });

  describe('signing keys', () => {
    const key = (byte: number) => Buffer.alloc(32, byte).toString('base64');

    it('defaults to five wrong PINs and a 15-minute lock, no key-encryption key, and the development CA only with the demo', () => {
      const config = loadConfig({});
      expect(config.signing).toMatchObject({ pinMaxFailures: 5, pinLockMinutes: 15, keks: [], kekSource: null, devPki: false });
      expect(loadConfig({ SEED_DEMO: 'true', SIGNING_KEK: key(1) }).signing.devPki).toBe(true);
      expect(loadConfig({ SEED_DEMO: 'true', DEV_PKI: 'false' }).signing.devPki).toBe(false);
    });

    it('reads several keys, the first sealing, from SIGNING_KEK or a file, and never repeats a key in a message', () => {
      const inline = loadConfig({ SIGNING_KEK: `${key(1)}, ${key(2)}`, SIGNING_PIN_MAX_FAILURES: '3', SIGNING_PIN_LOCK_MINUTES: '30' }).signing;
      expect(inline.keks).toEqual([Buffer.alloc(32, 1), Buffer.alloc(32, 2)]);
      expect(inline).toMatchObject({ kekSource: 'SIGNING_KEK', pinMaxFailures: 3, pinLockMinutes: 30 });
      const dir = mkdtempSync(join(tmpdir(), 'vanthu-kek-'));
      try {
        writeFileSync(join(dir, 'signing.kek'), `${key(3)}\n${key(4)}\n`);
        expect(loadConfig({ SIGNING_KEK_FILE: join(dir, 'signing.kek') }).signing.keks).toEqual([Buffer.alloc(32, 3), Buffer.alloc(32, 4)]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      let error: unknown;
      try {
        loadConfig({ SIGNING_KEK: 'c2hvcnQ=', SIGNING_PIN_MAX_FAILURES: '0', SIGNING_PIN_LOCK_MINUTES: 'soon', DEV_PKI: 'true' });
      } catch (e) {
        error = e;
      }
      const problems = (error as ConfigError).problems.join('\n');
      expect(problems).toContain('SIGNING_KEK: key 1 must be 32 random bytes in base64');
      expect(problems).not.toContain('c2hvcnQ=');
      expect(problems).toContain('SIGNING_PIN_MAX_FAILURES must be between 1 and 100');
      expect(problems).toContain('SIGNING_PIN_LOCK_MINUTES must be an integer');
      expect(problems).toContain('DEV_PKI (on with SEED_DEMO) stores the CA');
      expect(() => loadConfig({ SIGNING_KEK: key(1), SIGNING_KEK_FILE: '/x' })).toThrow('Set SIGNING_KEK or SIGNING_KEK_FILE, not both');
      expect(() => loadConfig({ SIGNING_KEK_FILE: '/nonexistent/signing.kek' })).toThrow('SIGNING_KEK_FILE /nonexistent/signing.kek cannot be read (ENOENT)');
    });
  });
});
