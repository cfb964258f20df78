export * from './lib/config';
export * from './lib/domain-error';
export * from './lib/validation';
export * from './lib/error.filter';
export * from './lib/password';
export * from './lib/request-user';
export * from './lib/config.module';
export * from './lib/uploads';
