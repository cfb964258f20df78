export * from './signing-errors';
export * from './trust.service';
export * from './dev-authority.service';
export * from './credentials.service';
export * from './pdf-signature.service';
