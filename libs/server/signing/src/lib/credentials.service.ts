import { X509Certificate } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { AuthenticatedUser, DomainError, NotFound } from '@vanthu/server/core';
import { OrganisationEntity, SigningCredentialEntity, UserEntity } from '@vanthu/server/data-access';
import { DevKeyType, DevPki } from '@vanthu/dev-pki';
import { openPkcs12, Signer } from '@vanthu/pdf-signing';
import { CredentialView, ErrorCode, Permission } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { DevAuthorityService } from './dev-authority.service';
import { NoDevAuthority, NoSigningCredential, translatePdfErrors } from './signing-errors';

const CREDENTIAL_TEXT = { vi: 'Chứng thư số', en: 'The certificate' };
const OWNER_TEXT = { vi: 'Người dùng hoặc đơn vị', en: 'The user or organisation' };
const DAY = 86_400_000;

export type OwnerType = 'user' | 'organisation';

/** A credential with its key material loaded (the columns are not selected by default). */
export type LoadedCredential = SigningCredentialEntity & { pkcs12: Buffer; imagePng: Buffer | null };

export class PinTooShort extends DomainError {
  constructor() {
    super(400, ErrorCode.PinPolicy, { vi: 'Mã PIN phải có ít nhất 6 ký tự.', en: 'The PIN needs at least 6 characters.' });
  }
}

