export * from './lib/documents.module';
export * from './lib/shared/policy';
export * from './lib/files/draft-template';
export * from './lib/demo/demo-signing-seed.service';
export * from './lib/signing';
