export * from './lib/roles';
export * from './lib/permissions';
export * from './lib/errors';
export * from './lib/auth';
export * from './lib/directory';
export * from './lib/health';
export * from './lib/document';
export * from './lib/deadline';
