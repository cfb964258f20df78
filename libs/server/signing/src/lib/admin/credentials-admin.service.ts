import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, FileMissing, UploadedFile } from '@vanthu/server/core';
import { AuditService, inTransaction } from '@vanthu/server/data-access';
import { CredentialView } from '@vanthu/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { CredentialsService, OwnerType } from '../credentials.service';

export interface CredentialOwner {
  ownerType: OwnerType;
  ownerId: number;
}

/** The administrator's certificate work, each change audited in its transaction. */
@Injectable()
export class CredentialsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
  ) {}

  list(user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.list(this.dataSource.manager, user);
  }

  upload(admin: AuthenticatedUser, owner: CredentialOwner, pin: string, p12: UploadedFile | undefined, image: UploadedFile | undefined, ip: string): Promise<CredentialView> {
    if (!p12?.buffer?.length) throw new FileMissing();
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.upload(manager, admin, owner, p12.buffer, pin, image?.buffer ?? null);
      await this.record(manager, admin, view, 'credential.uploaded', ip);
      return view;
    });
  }

  issue(admin: AuthenticatedUser, owner: CredentialOwner, pin: string, ip: string): Promise<CredentialView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.issue(manager, admin, owner, pin, null);
      await this.record(manager, admin, view, 'credential.issued', ip);
      return view;
    });
  }

  setActive(admin: AuthenticatedUser, id: number, active: boolean, ip: string): Promise<CredentialView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.setActive(manager, admin, id, active);
      await this.record(manager, admin, view, active ? 'credential.activated' : 'credential.deactivated', ip);
      return view;
    });
  }

  private record(manager: EntityManager, user: AuthenticatedUser, view: CredentialView, action: string, ip: string): Promise<void> {
    return this.audit.record(manager, {
      userId: user.id,
      organisationId: user.organisationId,
      action,
      entityType: 'credential',
      entityId: view.id,
      ip,
      details: { owner: view.ownerName, serial: view.serialNumber, subject: view.subject },
    });
  }
}
