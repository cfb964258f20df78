export * from './lib/text';
export * from './lib/dates';
export * from './lib/numbers';
export * from './lib/numbering';
export * from './lib/working-days';
export * from './lib/deadlines';
export * from './lib/signing-line';
export * from './lib/identifier-code';
