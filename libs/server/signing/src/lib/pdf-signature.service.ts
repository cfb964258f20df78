import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@vanthu/server/core';
import {
  AppendedSignature,
  Appearance,
  assertOneSignatureAppended,
  defaultSignatureRect,
  deserializePrepared,
  embedSignature,
  inspectPdf,
  PdfInfo,
  prepareSignature,
  PreparedSignature,
  Rect,
  sealRectOver,
  serializePrepared,
  signPdf,
  Signer,
  SignatureReport,
  TextStamp,
  VerificationReport,
  verifyPdf,
} from '@vanthu/pdf-signing';
import { SignaturePlacement, SignatureView, VerificationView } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { translatePdfErrors } from './signing-errors';
import { TrustService } from './trust.service';

/** A verification report as stored beside a file (the view without file id and time). */
export type StoredVerification = Omit<VerificationView, 'fileId' | 'verifiedAt'>;

export interface PersonalSignature {
  signer: Signer;
  placement: SignaturePlacement;
  name: string;
  position: string;
  signingLine: string | null;
  image: Buffer | null;
  location: string | null;
  signingTime?: Date;
}

export interface OrganisationSeal {
  signer: Signer;
  organisation: string;
  /** The leader's signature rectangle the seal overlaps (Decree 30: about its left third). */
  over: SignaturePlacement;
  image: Buffer | null;
  stamps: TextStamp[];
  location: string | null;
  signingTime?: Date;
}

export interface AttachmentSeal {
  signer: Signer;
  organisation: string;
  numberAndSymbol: string;
  location: string | null;
  signingTime?: Date;
}

function toRect(p: SignaturePlacement): Rect {
  return { x: p.x, y: p.y, width: p.width, height: p.height };
}

/** Whether a signature is an organisation's (its certificate names the organisation as its holder). */
function kindOf(report: SignatureReport): SignatureView['kind'] {
  const { commonName, organisation } = report.signer;
  if (!commonName) return 'unknown';
  return organisation && commonName === organisation ? 'organisation' : 'personal';
}

function toSignatureView(report: SignatureReport): SignatureView {
  return {
    index: report.index,
    signerName: report.signer.commonName ?? report.signer.display,
    subject: report.signer.display,
    organisation: report.signer.organisation,
    signedAt: report.timestampTime ?? report.signingTime,
    kind: kindOf(report),
    integrity: report.integrity,
    cryptographicallyValid: report.cryptographicallyValid,
    trusted: report.trusted,
    validAtSigningTime: report.validAtSigningTime,
    revoked: report.revoked,
    modifiedAfter: report.modifiedAfter,
    summary: report.summary,
    warnings: report.warnings,
    level: report.level,
  };
}

/** A verification report as stored beside a file and shown in the detail view. */
export function storedVerificationOf(report: VerificationReport): StoredVerification {
  return { valid: report.valid, signatures: report.signatures.map(toSignatureView) };
}

/**
 * VănThư's use of libs/pdf-signing: where the leader's signature, the seal and the attachment
 * stamp go (Decree 30/2020, Appendix I), verification against the roots and CRLs the
 * administrator keeps, and the library's typed errors turned into API errors.
 */
