export * from './lib/auth.module';
export * from './lib/session.store';
export * from './lib/login-throttle';
