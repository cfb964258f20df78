import { randomBytes } from 'node:crypto';

import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { PdfInfo, Signer } from '@vanthu/pdf-signing';
import { APP_CONFIG, AppConfig, AuthenticatedUser, Conflict, DomainError, FileMissing, UploadedFile } from '@vanthu/server/core';
import { AuditService, DocumentEntity, DocumentFileEntity, inTransaction, OrganisationEntity, OutboxEventType, OutboxService, SigningPreparationEntity, UserEntity } from '@vanthu/server/data-access';
import {
  CompleteExternalSignatureRequest,
  DocumentDetail,
  DocumentStatus,
  ErrorCode,
  FileRole,
  PrepareExternalSignatureRequest,
  PrepareExternalSignatureResponse,
  Role,
  SignaturePlacement,
  SignBatchItem,
  SignBatchRequest,
  SignBatchResponse,
  SigningPreview,
  SignRequest,
} from '@vanthu/shared/contracts';
import { isClassified } from '@vanthu/shared/domain';
import { DataSource, EntityManager } from 'typeorm';

import { DocumentFiles } from '../files/document-files.service';
import { findSigningPlace, PageText } from '../files/stamp-places';
import { DocumentStore } from '../shared/document-store';
import { ClassifiedContent, InvalidTransition, MissingMainFile } from '../shared/errors';
import { assertAllowed, DocumentAction, DocumentFacts } from '../shared/policy';
import { CredentialsService, PdfSignatureService, PreparationExpired, SignatureAcceptance } from '@vanthu/server/signing';

const SIGN = { vi: 'ký', en: 'sign' };
const CHANGED_WHILE_SIGNING = {
  vi: 'Tệp chính của văn bản vừa thay đổi trong lúc ký. Hãy tải lại trang và ký lại.',
  en: 'The document’s main file changed while it was being signed. Reload the page and sign again.',
};
const PREPARATION_MINUTES = 15;

export class PlacementOffPage extends DomainError {
  constructor(pageCount: number) {
    super(422, ErrorCode.PlacementOffPage, {
      vi: `Vị trí chữ ký phải nằm trong một trang của văn bản (1–${pageCount}).`,
      en: `The signature must be placed on a page of the document (1–${pageCount}).`,
    });
  }
}

export class ExternalResultMissing extends DomainError {
  constructor() {
    super(400, ErrorCode.SignatureMissing, {
      vi: 'Hãy gửi đúng một trong hai: gói CMS hoặc chữ ký số thô.',
      en: 'Send exactly one of: the CMS, or the raw signature.',
    });
  }
}

export class BadCertificateChain extends DomainError {
  constructor() {
    super(400, ErrorCode.BadCertificateChain, {
      vi: 'Chuỗi chứng thư số không đọc được (cần định dạng PEM, chứng thư người ký đứng đầu).',
      en: 'The certificate chain cannot be read (PEM expected, the signer’s certificate first).',
    });
  }
}

const INTERNAL_REFUSAL = {
  vi: 'Đã có lỗi hệ thống khi ký văn bản này; các văn bản khác không bị ảnh hưởng. Hãy thử ký lại văn bản này.',
  en: 'Something went wrong on the server while signing this document; the others are not affected. Try signing it again.',
};

/** A batch item's refusal: a domain error's own body, anything else the generic one (and logged). */
function refusalOf(error: unknown, logger: Logger): SignBatchItem['error'] {
  if (error instanceof DomainError) return { code: error.code, message: error.text };
  logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return { code: ErrorCode.Internal, message: INTERNAL_REFUSAL };
}

function pemBlocks(chain: string): string[] {
  const blocks = chain.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  if (!blocks.length) throw new BadCertificateChain();
  return blocks;
}

/**
 * The leader's personal signature on the main file: with the server-held key opened by the PIN,
 * or through a USB token / remote-signing service (prepare, then complete with the CMS).
 */
