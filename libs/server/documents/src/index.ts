export * from './lib/documents.module';
export * from './lib/shared/policy';
export * from './lib/files/draft-template';
export { ExternalIntake, type ExternalArrival, type ExternalChanges, type ExternalFile } from './lib/incoming/external-intake.service';
export { DocumentStore } from './lib/shared/document-store';
export { InvalidTransition, DocumentNotFound, ReasonRequired } from './lib/shared/errors';
export { PageText } from './lib/files/stamp-places';
export { FileAccessLog } from './lib/files/file-access-log';
export { looksLikePdf, refuseActiveContent } from './lib/files/document-files.service';
