export * from './lib/test-database';
export * from './lib/tcp-proxy';
export * from './lib/wait';
export * from './lib/organisation-tree';