export class NotAPngImage extends DomainError {
  constructor() {
    super(415, ErrorCode.NotAPng, {
      vi: 'Ảnh chữ ký/con dấu phải là tệp PNG (nền trong suốt).',
      en: 'The signature or seal image must be a PNG file (transparent background).',
    });
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

function isPng(bytes: Buffer): boolean {
  return bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
}

/**
 * Signing keys held by the server: one active PKCS#12 per person (their personal signature) and
 * per organisation (its seal), each usable only with its PIN, which the server never stores.
 */
@Injectable()
export class CredentialsService {
  constructor(private readonly authority: DevAuthorityService) {}

  async findActive(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<LoadedCredential | null> {
    const credential = await manager
      .getRepository(SigningCredentialEntity)
      .createQueryBuilder('c')
      .addSelect(['c.pkcs12', 'c.imagePng'])
      .where('c.ownerType = :ownerType AND c.ownerId = :ownerId AND c.active = 1', { ownerType, ownerId })
      .orderBy('c.id', 'DESC')
      .getOne();
    return (credential as LoadedCredential | null) ?? null;
  }

  async requireActive(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<LoadedCredential> {
    const credential = await this.findActive(manager, ownerType, ownerId);
    if (!credential) throw new NoSigningCredential(ownerType);
    return credential;
  }

  /** Opens the key with the owner's PIN; a wrong PIN, an expired or wrong-usage certificate is a clear 4xx. */
  openSigner(credential: LoadedCredential, pin: string, at = new Date()): Promise<Signer> {
    return translatePdfErrors(() => openPkcs12(credential.pkcs12, pin, { at }));
  }

  /** Administrators see the credentials of people and organisations in their subtree; others only their own. */
  async list(manager: EntityManager, user: AuthenticatedUser): Promise<CredentialView[]> {
    const query = manager
      .getRepository(SigningCredentialEntity)
      .createQueryBuilder('c')
      .addSelect('c.imagePng IS NOT NULL', 'has_image')
      .leftJoin(UserEntity, 'u', "c.ownerType = 'user' AND u.id = c.ownerId")
      .leftJoin(OrganisationEntity, 'uo', 'uo.id = u.organisationId')
      .leftJoin(OrganisationEntity, 'o', "c.ownerType = 'organisation' AND o.id = c.ownerId")
      .addSelect(['u.fullName', 'o.name'])
      .orderBy('c.id', 'DESC');
    if (user.permissions.includes(Permission.ManageUsers)) {
      query.where('(uo.path LIKE :scope OR o.path LIKE :scope)', { scope: `${user.organisationPath}%` });
    } else {
      query.where("c.ownerType = 'user' AND c.ownerId = :me", { me: user.id });
    }
    const { entities, raw } = await query.getRawAndEntities();
    return entities.map((c, i) => this.toView(c, raw[i].u_full_name ?? raw[i].o_name ?? '', Number(raw[i].has_image) === 1));
  }

  /** Stores an uploaded PKCS#12 (checked by opening it with its PIN) as the owner's active credential. */
  async upload(
    manager: EntityManager,
    admin: AuthenticatedUser,
    owner: { ownerType: OwnerType; ownerId: number },
    p12: Buffer,
    pin: string,
    image: Buffer | null,
  ): Promise<CredentialView> {
    if (image && !isPng(image)) throw new NotAPngImage();
    const ownerName = await this.scopedOwnerName(manager, admin, owner.ownerType, owner.ownerId);
    const signer = await translatePdfErrors(() => openPkcs12(p12, pin));
    return this.store(manager, owner, p12, signer.certificateChain[0], image, ownerName);
  }

  /** Issues a new key and certificate from the installation's development CA (demo and test installations). */
  async issue(
    manager: EntityManager,
    admin: AuthenticatedUser | null,
    owner: { ownerType: OwnerType; ownerId: number },
    pin: string,
    image: Buffer | null,
    keyType: DevKeyType = 'rsa',
  ): Promise<CredentialView> {
    if (pin.length < 6) throw new PinTooShort();
    const ownerName = admin
      ? await this.scopedOwnerName(manager, admin, owner.ownerType, owner.ownerId)
      : await this.ownerName(manager, owner.ownerType, owner.ownerId);
    const pki = await this.authority.load(manager);
    if (!pki) throw new NoDevAuthority();
    const issued =
      owner.ownerType === 'user'
        ? await this.issuePersonal(manager, pki, owner.ownerId, pin, keyType)
        : await this.issueOrganisation(manager, pki, owner.ownerId, pin, keyType);
    return this.store(manager, owner, issued.p12, issued.certificate, image, ownerName);
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
    const image = await manager
      .getRepository(SigningCredentialEntity)
      .createQueryBuilder('c')
      .select('c.imagePng IS NOT NULL', 'has')
      .where('c.id = :id', { id })
      .getRawOne<{ has: number }>();
    return this.toView({ ...credential, active }, ownerName, Number(image?.has) === 1);
  }

  // The certificate's subject is what verifiers show: name, position and organisation, in Vietnamese.
  private async issuePersonal(manager: EntityManager, pki: DevPki, userId: number, pin: string, keyType: DevKeyType) {
    const user = await manager.findOneOrFail(UserEntity, { where: { id: userId } });
    const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: user.organisationId } });
    return pki.issuePersonal({
      fullName: user.fullName,
      title: user.position,
      organisation: organisation.name,
      locality: organisation.placeName ?? undefined,
      email: user.email ?? undefined,
      pin,
      keyType,
    });
  }

  private async issueOrganisation(manager: EntityManager, pki: DevPki, organisationId: number, pin: string, keyType: DevKeyType) {
    const organisation = await manager.findOneOrFail(OrganisationEntity, { where: { id: organisationId } });
    return pki.issueOrganisation({ name: organisation.name, locality: organisation.placeName ?? undefined, pin, keyType });
  }

  private async store(
    manager: EntityManager,
    owner: { ownerType: OwnerType; ownerId: number },
    p12: Buffer,
    certificate: X509Certificate,
    image: Buffer | null,
    ownerName: string,
  ): Promise<CredentialView> {
    // The previous key keeps its record (documents it signed stay explainable) but no longer signs.
    const previous = await this.findActive(manager, owner.ownerType, owner.ownerId);
    await manager.update(SigningCredentialEntity, { ownerType: owner.ownerType, ownerId: owner.ownerId }, { active: false });
    const keptImage = image ?? previous?.imagePng ?? null;
    const inserted = await manager.insert(SigningCredentialEntity, {
      ownerType: owner.ownerType,
      ownerId: owner.ownerId,
      pkcs12: p12,
      certificatePem: certificate.toString(),
      subject: certificate.subject.slice(0, 1024),
      serialNumber: certificate.serialNumber,
      notBefore: new Date(certificate.validFrom),
      notAfter: new Date(certificate.validTo),
      imagePng: keptImage,
      active: true,
    });
    const stored = await manager.findOneOrFail(SigningCredentialEntity, { where: { id: Number(inserted.identifiers[0].id) } });
    return this.toView(stored, ownerName, keptImage !== null);
  }

  private toView(c: SigningCredentialEntity, ownerName: string, hasImage: boolean): CredentialView {
    const certificate = new X509Certificate(c.certificatePem);
    const now = Date.now();
    return {
      id: c.id,
      ownerType: c.ownerType,
      ownerId: c.ownerId,
      ownerName,
      subject: readableName(c.subject),
      issuer: readableName(certificate.issuer),
      serialNumber: c.serialNumber,
      notBefore: c.notBefore.toISOString(),
      notAfter: c.notAfter.toISOString(),
      expired: c.notAfter.getTime() < now,
      expiresSoon: c.notAfter.getTime() < now + 30 * DAY,
      hasImage,
      active: c.active,
    };
  }

  private async ownerName(manager: EntityManager, ownerType: OwnerType, ownerId: number): Promise<string> {
    if (ownerType === 'user') return (await manager.findOneOrFail(UserEntity, { where: { id: ownerId } })).fullName;
    return (await manager.findOneOrFail(OrganisationEntity, { where: { id: ownerId } })).name;
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
