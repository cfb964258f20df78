export * from './lib/test-database';
export * from './lib/tcp-proxy';
export * from './lib/wait';
export * from './lib/processes';
export * from './lib/api-client';
export * from './lib/smtp';
export * from './lib/organisation-tree';
export * from './lib/route';
