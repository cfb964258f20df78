export * from './lib/signing.module';
export * from './lib/signing-errors';
export * from './lib/trust.service';
export * from './lib/dev-authority.service';
export * from './lib/credentials.service';
export * from './lib/pdf-signature.service';
export * from './lib/demo/demo-signing-seed.service';
