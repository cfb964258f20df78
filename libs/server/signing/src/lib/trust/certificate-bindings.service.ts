import { X509Certificate } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { certificateAllowsSigning } from '@vanthu/pdf-signing';
import { AuthenticatedUser, DomainError, NotFound } from '@vanthu/server/core';
import { CertificateBindingEntity, OrganisationEntity, UserEntity } from '@vanthu/server/data-access';
import { CertificateBindingView, ErrorCode } from '@vanthu/shared/contracts';
import { EntityManager } from 'typeorm';

import { fingerprintOf, readCertificate } from '../trust.service';

export type BindingOwner = { ownerType: 'user' | 'organisation'; ownerId: number };

const BINDING_TEXT = { vi: 'Đăng ký chứng thư số', en: 'The certificate registration' };
const OWNER_TEXT = { vi: 'Người dùng hoặc đơn vị', en: 'The user or organisation' };

/** The certificate is registered to someone else: it cannot be registered again. */
export class CertificateBoundElsewhere extends DomainError {
  constructor() {
    super(409, ErrorCode.CertificateBoundElsewhere, {
      vi: 'Chứng thư số này đã được đăng ký cho người hoặc đơn vị khác. Hãy liên hệ quản trị.',
      en: 'This certificate is already registered to another person or organisation. Contact the administrator.',
    });
  }
}

/** A certificate that cannot sign (a CA's, or one without digitalSignature/nonRepudiation) is not registered. */
export class NotASigningCertificate extends DomainError {
  constructor() {
    super(422, ErrorCode.InvalidTrustCertificate, {
      vi: 'Chứng thư số này không dùng để ký số (là chứng thư của tổ chức chứng thực): không thể đăng ký.',
      en: 'This certificate is not a signing certificate (it is a certification authority’s): it cannot be registered.',
    });
  }
}

/** The person registers a certificate already registered to them: its registration stands as it is. */
export class CertificateAlreadyRegistered extends DomainError {
  constructor(status: CertificateBindingView['status']) {
    const text = {
      pending: { vi: 'Bạn đã đăng ký chứng thư số này; đăng ký đang chờ quản trị phê duyệt.', en: 'You have already registered this certificate; the registration is waiting for the administrator’s approval.' },
      approved: { vi: 'Chứng thư số này đã được đăng ký và phê duyệt cho bạn.', en: 'This certificate is already registered to you and approved.' },
      disabled: {
        vi: 'Chứng thư số này đã được đăng ký cho bạn nhưng đã bị quản trị vô hiệu hóa. Hãy liên hệ quản trị nếu cần dùng lại.',
        en: 'This certificate is registered to you but the administrator has disabled it. Contact the administrator to use it again.',
      },
    }[status];
    super(409, ErrorCode.CertificateAlreadyRegistered, text);
  }
}

/** A leader's certificate outside its validity, or whose key usage cannot sign documents: not registered. */
export class CertificateCannotSign extends DomainError {
  constructor(reason: 'expired' | 'not-yet-valid' | 'usage', certificate: X509Certificate) {
    const day = (text: string) => new Date(text).toISOString().slice(0, 10);
    const { code, text } = {
      expired: {
        code: ErrorCode.CertificateExpired,
        text: { vi: `Chứng thư số đã hết hạn ngày ${day(certificate.validTo)}: không thể đăng ký để ký số.`, en: `The certificate expired on ${day(certificate.validTo)}: it cannot be registered for signing.` },
      },
      'not-yet-valid': {
        code: ErrorCode.CertificateNotYetValid,
        text: { vi: `Chứng thư số chỉ có hiệu lực từ ngày ${day(certificate.validFrom)}: hãy đăng ký khi đã có hiệu lực.`, en: `The certificate is valid only from ${day(certificate.validFrom)}: register it once it is valid.` },
      },
      usage: {
        code: ErrorCode.CertificateUsage,
        text: {
          vi: 'Chứng thư số này không được cấp cho mục đích ký số (thiếu digitalSignature/nonRepudiation): không thể đăng ký.',
          en: 'This certificate is not issued for digital signatures (no digitalSignature/nonRepudiation key usage): it cannot be registered.',
        },
      },
    }[reason];
    super(422, code, text);
  }
}

/**
 * Which certificate signs for whom: a certificate is bound by its SHA-256 fingerprint to one
 * person or organisation. A leader registers their own token's certificate (pending); an
 * administrator approves it, binds one directly, or disables a binding. Keys the server holds are
 * bound when stored (an administrator gave them).
 */
/** The certificate read from PEM text or DER bytes, refused unless it could sign today: a CA's,
 * expired, not yet valid, or without the digital-signature key usage. */
