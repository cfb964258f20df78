import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';

import { CredentialsAdminService } from './admin/credentials-admin.service';
import { CredentialsController } from './admin/credentials.controller';
import { TrustController } from './admin/trust.controller';
import { CredentialsService } from './credentials.service';
import { DemoSigningSeed } from './demo/demo-signing-seed.service';
import { DevAuthorityService } from './dev-authority.service';
import { CredentialPins } from './keys/credential-pins.service';
import { KeyCustody } from './keys/key-custody.service';
import { KeyRing } from './keys/key-ring';
import { PdfSignatureService } from './pdf-signature.service';
import { TrustService } from './trust.service';
import { CertificateBindings } from './trust/certificate-bindings.service';
import { RevocationFetcherService } from './trust/revocation-fetcher.service';
import { SignatureAcceptance } from './trust/signature-acceptance.service';

/**
 * Signing and trust: signing credentials (server-held keys and registered certificates), the trust
 * store and revocation, the PDF signatures of documents and their verification, and the
 * development CA of the demo. Every private key it stores is sealed with the key-encryption key
 * and opened only through {@link CredentialPins}. The document route asks this library to sign and
 * to verify. Services only: the worker uses them too; {@link SigningModule} adds the HTTP side.
 */
@Module({
  providers: [
    { provide: KeyRing, useFactory: (config: AppConfig) => new KeyRing(config.signing.keks), inject: [APP_CONFIG] },
    KeyCustody,
    CredentialPins,
    TrustService,
    CertificateBindings,
    RevocationFetcherService,
    SignatureAcceptance,
    DevAuthorityService,
    CredentialsService,
    PdfSignatureService,
    CredentialsAdminService,
    DemoSigningSeed,
  ],
  exports: [KeyRing, CredentialPins, TrustService, CertificateBindings, RevocationFetcherService, SignatureAcceptance, DevAuthorityService, CredentialsService, PdfSignatureService, CredentialsAdminService, DemoSigningSeed],
})
export class SigningCoreModule {}

/** The API's signing endpoints (credentials, their PINs and locks) over {@link SigningCoreModule}. */
@Module({
  imports: [SigningCoreModule],
  controllers: [CredentialsController, TrustController],
  exports: [SigningCoreModule],
})
export class SigningModule {}