@Injectable()
export class SigningFlowService {
  private readonly logger = new Logger('Signing');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly files: DocumentFiles,
    private readonly credentials: CredentialsService,
    private readonly pdf: PdfSignatureService,
    private readonly pageText: PageText,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly acceptance: SignatureAcceptance,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async preview(user: AuthenticatedUser, id: string): Promise<SigningPreview> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
      this.checkSignable(user, facts);
      const main = await this.mainFile(manager, facts);
      const signer = await manager.findOneByOrFail(UserEntity, { id: user.id });
      const { info, placement } = await this.proposal(facts.document, await this.files.read(main), signer);
      const credential = await this.credentials.findActive(manager, 'user', user.id);
      const lockedUntil = credential?.lockedUntil && credential.lockedUntil > new Date() ? credential.lockedUntil.toISOString() : null;
      return {
        fileId: Number(main.id),
        pageCount: info.pageCount,
        pages: info.pages,
        placement,
        signerName: signer.fullName,
        signerPosition: signer.position,
        signingLine: facts.document.signingLine,
        hasCredential: !!credential && !credential.awaitingPin,
        credentialExpiresAt: credential?.notAfter.toISOString() ?? null,
        credentialId: credential?.id ?? null,
        credentialAwaitingPin: credential?.awaitingPin ?? false,
        credentialLockedUntil: lockedUntil,
        pluginUrl: this.config.signing.pluginUrl,
      };
    });
  }

  /**
   * The leader signs with the server-held key. The PIN is checked (and a wrong one counted) before
   * the document is locked, in a transaction of its own; the document's state is checked first so
   * that a document that cannot be signed costs no PIN attempt.
   */
  async sign(user: AuthenticatedUser, id: string, request: SignRequest, ip: string): Promise<DocumentDetail> {
    await this.dataSource.transaction(async (manager) => this.checkSignable(user, await this.store.factsOf(manager, await this.store.visible(manager, user, id))));
    const credential = await this.credentials.requireActive(this.dataSource.manager, 'user', user.id);
    const signer = await this.credentials.openSigner(credential, request.pin, { userId: user.id, organisationId: user.organisationId, ip }, 'sign');
    return this.signWith(user, id, signer, credential.imagePng, request.placement, ip, false);
  }

  /**
   * Several documents with one PIN: the key is opened once (a wrong PIN counts once and signs
   * nothing), then each document is signed in its own transaction, so one that cannot be signed
   * (changed meanwhile, not the leader's) is reported and the others are not undone.
   */
  async signBatch(user: AuthenticatedUser, request: SignBatchRequest, ip: string): Promise<SignBatchResponse> {
    const credential = await this.credentials.requireActive(this.dataSource.manager, 'user', user.id);
    const signer = await this.credentials.openSigner(credential, request.pin, { userId: user.id, organisationId: user.organisationId, ip }, 'sign');
    const placements = new Map((request.placements ?? []).map((p) => [p.documentId, p.placement]));
    const items: SignBatchItem[] = [];
    for (const documentId of [...new Set(request.documentIds)]) {
      try {
        const detail = await this.signWith(user, String(documentId), signer, credential.imagePng, placements.get(documentId), ip, true);
        items.push({ documentId, status: 'signed', subject: detail.subject, error: null });
      } catch (error) {
        items.push({ documentId, status: 'refused', subject: await this.visibleSubject(user, documentId), error: refusalOf(error, this.logger) });
      }
    }
    const signed = items.filter((i) => i.status === 'signed').length;
    return { signed, refused: items.length - signed, items };
  }

  private async signWith(
    user: AuthenticatedUser,
    id: string,
    signer: Signer,
    image: Buffer | null,
    requestedPlacement: SignaturePlacement | undefined,
    ip: string,
    batch: boolean,
  ): Promise<DocumentDetail> {
    // Where the signature goes is read from the file before the transaction (pdf.js, in its worker).
    const planned = await this.placementBeforehand(user, id, requestedPlacement);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      this.checkSignable(user, facts);
      const main = await this.mainFile(manager, facts);
      const bytes = await this.files.read(main);
      const person = await manager.findOneByOrFail(UserEntity, { id: user.id });
      const placement = this.plannedFor(planned, main);
      const place = await manager.findOneByOrFail(OrganisationEntity, { id: facts.document.organisationId });
      const signed = await this.pdf.signPersonal(bytes, {
        signer,
        placement,
        name: person.fullName,
        position: person.position,
        signingLine: facts.document.signingLine,
        image,
        location: place.placeName,
      });
      return this.recordSignature(manager, user, facts, main, signed, placement, ip, batch ? 'server-key-batch' : 'server-key');
    });
  }

  /** The subject of a document the leader may see, for a refusal's line in a batch; null otherwise. */
  private async visibleSubject(user: AuthenticatedUser, documentId: number): Promise<string | null> {
    try {
      return (await this.store.visible(this.dataSource.manager, user, String(documentId))).subject;
    } catch {
      return null;
    }
  }

  async prepareExternal(user: AuthenticatedUser, id: string, request: PrepareExternalSignatureRequest, ip: string): Promise<PrepareExternalSignatureResponse> {
    const planned = await this.placementBeforehand(user, id, request.placement);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      this.checkSignable(user, facts);
      const main = await this.mainFile(manager, facts);
      const chain = pemBlocks(request.certificateChainPem);
      const bytes = await this.files.read(main);
      const person = await manager.findOneByOrFail(UserEntity, { id: user.id });
      const placement = this.plannedFor(planned, main);
      const place = await manager.findOneByOrFail(OrganisationEntity, { id: facts.document.organisationId });
      const credential = await this.credentials.findActive(manager, 'user', user.id);
      const prepared = await this.pdf.prepare(bytes, chain, {
        placement,
        name: person.fullName,
        position: person.position,
        signingLine: facts.document.signingLine,
        image: credential?.imagePng ?? null,
        location: place.placeName,
      });
      const { json, pdf } = this.pdf.serialize(prepared);
      const preparationId = randomBytes(16).toString('hex');
      await manager.insert(SigningPreparationEntity, {
        id: preparationId,
        documentId: facts.document.id,
        sourceFileId: main.id,
        userId: user.id,
        preparedSha256: await this.files.keep(pdf),
        state: json,
        placement: JSON.stringify(placement),
        expiresAt: new Date(Date.now() + PREPARATION_MINUTES * 60_000),
      });
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.signature-prepared',
        entityType: 'document',
        entityId: facts.document.id,
        ip,
        details: { preparationId },
      });
      return {
        preparationId,
        digestToSign: prepared.digestToSign.toString('base64'),
        documentDigest: prepared.documentDigest.toString('base64'),
        algorithm: 'sha256',
      };
    });
  }

  async completeExternal(user: AuthenticatedUser, id: string, request: CompleteExternalSignatureRequest, ip: string): Promise<DocumentDetail> {
    if (!!request.cms === !!request.signature) throw new ExternalResultMissing();
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      this.checkSignable(user, facts);
      const main = await this.mainFile(manager, facts);
      const preparation = await manager.findOneBy(SigningPreparationEntity, { id: request.preparationId, documentId: facts.document.id, userId: user.id });
      // A preparation is bound to the file version it was made from: a newer version needs a new one.
      if (!preparation || preparation.expiresAt < new Date() || preparation.sourceFileId !== main.id) throw new PreparationExpired();
      const prepared = this.pdf.deserialize(preparation.state, await this.files.read({ sha256: preparation.preparedSha256 }));
      const result = request.cms ? { cms: Buffer.from(request.cms, 'base64') } : { signature: Buffer.from(request.signature ?? '', 'base64') };
      const signed = await this.pdf.embed(prepared, result);
      await manager.delete(SigningPreparationEntity, { id: preparation.id });
      return this.recordSignature(manager, user, facts, main, signed, JSON.parse(preparation.placement) as SignaturePlacement, ip, 'external');
    });
  }

  /**
   * Upload-back, step one: the bytes the leader signs elsewhere (VGCA plugin, vSignPDF, Acrobat,
   * pdfsig): the current main file, as it is. Its SHA-256 names the version signed.
   */
  async preparedPdf(user: AuthenticatedUser, id: string): Promise<{ bytes: Buffer; name: string; sha256: string }> {
    const manager = this.dataSource.manager;
    const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
    this.checkSignable(user, facts);
    const main = await this.mainFile(manager, facts);
    return { bytes: await this.files.read(main), name: main.name, sha256: main.sha256 };
  }

  /**
   * Upload-back, step two: the signed file comes back. Accepted only if it is exactly the main
   * file's bytes followed by one incremental update that adds one signature and nothing else, and
   * that signature meets the acceptance rule; anything else is refused (422) and nothing is stored.
   */
  async uploadSigned(user: AuthenticatedUser, id: string, upload: UploadedFile | undefined, ip: string, method: 'upload' | 'plugin' = 'upload'): Promise<DocumentDetail> {
    if (!upload?.buffer?.length) throw new FileMissing();
    const uploaded = upload.buffer;
    const planned = await this.placementBeforehand(user, id, undefined);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      this.checkSignable(user, facts);
      const main = await this.mainFile(manager, facts);
      const placement = this.plannedFor(planned, main);
      await this.pdf.checkAppended(await this.files.read(main), uploaded);
      return this.recordSignature(manager, user, facts, main, uploaded, placement, ip, method);
    });
  }

  private async recordSignature(
    manager: EntityManager,
    user: AuthenticatedUser,
    facts: DocumentFacts,
    main: DocumentFileEntity,
    signed: Buffer,
    placement: SignaturePlacement,
    ip: string,
    method: 'server-key' | 'server-key-batch' | 'external' | 'upload' | 'plugin',
  ): Promise<DocumentDetail> {
    const d = facts.document;
    // The acceptance rule: the new signature counts only if valid, trusted, not revoked and its
    // certificate registered to this leader; otherwise nothing changes and the refusal is audited.
    const verification = await this.acceptance.accept(manager, signed, { ownerType: 'user', ownerId: user.id }, { userId: user.id, organisationId: user.organisationId, ip, documentId: d.id, method });
    const file = await this.files.addVersion(manager, {
      documentId: d.id,
      role: FileRole.Main,
      position: 0,
      name: main.name,
      bytes: signed,
      stage: 'signed',
      userId: user.id,
      verification,
    });
    await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Signed, signedAt: new Date(), signaturePlacement: JSON.stringify(placement) });
    await this.outbox.emit(manager, {
      type: OutboxEventType.AwaitingIssue,
      documentId: d.id,
      payload: { organisationIds: [d.organisationId], roles: [Role.Clerk], actorId: user.id, subject: d.subject },
    });
    await this.audit.record(manager, {
      userId: user.id,
      organisationId: user.organisationId,
      action: 'document.signed',
      entityType: 'document',
      entityId: d.id,
      ip,
      details: { method, sha256: file.sha256 },
    });
    return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: d.id }));
  }

  /**
   * Where the signature goes on the current main file, worked out before the transaction (pdf.js
   * reads the last page in its worker thread, bounded in time): no row lock waits on it.
   */
  private async placementBeforehand(user: AuthenticatedUser, id: string, requested: SignaturePlacement | undefined): Promise<{ sha256: string; placement: SignaturePlacement }> {
    const manager = this.dataSource.manager;
    const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
    this.checkSignable(user, facts);
    const main = await this.mainFile(manager, facts);
    const person = await manager.findOneByOrFail(UserEntity, { id: user.id });
    return { sha256: main.sha256, placement: await this.placementFor(requested, facts.document, await this.files.read(main), person) };
  }

  /** The placement worked out beforehand, as long as the main file is still the one it was worked out on. */
  private plannedFor(planned: { sha256: string; placement: SignaturePlacement }, main: DocumentFileEntity): SignaturePlacement {
    if (planned.sha256 !== main.sha256) throw new Conflict(CHANGED_WHILE_SIGNING);
    return planned.placement;
  }

  private checkSignable(user: AuthenticatedUser, facts: DocumentFacts): void {
    if (facts.document.status !== DocumentStatus.AwaitingSignature) throw new InvalidTransition(facts.document.status, SIGN);
    // Classified documents are signed on paper only.
    if (isClassified(facts.document.securityLevel)) throw new ClassifiedContent();
    assertAllowed(user, DocumentAction.Sign, facts);
  }

  private async mainFile(manager: EntityManager, facts: DocumentFacts): Promise<DocumentFileEntity> {
    const main = await manager.findOneBy(DocumentFileEntity, { documentId: facts.document.id, role: FileRole.Main, current: true });
    if (!main) throw new MissingMainFile();
    return main;
  }

  /**
   * Where the signature goes unless the leader moved it: the place the draft was laid out with,
   * else the place under the signing line found on the last page, else the usual place.
   */
  private async proposal(d: DocumentEntity, bytes: Buffer, signer: UserEntity): Promise<{ info: PdfInfo; placement: SignaturePlacement }> {
    const { info, placement: usual } = await this.pdf.proposedPlacement(bytes);
    if (d.signaturePlacement) {
      const stored = JSON.parse(d.signaturePlacement) as SignaturePlacement;
      if (stored.page >= 1 && stored.page <= info.pageCount) return { info, placement: stored };
    }
    const found = await findSigningPlace(this.pageText, bytes, info.pageCount, { signingLine: d.signingLine, position: signer.position, name: signer.fullName });
    return { info, placement: found ?? usual };
  }

  private async placementFor(requested: SignaturePlacement | undefined, d: DocumentEntity, bytes: Buffer, signer: UserEntity): Promise<SignaturePlacement> {
    if (!requested) return (await this.proposal(d, bytes, signer)).placement;
    const info = await this.pdf.inspect(bytes);
    if (requested.page > info.pageCount) throw new PlacementOffPage(info.pageCount);
    return { page: requested.page, x: requested.x, y: requested.y, width: requested.width, height: requested.height };
  }
}