function signingCertificateOf(certificateInput: string | Buffer, now: Date): X509Certificate {
  const certificate = readCertificate(certificateInput);
  if (certificate.ca) throw new NotASigningCertificate();
  if (new Date(certificate.validTo) < now) throw new CertificateCannotSign('expired', certificate);
  if (new Date(certificate.validFrom) > now) throw new CertificateCannotSign('not-yet-valid', certificate);
  if (!certificateAllowsSigning(certificate)) throw new CertificateCannotSign('usage', certificate);
  return certificate;
}

@Injectable()
export class CertificateBindings {
  /** The binding of a certificate, whatever its status; null when never registered. */
  async find(manager: EntityManager, certificate: X509Certificate | string): Promise<CertificateBindingEntity | null> {
    return manager.findOneBy(CertificateBindingEntity, { fingerprint: fingerprintOf(certificate) });
  }

  /** Binds a certificate, approved, to its owner: an administrator's direct binding, or a server-held key's own certificate. */
  async bindApproved(manager: EntityManager, certificate: X509Certificate, owner: BindingOwner, actorId: number | null): Promise<CertificateBindingEntity> {
    return this.put(manager, certificate, owner, 'approved', actorId);
  }

  /**
   * A leader registers their own certificate (PEM text or DER bytes): pending until an
   * administrator approves. Refused when it could not sign today (a CA's, expired, not yet valid,
   * without signing key usage), when it is someone else's, or when it is already theirs (an
   * administrator's decision on it stands).
   */
  async register(manager: EntityManager, user: AuthenticatedUser, certificateInput: string | Buffer, now = new Date()): Promise<CertificateBindingView> {
    const certificate = signingCertificateOf(certificateInput, now);
    const existing = await this.find(manager, certificate);
    if (existing && existing.ownerType === 'user' && Number(existing.ownerId) === user.id) throw new CertificateAlreadyRegistered(existing.status);
    const binding = await this.put(manager, certificate, { ownerType: 'user', ownerId: user.id }, 'pending', user.id);
    return this.viewOf(manager, binding.id);
  }

  /** An administrator binds a certificate, approved at once, under the same refusals as a leader's own registration. */
  async adminBind(manager: EntityManager, admin: AuthenticatedUser, certificateInput: string | Buffer, owner: BindingOwner, now = new Date()): Promise<CertificateBindingView> {
    await this.scopedOwnerName(manager, admin, owner);
    const certificate = signingCertificateOf(certificateInput, now);
    const binding = await this.put(manager, certificate, owner, 'approved', admin.id);
    return this.viewOf(manager, binding.id);
  }

  async decide(manager: EntityManager, admin: AuthenticatedUser, id: number, status: 'approved' | 'disabled'): Promise<CertificateBindingView> {
    const binding = await manager.findOneBy(CertificateBindingEntity, { id });
    if (!binding) throw new NotFound(BINDING_TEXT);
    await this.scopedOwnerName(manager, admin, binding).catch(() => {
      throw new NotFound(BINDING_TEXT);
    });
    await manager.update(CertificateBindingEntity, { id }, { status, decidedBy: admin.id, decidedAt: new Date() });
    return this.viewOf(manager, id);
  }

  /** The bindings of people and organisations in the administrator's subtree (pending first). */
  async list(manager: EntityManager, admin: AuthenticatedUser, status?: string): Promise<CertificateBindingView[]> {
    const query = this.viewQuery(manager).where('(uo.path LIKE :scope OR o.path LIKE :scope)', { scope: `${admin.organisationPath}%` });
    if (status) query.andWhere('b.status = :status', { status });
    return this.views(await query.orderBy("b.status = 'pending'", 'DESC').addOrderBy('b.id', 'DESC').limit(500).getRawAndEntities());
  }

  /** A leader's own registrations. */
  async mine(manager: EntityManager, user: AuthenticatedUser): Promise<CertificateBindingView[]> {
    const query = this.viewQuery(manager).where("b.ownerType = 'user' AND b.ownerId = :me", { me: user.id }).orderBy('b.id', 'DESC');
    return this.views(await query.getRawAndEntities());
  }

  async viewOf(manager: EntityManager, id: number): Promise<CertificateBindingView> {
    const [view] = this.views(await this.viewQuery(manager).where('b.id = :id', { id }).getRawAndEntities());
    if (!view) throw new NotFound(BINDING_TEXT);
    return view;
  }

