export * from './lib/messages.vi';
export * from './lib/messages.en';
export * from './lib/i18n';
export * from './lib/translate.pipe';
export * from './lib/format.pipes';
