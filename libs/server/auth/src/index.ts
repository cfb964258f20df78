export * from './lib/auth.module';
export * from './lib/session.store';
