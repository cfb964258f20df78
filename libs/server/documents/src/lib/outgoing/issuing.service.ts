import { Injectable } from '@nestjs/common';
import { PageSize, Signer, TextStamp } from '@vanthu/pdf-signing';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, Conflict, DomainError } from '@vanthu/server/core';
import {
  AuditEntry,
  AuditService,
  DeliveryEntity,
  DocumentEntity,
  DocumentFileEntity,
  DocumentRecipientEntity,
  ExternalDeliveryEntity,
  ExternalOrganisationEntity,
  inTransaction,
  OutboxEventType,
  OutboxService,
  RegisterService,
} from '@vanthu/server/data-access';
import { DeliveryStatus, DispatchRequest, DocumentDetail, DocumentDirection, DocumentStatus, ErrorCode, FileRole, IssuePreview, IssueRequest, Role, SignaturePlacement } from '@vanthu/shared/contracts';
import {
  formatNumberAndSymbol,
  formatPlaceAndDate,
  isClassified,
  registerKind,
  registerYear,
  toIsoDate,
} from '@vanthu/shared/domain';
import { DataSource, EntityManager, In } from 'typeorm';

import { DocumentFiles } from '../files/document-files.service';
import { findStampPlaces, LinePlace, PageText, StampPlaces } from '../files/stamp-places';
import { DocumentStore } from '../shared/document-store';
import { ClassifiedContent, InvalidParty, InvalidTransition } from '../shared/errors';
import { Parties } from '../shared/parties';
import { assertAllowed, DocumentAction, DocumentFacts } from '../shared/policy';
import { SearchIndex } from '../shared/search-index';
import { searchTextOf } from '../shared/search-text';
import { symbolOf } from '../shared/symbol';
import { CredentialsService, PdfSignatureService, SignatureAcceptance, StoredVerification } from '@vanthu/server/signing';

const ISSUE = { vi: 'ban hành', en: 'issue' };
const CHANGED_WHILE_ISSUING = {
  vi: 'Tệp của văn bản vừa thay đổi trong lúc ban hành. Hãy tải lại trang và ban hành lại.',
  en: 'The document’s file changed while it was being issued. Reload the page and issue it again.',
};
const DISPATCH = { vi: 'phát hành', en: 'dispatch' };

export class PinRequired extends DomainError {
  constructor() {
    super(400, ErrorCode.PinRequired, {
      vi: 'Hãy nhập mã PIN con dấu số của cơ quan.',
      en: 'Enter the PIN of the organisation’s digital seal.',
    });
  }
}

/**
 * The number and date stamps of an issued document: over the lines the drafter left for them
 * ("Số:      /KH-UBND", "Tuy Đức, ngày   tháng   năm …"), each covered and rewritten in full at
 * the same size; where a document has no such lines, one line in the top margin instead.
 */
export function issueStamps(places: StampPlaces, page: { width: number; height: number }, numberAndSymbol: string, placeName: string, at: Date): TextStamp[] {
  const numberText = `Số: ${numberAndSymbol}`;
  const dateText = formatPlaceAndDate(placeName, at);
  const over = (line: LinePlace, text: string, italic: boolean): TextStamp => ({
    page: line.page,
    x: line.x + line.width / 2,
    y: line.y,
    align: 'center',
    text,
    fontSize: line.fontSize,
    italic,
    cover: { x: line.x - 2, y: line.y - line.fontSize * 0.3, width: line.width + 4, height: line.fontSize * 1.3 },
  });
  if (places.numberLine || places.dateLine) {
    return [
      ...(places.numberLine ? [over(places.numberLine, numberText, false)] : []),
      ...(places.dateLine ? [over(places.dateLine, dateText, true)] : []),
    ];
  }
  return [{ page: 1, x: page.width / 2, y: page.height - 22, align: 'center', text: `${numberText}  —  ${dateText}`, fontSize: 10, italic: true }];
}

/**
 * The clerk's part of văn bản đi: the number and symbol from the register, the issue date, the
 * organisation's signature (the seal) on the main file and each attachment — all in one
 * transaction with the register's row lock — then dispatch of the issued bytes to recipients.
 */
