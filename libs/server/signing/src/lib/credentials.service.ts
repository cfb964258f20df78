import { X509Certificate } from 'node:crypto';

import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { APP_CONFIG, AppConfig, AuthenticatedUser, DomainError, NotFound } from '@vanthu/server/core';
import { AuditService, inTransaction, OrganisationEntity, SigningCredentialEntity, UserEntity } from '@vanthu/server/data-access';
import { DevKeyType, DevPki } from '@vanthu/dev-pki';
import { openPkcs12, Signer } from '@vanthu/pdf-signing';
import { CredentialView, ErrorCode, Permission, SetPinRequest } from '@vanthu/shared/contracts';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';

import { DevAuthorityService } from './dev-authority.service';
import { newPassphrase, openPkcs12Bytes, pendingPassphrase, sealMaterial } from './keys/credential-material';
import { CredentialPins, lockMaterial, PinActor } from './keys/credential-pins.service';
import { KeyRing } from './keys/key-ring';
import { CertificateBindings } from './trust/certificate-bindings.service';
import { isAcceptablePin, NoDevAuthority, NoSigningCredential, PinPolicy, translatePdfErrors } from './signing-errors';

const CREDENTIAL_TEXT = { vi: 'Chứng thư số', en: 'The certificate' };
const OWNER_TEXT = { vi: 'Người dùng hoặc đơn vị', en: 'The user or organisation' };
const DAY = 86_400_000;

export type OwnerType = 'user' | 'organisation';

/** A credential with its image loaded (the column is not selected by default); its key material stays with {@link CredentialPins}. */
export type LoadedCredential = SigningCredentialEntity & { imagePng: Buffer | null; awaitingPin: boolean };

export class NotAPngImage extends DomainError {
  constructor() {
    super(415, ErrorCode.NotAPng, {
      vi: 'Ảnh chữ ký/con dấu phải là tệp PNG (nền trong suốt).',
      en: 'The signature or seal image must be a PNG file (transparent background).',
    });
  }
}

export class CurrentPinRequired extends DomainError {
  constructor() {
    super(400, ErrorCode.PinRequired, { vi: 'Hãy nhập mã PIN hiện tại.', en: 'Enter the current PIN.' });
  }
}

/** One-line subject as people read it: `Nguyễn Văn Hùng, Chủ tịch UBND huyện, UBND huyện Tuy Đức, Đắk Nông, VN`. */
export function readableName(distinguishedName: string): string {
  const parts = distinguishedName.split('\n').map((line) => {
    const at = line.indexOf('=');
    return { key: line.slice(0, at), value: line.slice(at + 1) };
  });
  const order = ['CN', 'title', 'OU', 'O', 'L', 'ST', 'C'];
  return parts
    .filter((p) => order.includes(p.key))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
    .map((p) => p.value)
    .filter((value, index, all) => all.indexOf(value) === index)
    .join(', ');
}

/** Clerks keep their organisation's seal (văn thư quản lý con dấu): they choose its PIN. */
export function keepsSeal(user: AuthenticatedUser): boolean {
  return user.permissions.includes(Permission.IssueDocuments);
}

function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/**
 * Signing keys held by the server: one active PKCS#12 per person (their personal signature) and
 * per organisation (its seal), sealed with the key-encryption key and usable only with the
 * owner's PIN, which the server never stores and which only the owner chooses.
 */
