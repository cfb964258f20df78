import { Module } from '@nestjs/common';

import { CredentialsAdminService } from './admin/credentials-admin.service';
import { CredentialsController } from './admin/credentials.controller';
import { CredentialsService } from './credentials.service';
import { DemoSigningSeed } from './demo/demo-signing-seed.service';
import { DevAuthorityService } from './dev-authority.service';
import { PdfSignatureService } from './pdf-signature.service';
import { TrustService } from './trust.service';

/**
 * Signing and trust: signing credentials (server-held keys and registered certificates), the trust
 * store and revocation, the PDF signatures of documents and their verification, and the
 * development CA of the demo. The document route asks this library to sign and to verify.
 */
@Module({
  controllers: [CredentialsController],
  providers: [TrustService, DevAuthorityService, CredentialsService, PdfSignatureService, CredentialsAdminService, DemoSigningSeed],
  exports: [TrustService, DevAuthorityService, CredentialsService, PdfSignatureService, DemoSigningSeed],
})
export class SigningModule {}
