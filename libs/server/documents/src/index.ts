export * from './lib/documents.module';
export * from './lib/shared/policy';
export * from './lib/files/draft-template';
export { PageText } from './lib/files/stamp-places';
