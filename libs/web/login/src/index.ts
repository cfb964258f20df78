export * from './lib/routes';
export * from './lib/login.page';
