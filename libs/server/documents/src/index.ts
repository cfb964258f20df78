export * from './lib/documents.module';
export * from './lib/shared/policy';
export * from './lib/files/draft-template';