@Injectable()
export class IssuingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
    private readonly files: DocumentFiles,
    private readonly parties: Parties,
    private readonly registers: RegisterService,
    private readonly credentials: CredentialsService,
    private readonly pdf: PdfSignatureService,
    private readonly pageText: PageText,
    private readonly searchIndex: SearchIndex,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly acceptance: SignatureAcceptance,
  ) {}

  /** What the clerk is about to take: shown before confirming, not reserved. */
  async preview(user: AuthenticatedUser, id: string): Promise<IssuePreview> {
    return this.dataSource.transaction(async (manager) => {
      const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
      this.checkIssuable(user, facts);
      const d = facts.document;
      const now = new Date();
      const year = registerYear(now);
      const number = await this.registers.peekNextNumber(manager, d.organisationId, year, registerKind(DocumentDirection.Outgoing, d.securityLevel));
      const credential = isClassified(d.securityLevel) ? null : await this.credentials.findActive(manager, 'organisation', d.organisationId);
      const seal = credential
        ? { credentialId: credential.id, awaitingPin: credential.awaitingPin, lockedUntil: credential.lockedUntil && credential.lockedUntil > now ? credential.lockedUntil.toISOString() : null }
        : null;
      return { number, symbol: await this.numberAndSymbol(manager, d, number), issueDate: toIsoDate(now), registerYear: year, seal };
    });
  }

  async issue(user: AuthenticatedUser, id: string, request: IssueRequest, ip: string): Promise<DocumentDetail> {
    // The seal is opened before anything is locked or numbered: a wrong PIN costs no number, and it
    // is counted (towards the seal's lock) in a transaction of its own, which commits although the
    // issue fails. The document's state is checked first, so that one that cannot be issued costs no PIN attempt.
    const before = await this.dataSource.transaction(async (manager) => {
      const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
      this.checkIssuable(user, facts);
      return facts.document;
    });
    let seal: { signer: Signer; image: Buffer | null } | null = null;
    if (!isClassified(before.securityLevel)) {
      if (!request.pin) throw new PinRequired();
      const credential = await this.credentials.requireActive(this.dataSource.manager, 'organisation', before.organisationId);
      seal = { signer: await this.credentials.openSigner(credential, request.pin, { userId: user.id, organisationId: user.organisationId, ip }, 'seal'), image: credential.imagePng };
    }
    // Reading the main file's text (pdf.js, in its worker thread, bounded in time) happens before
    // the transaction: no row lock waits on a hostile or merely slow PDF.
    const layout = await this.stampLayout(user, id);
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      this.checkIssuable(user, facts);
      const d = facts.document;
      const classified = isClassified(d.securityLevel);
      const organisation = await this.parties.organisation(manager, d.organisationId);
      // Changed meanwhile (reclassified, another issuing organisation): the opened seal no longer fits.
      if (classified !== !seal || organisation.id !== before.organisationId) throw new InvalidTransition(d.status, ISSUE);

      // Everything that does not need the number is done before taking it: the register's row
      // lock is then held only for stamping and sealing.
      const files = seal ? await this.store.currentFiles(manager, d.id) : [];
      const contents = await Promise.all(files.map((f) => this.files.read(f)));
      const mainFile = files.find((f) => f.role === FileRole.Main);
      // A signed document's files do not change; should the main file differ from the one laid out, start again.
      if (mainFile && mainFile.sha256 !== layout?.sha256) throw new Conflict(CHANGED_WHILE_ISSUING);
      const places = mainFile ? (layout?.places ?? null) : null;
      const leader = mainFile ? (layout?.leader ?? null) : null;
      const firstPage = mainFile ? (layout?.firstPage ?? null) : null;

      const now = new Date();
      const taken = await this.registers.takeNextNumber(manager, organisation.id, registerYear(now), registerKind(DocumentDirection.Outgoing, d.securityLevel));
      const numberAndSymbol = await this.numberAndSymbol(manager, d, taken.number);
      const issueDate = toIsoDate(now);

      if (seal) {
        for (const [i, file] of files.entries()) {
          const sealed =
            file.role === FileRole.Main && places && leader && firstPage
              ? await this.pdf.sealMain(contents[i], {
                  signer: seal.signer,
                  organisation: organisation.name,
                  over: leader,
                  image: seal.image,
                  location: organisation.placeName,
                  signingTime: now,
                  // Decree 30: the number and date are added after the leader signed, without breaking that signature.
                  stamps: issueStamps(places, firstPage, numberAndSymbol, organisation.placeName ?? '', now),
                })
              : await this.pdf.sealAttachment(contents[i], {
                  signer: seal.signer,
                  organisation: organisation.name,
                  numberAndSymbol,
                  location: organisation.placeName,
                  signingTime: now,
                });
          // The seal counts only under the acceptance rule, its certificate registered to this organisation.
          const accepted = await this.acceptance.accept(
            manager,
            sealed,
            { ownerType: 'organisation', ownerId: organisation.id },
            { userId: user.id, organisationId: user.organisationId, ip, documentId: d.id, method: 'seal' },
          );
          // B-LT when time-stamped and the revocation data can be had (a DSS after the seal).
          const kept = await this.acceptance.withLongTermValidation(manager, sealed);
          const verification = kept === sealed ? accepted : await this.pdf.verify(manager, kept);
          await this.files.addVersion(manager, {
            documentId: d.id,
            role: file.role,
            position: file.position,
            name: file.name,
            bytes: kept,
            stage: 'issued',
            userId: user.id,
            verification,
          });
        }
      }

      await manager.update(DocumentEntity, { id: d.id }, {
        status: DocumentStatus.Issued,
        registerId: taken.registerId,
        number: taken.number,
        symbol: numberAndSymbol,
        documentDate: issueDate,
        issuedAt: now,
        searchText: searchTextOf({ type: d.type, subject: d.subject, symbol: numberAndSymbol, organisationName: organisation.name }),
      });
      await this.searchIndex.refresh(manager, [d.id]);
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: 'document.issued',
        entityType: 'document',
        entityId: d.id,
        ip,
        details: { number: taken.number, symbol: numberAndSymbol, registerId: taken.registerId, paper: classified },
      });
      return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: d.id }));
    });
  }

  /**
   * Sends the issued, sealed bytes to each recipient organisation: an incoming copy in each (the
   * same stored file and its verification report), a delivery to track, and a notification event.
   */
  async dispatch(user: AuthenticatedUser, id: string, request: DispatchRequest, ip: string): Promise<DocumentDetail> {
    return inTransaction(this.dataSource, async (manager) => {
      const facts = await this.store.lockFacts(manager, user, id);
      const d = facts.document;
      if (isClassified(d.securityLevel)) throw new ClassifiedContent();
      if (d.status !== DocumentStatus.Issued) throw new InvalidTransition(d.status, DISPATCH);
      assertAllowed(user, DocumentAction.Dispatch, facts);
      const sender = await this.parties.organisation(manager, d.organisationId);
      const ids = request.recipientIds ?? (await manager.find(DocumentRecipientEntity, { where: { documentId: d.id } })).map((r) => r.organisationId);
      const recipients = await this.parties.recipients(manager, sender, ids);
      const externals = await this.externalRecipients(manager, request.externalRecipientIds ?? []);
      if (!recipients.length && !externals.length) {
        throw new InvalidParty({ vi: 'Hãy chọn ít nhất một nơi nhận.', en: 'Choose at least one recipient.' });
      }
      const files = (await this.store.currentFiles(manager, d.id)).filter((f) => f.stage === 'issued');
      if (!files.some((f) => f.role === FileRole.Main)) throw new InvalidTransition(d.status, DISPATCH);

      const now = new Date();
      const searchText = searchTextOf({ type: d.type, subject: d.subject, symbol: d.symbol, senderName: sender.name });
      // External recipients: the exchange worker turns each queued row into an edXML packet.
      if (externals.length) {
        await manager.insert(
          ExternalDeliveryEntity,
          externals.map((x) => ({ documentId: d.id, externalOrganisationId: x.id, state: 'queued' as const, dispatchedAt: now, dispatchedBy: user.id })),
        );
      }
      if (recipients.length) await manager.insert(
        DocumentEntity,
        recipients.map((r) => ({
          organisationId: r.id,
          direction: DocumentDirection.Incoming,
          type: d.type,
          status: DocumentStatus.Received,
          subject: d.subject,
          urgency: d.urgency,
          securityLevel: d.securityLevel,
          number: d.number,
          symbol: d.symbol,
          documentDate: d.documentDate,
          // Hạn trả lời travels with the document: each recipient sees the day the sender asked for.
          replyBy: d.replyBy,
          signerId: null,
          receivedAt: now,
          senderOrganisationId: sender.id,
          senderName: sender.name,
          sourceDocumentId: d.id,
          searchText,
          listedAt: now,
          version: 1,
        })),
      );
      const copies = !recipients.length ? [] : await manager.find(DocumentEntity, {
        select: { id: true, organisationId: true },
        where: { sourceDocumentId: d.id, organisationId: In(recipients.map((r) => r.id)) },
      });
      const copyOf = new Map(copies.map((c) => [c.organisationId, c.id]));
      await this.searchIndex.refresh(manager, copies.map((c) => c.id));

      // Verified once on arrival: every copy holds the same bytes, so the report is the same.
      const verifications = new Map<string, StoredVerification>();
      if (copies.length) for (const f of files) verifications.set(f.id, await this.pdf.verify(manager, await this.files.read(f)));
      if (copies.length) await manager.insert(
        DocumentFileEntity,
        copies.flatMap((copy) =>
          files.map((f) => ({
            documentId: copy.id,
            role: f.role,
            position: f.position,
            name: f.name,
            sha256: f.sha256,
            size: f.size,
            version: 1,
            current: true,
            stage: 'received' as const,
            signatureCount: verifications.get(f.id)?.signatures.length ?? 0,
            verification: JSON.stringify(verifications.get(f.id)),
            verifiedAt: now,
            createdBy: null,
          })),
        ),
      );
      if (recipients.length) await manager.insert(
        DeliveryEntity,
        recipients.map((r) => ({
          documentId: d.id,
          recipientId: r.id,
          incomingDocumentId: copyOf.get(r.id) ?? null,
          status: DeliveryStatus.Delivered,
          statusAt: now,
          returnReason: null,
          dispatchedAt: now,
          dispatchedBy: user.id,
        })),
      );
      await manager.update(DocumentEntity, { id: d.id }, { status: DocumentStatus.Dispatched });
      await this.outbox.emit(
        manager,
        recipients.map((r) => ({
          type: OutboxEventType.DocumentDispatched,
          documentId: copyOf.get(r.id) ?? null,
          payload: {
            organisationIds: [r.id],
            roles: [Role.Clerk],
            actorId: user.id,
            subject: d.subject,
            symbol: d.symbol,
            senderName: sender.name,
          },
        })),
      );
      const entries: AuditEntry[] = [
        {
          userId: user.id,
          organisationId: user.organisationId,
          action: 'document.dispatched',
          entityType: 'document',
          entityId: d.id,
          ip,
          details: { recipients: recipients.map((r) => r.name), externalRecipients: externals.map((x) => `${x.name} (${x.identifierCode})`) },
        },
        ...recipients.map((r) => ({
          userId: user.id,
          organisationId: user.organisationId,
          action: 'document.received',
          entityType: 'document',
          entityId: copyOf.get(r.id) ?? null,
          ip,
          details: { from: sender.name, symbol: d.symbol },
        })),
      ];
      await this.audit.recordMany(manager, entries);
      return this.store.detailOf(manager, user, await manager.findOneByOrFail(DocumentEntity, { id: d.id }));
    });
  }

  /** Active organisations of the external directory, all of `ids` or a clear error. */
  private async externalRecipients(manager: EntityManager, ids: readonly number[]): Promise<ExternalOrganisationEntity[]> {
    const unique = [...new Set(ids)];
    if (!unique.length) return [];
    const found = await manager.find(ExternalOrganisationEntity, { where: { id: In(unique), active: true } });
    if (found.length !== unique.length) {
      throw new InvalidParty({
        vi: 'Nơi nhận ngoài hệ thống không hợp lệ: chỉ chọn các cơ quan đang hoạt động trong danh bạ cơ quan bên ngoài.',
        en: 'Invalid external recipients: choose active organisations of the external directory.',
      });
    }
    return found;
  }

  /**
   * Where the number and date stamps and the seal go on the current main file, read without a
   * transaction or lock (after the same checks as issuing itself). Null for a document without one.
   */
  private async stampLayout(user: AuthenticatedUser, id: string): Promise<{ sha256: string; places: StampPlaces; leader: SignaturePlacement; firstPage: PageSize } | null> {
    const manager = this.dataSource.manager;
    const facts = await this.store.factsOf(manager, await this.store.visible(manager, user, id));
    this.checkIssuable(user, facts);
    if (isClassified(facts.document.securityLevel)) return null;
    const main = (await this.store.currentFiles(manager, facts.document.id)).find((f) => f.role === FileRole.Main);
    if (!main) return null;
    const bytes = await this.files.read(main);
    const [places, leader, info] = await Promise.all([findStampPlaces(this.pageText, bytes), this.leaderPlacement(facts.document, bytes), this.pdf.inspect(bytes)]);
    return { sha256: main.sha256, places, leader, firstPage: info.pages[0] };
  }

  private checkIssuable(user: AuthenticatedUser, facts: DocumentFacts): void {
    const d = facts.document;
    const ready = d.status === DocumentStatus.Signed || (isClassified(d.securityLevel) && d.status === DocumentStatus.AwaitingSignature);
    if (!ready) throw new InvalidTransition(d.status, ISSUE);
    assertAllowed(user, DocumentAction.Issue, facts);
  }

  /** `27/KH-UBND`; a Công văn carries the drafting unit: `134/UBND-VP`. */
  private async numberAndSymbol(manager: EntityManager, d: DocumentEntity, number: number): Promise<string> {
    return formatNumberAndSymbol(number, await symbolOf(manager, d));
  }

  /** Where the leader signed (the seal overlaps its left third); the usual place when it is not known. */
  private async leaderPlacement(d: DocumentEntity, bytes: Buffer): Promise<SignaturePlacement> {
    if (d.signaturePlacement) return JSON.parse(d.signaturePlacement) as SignaturePlacement;
    return (await this.pdf.proposedPlacement(bytes)).placement;
  }
}