  private async put(
    manager: EntityManager,
    certificate: X509Certificate,
    owner: BindingOwner,
    status: 'pending' | 'approved',
    actorId: number | null,
  ): Promise<CertificateBindingEntity> {
    if (certificate.ca) throw new NotASigningCertificate();
    const fingerprint = fingerprintOf(certificate);
    const existing = await manager.createQueryBuilder(CertificateBindingEntity, 'b').setLock('pessimistic_write').where('b.fingerprint = :fingerprint', { fingerprint }).getOne();
    if (existing) {
      if (existing.ownerType !== owner.ownerType || Number(existing.ownerId) !== owner.ownerId) {
        // An administrator may move a disabled binding to its right owner; nobody takes a live one.
        if (!(status === 'approved' && actorId !== null && existing.status === 'disabled')) throw new CertificateBoundElsewhere();
      }
      // A leader's registration never undoes an administrator's decision (approved stays, disabled stays until re-approved).
      if (status === 'pending') return existing;
      await manager.update(CertificateBindingEntity, { id: existing.id }, {
        ownerType: owner.ownerType,
        ownerId: owner.ownerId,
        status,
        decidedBy: status === 'approved' ? actorId : null,
        decidedAt: status === 'approved' ? new Date() : null,
      });
      return manager.findOneByOrFail(CertificateBindingEntity, { id: existing.id });
    }
    const inserted = await manager.insert(CertificateBindingEntity, {
      fingerprint,
      certificatePem: certificate.toString(),
      subject: certificate.subject.slice(0, 1024),
      issuer: certificate.issuer.slice(0, 1024),
      serialNumber: certificate.serialNumber,
      notAfter: new Date(certificate.validTo),
      ownerType: owner.ownerType,
      ownerId: owner.ownerId,
      status,
      requestedBy: actorId,
      decidedBy: status === 'approved' ? actorId : null,
      decidedAt: status === 'approved' ? new Date() : null,
    });
    return manager.findOneByOrFail(CertificateBindingEntity, { id: Number(inserted.identifiers[0].id) });
  }

  private viewQuery(manager: EntityManager) {
    return manager
      .getRepository(CertificateBindingEntity)
      .createQueryBuilder('b')
      .leftJoin(UserEntity, 'u', "b.ownerType = 'user' AND u.id = b.ownerId")
      .leftJoin(OrganisationEntity, 'uo', 'uo.id = u.organisationId')
      .leftJoin(OrganisationEntity, 'o', "b.ownerType = 'organisation' AND o.id = b.ownerId")
      .leftJoin(UserEntity, 'rq', 'rq.id = b.requestedBy')
      .leftJoin(UserEntity, 'dc', 'dc.id = b.decidedBy')
      .addSelect(['u.fullName', 'o.name', 'rq.fullName', 'dc.fullName']);
  }

  private views({ entities, raw }: { entities: CertificateBindingEntity[]; raw: Record<string, string | null>[] }): CertificateBindingView[] {
    return entities.map((b, i) => ({
      id: b.id,
      fingerprint: b.fingerprint,
      subject: oneLine(b.subject),
      issuer: oneLine(b.issuer),
      serialNumber: b.serialNumber,
      notAfter: b.notAfter.toISOString(),
      ownerType: b.ownerType,
      ownerId: Number(b.ownerId),
      ownerName: raw[i].u_full_name ?? raw[i].o_name ?? '',
      status: b.status,
      requestedBy: raw[i].rq_full_name ?? null,
      requestedAt: b.requestedAt.toISOString(),
      decidedBy: raw[i].dc_full_name ?? null,
      decidedAt: b.decidedAt?.toISOString() ?? null,
    }));
  }

  /** The owner's name if it lies in the administrator's subtree; otherwise "not found". */
  private async scopedOwnerName(manager: EntityManager, admin: AuthenticatedUser, owner: BindingOwner): Promise<string> {
    const scope = `${admin.organisationPath}%`;
    if (owner.ownerType === 'user') {
      const row = await manager
        .getRepository(UserEntity)
        .createQueryBuilder('u')
        .innerJoin(OrganisationEntity, 'o', 'o.id = u.organisationId')
        .where('u.id = :id AND o.path LIKE :scope', { id: owner.ownerId, scope })
        .getOne();
      if (!row) throw new NotFound(OWNER_TEXT);
      return row.fullName;
    }
    const row = await manager.getRepository(OrganisationEntity).createQueryBuilder('o').where('o.id = :id AND o.path LIKE :scope', { id: owner.ownerId, scope }).getOne();
    if (!row) throw new NotFound(OWNER_TEXT);
    return row.name;
  }
}

/** `CN=…\nO=…` as one line, the common name first. */
function oneLine(distinguishedName: string): string {
  const parts = distinguishedName.split('\n').map((line) => ({ key: line.slice(0, line.indexOf('=')), value: line.slice(line.indexOf('=') + 1) }));
  const order = ['CN', 'title', 'OU', 'O', 'L', 'ST', 'C'];
  return parts
    .filter((p) => order.includes(p.key))
    .sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key))
    .map((p) => p.value)
    .join(', ');
}