@Injectable()
export class PdfSignatureService {
  constructor(
    private readonly trust: TrustService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The seal's signature time-stamp (PAdES B-T) when SIGNING_TSA_URL is set. */
  private get sealTimestamp(): { url: string } | undefined {
    return this.config.signing.tsaUrl ? { url: this.config.signing.tsaUrl } : undefined;
  }

  /** Checks that bytes are a usable PDF (not encrypted, not damaged); reads only its structure. */
  inspect(bytes: Buffer): Promise<PdfInfo> {
    return translatePdfErrors(() => inspectPdf(bytes));
  }

  /** The usual signing place on the last page (right column, lower part). */
  async proposedPlacement(bytes: Buffer): Promise<{ info: PdfInfo; placement: SignaturePlacement }> {
    const info = await this.inspect(bytes);
    const page = info.pageCount;
    const rect = defaultSignatureRect(info.pages[page - 1]);
    return { info, placement: { page, ...rect } };
  }

  personalAppearance(s: Omit<PersonalSignature, 'signer' | 'location' | 'signingTime'>): Appearance {
    return {
      kind: 'personal',
      page: s.placement.page,
      rect: toRect(s.placement),
      image: s.image ?? undefined,
      name: s.name,
      position: s.position,
      // Decree 30: the document prints the signing line and the name; the signature image goes
      // alone between them. Without an image, the name and signing time stand in for it.
      textAround: !s.image,
      showTime: true,
    };
  }

  signPersonal(pdf: Buffer, s: PersonalSignature): Promise<Buffer> {
    return translatePdfErrors(() =>
      signPdf(pdf, {
        signer: s.signer,
        signingTime: s.signingTime,
        name: s.name,
        reason: 'Ký duyệt văn bản',
        location: s.location ?? undefined,
        appearance: this.personalAppearance(s),
      }),
    );
  }

  sealMain(pdf: Buffer, s: OrganisationSeal): Promise<Buffer> {
    return translatePdfErrors(() =>
      signPdf(pdf, {
        signer: s.signer,
        signingTime: s.signingTime,
        name: s.organisation,
        reason: 'Ban hành văn bản',
        location: s.location ?? undefined,
        appearance: { kind: 'seal', page: s.over.page, rect: sealRectOver(toRect(s.over)), image: s.image ?? undefined, organisation: s.organisation },
        stamps: s.stamps,
        timestamp: this.sealTimestamp,
      }),
    );
  }

  sealAttachment(pdf: Buffer, s: AttachmentSeal): Promise<Buffer> {
    return translatePdfErrors(() =>
      signPdf(pdf, {
        signer: s.signer,
        signingTime: s.signingTime,
        name: s.organisation,
        reason: 'Ban hành văn bản (phụ lục)',
        location: s.location ?? undefined,
        appearance: { kind: 'attachment', organisation: s.organisation, lines: [`Số: ${s.numberAndSymbol}`] },
        timestamp: this.sealTimestamp,
      }),
    );
  }

  /** External signing, step one: the prepared PDF and the digests to sign. */
  prepare(pdf: Buffer, certificateChainPem: string[], s: Omit<PersonalSignature, 'signer'>): Promise<PreparedSignature> {
    return translatePdfErrors(() =>
      prepareSignature(pdf, {
        certificateChain: certificateChainPem,
        signingTime: s.signingTime,
        name: s.name,
        reason: 'Ký duyệt văn bản',
        location: s.location ?? undefined,
        appearance: this.personalAppearance(s),
      }),
    );
  }

  /** External signing, step two: the CMS (or raw signature) from the token put into the prepared PDF. */
  embed(prepared: PreparedSignature, result: { cms: Buffer } | { signature: Buffer }): Promise<Buffer> {
    return translatePdfErrors(() => embedSignature(prepared, result));
  }

  /**
   * Upload-back: the uploaded file must be exactly the prepared bytes plus one incremental update
   * that adds one signature and changes nothing else; otherwise SIGNED_UPLOAD_REFUSED (422) with the reason.
   */
  checkAppended(prepared: Buffer, uploaded: Buffer): Promise<AppendedSignature> {
    return translatePdfErrors(() => assertOneSignatureAppended(prepared, uploaded));
  }

  serialize(prepared: PreparedSignature): { json: string; pdf: Buffer } {
    return serializePrepared(prepared);
  }

  deserialize(json: string, pdf: Buffer): PreparedSignature {
    return deserializePrepared(json, pdf);
  }

  /** Verifies every signature against the trusted roots and known CRLs, as the detail view shows it. */
  async verify(manager: EntityManager, pdf: Buffer): Promise<StoredVerification> {
    const material = await this.trust.material(manager);
    const report = await translatePdfErrors(() => verifyPdf(pdf, { trustedRoots: material.trustedRoots, intermediates: material.intermediates, crls: material.crls }));
    return storedVerificationOf(report);
  }
}