@Injectable()
export class CredentialsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly authority: DevAuthorityService,
    private readonly ring: KeyRing,
    private readonly pins: CredentialPins,
    private readonly bindings: CertificateBindings,
  ) {}

  async findActive(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<LoadedCredential | null> {
    const { entities, raw } = await withViewColumns(manager.getRepository(SigningCredentialEntity).createQueryBuilder('c'))
      .addSelect('c.imagePng')
      .where('c.ownerType = :ownerType AND c.ownerId = :ownerId AND c.active = 1', { ownerType, ownerId })
      .orderBy('c.id', 'DESC')
      .limit(1)
      .getRawAndEntities();
    if (!entities.length) return null;
    return Object.assign(entities[0], { awaitingPin: Number(raw[0].awaiting) === 1 }) as LoadedCredential;
  }

  async requireActive(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<LoadedCredential> {
    const credential = await this.findActive(manager, ownerType, ownerId);
    if (!credential) throw new NoSigningCredential(ownerType);
    return credential;
  }

  /**
   * Opens the key with its owner's PIN ({@link CredentialPins}: counted, locked, audited); a wrong
   * PIN, a lock, a key without PIN, an expired or wrong-usage certificate is a clear 4xx.
   */
  openSigner(credential: SigningCredentialEntity, pin: string, actor: PinActor, purpose: 'sign' | 'seal'): Promise<Signer> {
    return this.pins.open(credential.id, pin, actor, purpose);
  }

  /** Administrators see the credentials of people and organisations in their subtree; others only their own. */
  async list(manager: EntityManager, user: AuthenticatedUser): Promise<CredentialView[]> {
    const query = withOwnerNames(withViewColumns(manager.getRepository(SigningCredentialEntity).createQueryBuilder('c'))).orderBy('c.id', 'DESC');
    if (user.permissions.includes(Permission.ManageUsers)) {
      query.where('(uo.path LIKE :scope OR o.path LIKE :scope)', { scope: `${user.organisationPath}%` });
    } else {
      query.where("c.ownerType = 'user' AND c.ownerId = :me", { me: user.id });
    }
    return this.views(query);
  }

  /** My signature keys and, for a clerk (who keeps it), the seals of my organisation: the keys I choose a PIN for. */
  async mine(manager: EntityManager, user: AuthenticatedUser): Promise<CredentialView[]> {
    const query = withOwnerNames(withViewColumns(manager.getRepository(SigningCredentialEntity).createQueryBuilder('c')))
      .where("c.ownerType = 'user' AND c.ownerId = :me", { me: user.id })
      .orderBy('c.active', 'DESC')
      .addOrderBy('c.id', 'DESC');
    if (keepsSeal(user)) query.orWhere("c.ownerType = 'organisation' AND c.ownerId = :organisation", { organisation: user.organisationId });
    return this.views(query);
  }

  /**
   * Stores an uploaded PKCS#12 (checked by opening it with its file password) as the owner's active
   * credential. The owner then chooses the PIN: until then the key signs nothing.
   */
  async upload(
    manager: EntityManager,
    admin: AuthenticatedUser,
    owner: { ownerType: OwnerType; ownerId: number },
    p12: Buffer,
    filePassword: string,
    image: Buffer | null,
  ): Promise<CredentialView> {
    if (image && !isPng(image)) throw new NotAPngImage();
    const ownerName = await this.scopedOwnerName(manager, admin, owner.ownerType, owner.ownerId);
    const signer = await translatePdfErrors(() => openPkcs12(p12, filePassword));
    return this.store(manager, owner, { p12, passphrase: filePassword, pin: null }, signer.certificateChain[0], image, ownerName, admin.id);
  }

  /**
   * Issues a new key and certificate from the installation's development CA (only with DEV_PKI on:
   * elsewhere the route does not exist). The key waits for its owner's PIN; only the demo seed,
   * acting for no administrator, gives the PIN at once.
   */
  async issue(
    manager: EntityManager,
    admin: AuthenticatedUser | null,
    owner: { ownerType: OwnerType; ownerId: number },
    options: { pin?: string; image?: Buffer | null; keyType?: DevKeyType } = {},
  ): Promise<CredentialView> {
    if (!this.config.signing.devPki) throw new NotFoundException();
    if (admin && options.pin !== undefined) throw new Error('An administrator never chooses a PIN');
    const ownerName = admin
      ? await this.scopedOwnerName(manager, admin, owner.ownerType, owner.ownerId)
      : await this.ownerName(manager, owner.ownerType, owner.ownerId);
    const pki = await this.authority.load(manager);
    if (!pki) throw new NoDevAuthority();
    const passphrase = newPassphrase();
    const keyType = options.keyType ?? 'rsa';
    const issued =
      owner.ownerType === 'user'
        ? await this.issuePersonal(manager, pki, owner.ownerId, passphrase, keyType)
        : await this.issueOrganisation(manager, pki, owner.ownerId, passphrase, keyType);
    return this.store(manager, owner, { p12: issued.p12, passphrase, pin: options.pin ?? null }, issued.certificate, options.image ?? null, ownerName, admin?.id ?? null);
  }

  async setActive(manager: EntityManager, admin: AuthenticatedUser, id: number, active: boolean): Promise<CredentialView> {
    const credential = await manager.findOne(SigningCredentialEntity, { where: { id } });
    if (!credential) throw new NotFound(CREDENTIAL_TEXT);
    const ownerName = await this.scopedOwnerName(manager, admin, credential.ownerType, credential.ownerId).catch(() => {
      throw new NotFound(CREDENTIAL_TEXT);
    });
    if (active) {
      await manager.update(SigningCredentialEntity, { ownerType: credential.ownerType, ownerId: credential.ownerId }, { active: false });
    }
    await manager.update(SigningCredentialEntity, { id }, { active });
    return this.viewOf(manager, id, ownerName);
  }

  /** Lifts a lock after wrong PINs (an administrator of the owner's subtree). */
  async unlock(manager: EntityManager, admin: AuthenticatedUser, id: number): Promise<CredentialView> {
    const credential = await manager.findOne(SigningCredentialEntity, { where: { id } });
    if (!credential) throw new NotFound(CREDENTIAL_TEXT);
    const ownerName = await this.scopedOwnerName(manager, admin, credential.ownerType, credential.ownerId).catch(() => {
      throw new NotFound(CREDENTIAL_TEXT);
    });
    await manager.update(SigningCredentialEntity, { id }, { pinFailures: 0, lockedUntil: null });
    return this.viewOf(manager, id, ownerName);
  }

  /**
   * The owner chooses the PIN of a key waiting for one, or changes it with the current PIN (a wrong
   * current PIN counts towards the lock, in its own transaction). Nobody else may, not even an
   * administrator. The new PIN and its audit record commit together.
   */
  async setPin(user: AuthenticatedUser, id: number, request: SetPinRequest, ip: string | null): Promise<CredentialView> {
    const credential = await this.dataSource.manager.findOne(SigningCredentialEntity, { where: { id } });
    const mayHold = credential && (credential.ownerType === 'user' ? credential.ownerId === user.id : keepsSeal(user) && credential.ownerId === user.organisationId);
    if (!credential || !mayHold) throw new NotFound(CREDENTIAL_TEXT);
    if (!isAcceptablePin(request.newPin)) throw new PinPolicy();
    const [state] = await this.dataSource.query('SELECT pending_secret IS NOT NULL AS awaiting FROM signing_credential WHERE id = ?', [id]);
    let passphrase: string | null = null;
    if (Number(state.awaiting) !== 1) {
      if (!request.currentPin) throw new CurrentPinRequired();
      passphrase = (await this.pins.verify(id, request.currentPin, { userId: user.id, organisationId: user.organisationId, ip }, 'change-pin')).passphrase;
    }
    return inTransaction(this.dataSource, async (manager) => {
      const row = await lockMaterial(manager, id);
      const chosen = row.pendingSecret !== null;
      const secret = chosen ? pendingPassphrase(this.ring, row) : passphrase;
      if (secret === null) throw new CurrentPinRequired();
      const material = await sealMaterial(this.ring, openPkcs12Bytes(this.ring, row), secret, request.newPin);
      await manager.update(SigningCredentialEntity, { id }, { ...material, pinFailures: 0, lockedUntil: null });
      const view = await this.viewOf(manager, id);
      await this.audit.record(manager, {
        userId: user.id,
        organisationId: user.organisationId,
        action: chosen ? 'credential.pin-set' : 'credential.pin-changed',
        entityType: 'credential',
        entityId: id,
        ip,
        details: { owner: view.ownerName, serial: view.serialNumber },
      });
      return view;
    });
  }

  /** One credential as screens show it. */
  async viewOf(manager: EntityManager, id: number, ownerName?: string): Promise<CredentialView> {
    const [view] = await this.views(withOwnerNames(withViewColumns(manager.getRepository(SigningCredentialEntity).createQueryBuilder('c'))).where('c.id = :id', { id }));
    if (!view) throw new NotFound(CREDENTIAL_TEXT);
    return ownerName === undefined ? view : { ...view, ownerName };
  }

  async ownerName(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<string> {
    if (ownerType === 'user') return (await manager.findOneOrFail(UserEntity, { where: { id: ownerId } })).fullName;
    return (await manager.findOneOrFail(OrganisationEntity, { where: { id: ownerId } })).name;
  }

  // The certificate's subject is what verifiers show: name, position and organisation, in Vietnamese.
  private async issuePersonal(manager: EntityManager, pki: DevPki, userId: number, passphrase: string, keyType: DevKeyType) {
    const user = await manager.findOneOrFail(UserEntity, { where: { id: userId } });
    const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: user.organisationId } });
    return pki.issuePersonal({
      fullName: user.fullName,
      title: user.position,
      organisation: organisation.name,
      locality: organisation.placeName ?? undefined,
      email: user.email ?? undefined,
      pin: passphrase,
      keyType,
    });
  }

  private async issueOrganisation(manager: EntityManager, pki: DevPki, organisationId: number, passphrase: string, keyType: DevKeyType) {
    const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: organisationId } });
    return pki.issueOrganisation({ name: organisation.name, locality: organisation.placeName ?? undefined, pin: passphrase, keyType });
  }

  private async store(
    manager: EntityManager,
    owner: { ownerType: OwnerType; ownerId: number },
    key: { p12: Buffer; passphrase: string; pin: string | null },
    certificate: X509Certificate,
    image: Buffer | null,
    ownerName: string,
    actorId: number | null,
  ): Promise<CredentialView> {
    // The key's certificate signs for its owner: an administrator gave it (or the demo seed did).
    await this.bindings.bindApproved(manager, certificate, owner, actorId);
    const material = await sealMaterial(this.ring, key.p12, key.passphrase, key.pin);
    // The previous key keeps its record (documents it signed stay explainable) but no longer signs.
    const previous = await this.findActive(manager, owner.ownerType, owner.ownerId);
    await manager.update(SigningCredentialEntity, { ownerType: owner.ownerType, ownerId: owner.ownerId }, { active: false });
    const inserted = await manager.insert(SigningCredentialEntity, {
      ownerType: owner.ownerType,
      ownerId: owner.ownerId,
      ...material,
      certificatePem: certificate.toString(),
      subject: certificate.subject.slice(0, 1024),
      serialNumber: certificate.serialNumber,
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
      imagePng: image ?? previous?.imagePng ?? null,
      active: true,
    });
    return this.viewOf(manager, Number(inserted.identifiers[0].id), ownerName);
  }

  private async views(query: SelectQueryBuilder<SigningCredentialEntity>): Promise<CredentialView[]> {
    const { entities, raw } = await query.getRawAndEntities();
    const now = Date.now();
    return entities.map((c, i): CredentialView => {
      const certificate = new X509Certificate(c.certificatePem);
      return {
        id: c.id,
        ownerType: c.ownerType,
        ownerId: c.ownerId,
        ownerName: raw[i].u_full_name ?? raw[i].o_name ?? '',
        subject: readableName(c.subject),
        issuer: readableName(certificate.issuer),
        serialNumber: c.serialNumber,
        notBefore: c.notBefore.toISOString(),
        notAfter: c.notAfter.toISOString(),
        expired: c.notAfter.getTime() < now,
        expiresSoon: c.notAfter.getTime() < now + 30 * DAY,
        hasImage: Number(raw[i].has_image) === 1,
        active: c.active,
        awaitingPin: Number(raw[i].awaiting) === 1,
        pinFailures: c.pinFailures,
        lockedUntil: c.lockedUntil && c.lockedUntil.getTime() > now ? c.lockedUntil.toISOString() : null,
      };
    });
  }

  /** The owner's name if it lies in the administrator's subtree; otherwise "not found". */
  private async scopedOwnerName(manager: EntityManager, admin: AuthenticatedUser, ownerType: OwnerType, ownerId: number): Promise<string> {
    const scope = `${admin.organisationPath}%`;
    if (ownerType === 'user') {
      const row = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisationId')
        .where('u.id = :ownerId AND o.path LIKE :scope', { ownerId, scope })
        .getOne();
      if (!row) throw new NotFound(OWNER_TEXT);
      return row.fullName;
    }
    const row = await manager
      .getRepository(OrganisationEntity)
      .createQueryBuilder('o')
      .where('o.id = :ownerId AND o.path LIKE :scope', { ownerId, scope })
      .getOne();
    if (!row) throw new NotFound(OWNER_TEXT);
    return row.name;
  }
}

/** Whether each row has an image and waits for a PIN, without loading the blobs. */
function withViewColumns(query: SelectQueryBuilder<SigningCredentialEntity>): SelectQueryBuilder<SigningCredentialEntity> {
  return query.addSelect('c.imagePng IS NOT NULL', 'has_image').addSelect('c.pendingSecret IS NOT NULL', 'awaiting');
}

/** The owner's name: a person's or an organisation's (and the person's organisation, for scoping). */
function withOwnerNames(query: SelectQueryBuilder<SigningCredentialEntity>): SelectQueryBuilder<SigningCredentialEntity> {
  return query
    .leftJoin(UserEntity, 'u', "c.ownerType = 'user' AND u.id = c.ownerId")
    .leftJoin(OrganisationEntity, 'uo', 'uo.id = u.organisationId')
    .leftJoin(OrganisationEntity, 'o', "c.ownerType = 'organisation' AND o.id = c.ownerId")
    .addSelect(['u.fullName', 'o.name']);
}
