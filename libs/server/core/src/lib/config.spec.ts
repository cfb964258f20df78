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

  it('reads explicit values, keeping an empty database password', () => {
    const config = loadConfig({ PORT: '8080', DB_PASSWORD: '', COOKIE_SECURE: 'true', LOGIN_MAX_FAILURES: '3', WEB_DIST_DIR: 'dist/apps/web/browser' });
    expect(config.port).toBe(8080);
    expect(config.db.password).toBe('');
    expect(config.session.cookieSecure).toBe(true);
    expect(config.login.maxFailures).toBe(3);
    expect(config.webDistDir).toMatch(/dist\/apps\/web\/browser$/);
  });
});
