export * from './lib/icons';
export * from './lib/language-switch';
export * from './lib/alert';
