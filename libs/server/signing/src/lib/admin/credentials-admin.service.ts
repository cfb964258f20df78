import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser, FileMissing, UploadedFile } from '@vanthu/server/core';
import { AuditService, inTransaction, OutboxEventType, OutboxService } from '@vanthu/server/data-access';
import { CredentialView, SetPinRequest } from '@vanthu/shared/contracts';
import { DataSource, EntityManager } from 'typeorm';

import { CredentialsService, OwnerType } from '../credentials.service';
import { keyHolders } from '../keys/credential-pins.service';

export interface CredentialOwner {
  ownerType: OwnerType;
  ownerId: number;
}

type AdminChange = 'issued' | 'uploaded' | 'activated' | 'deactivated' | 'unlocked';

/**
 * The administrator's certificate work, each change audited in its transaction and told to the
 * key's owner (the leader, or the clerks who keep the seal): an administrator who replaces a
 * leader's key cannot do it unseen. The owner's own PIN work is here too.
 */
@Injectable()
export class CredentialsAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly credentials: CredentialsService,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
  ) {}

  list(user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.list(this.dataSource.manager, user);
  }

  mine(user: AuthenticatedUser): Promise<CredentialView[]> {
    return this.credentials.mine(this.dataSource.manager, user);
  }

  upload(admin: AuthenticatedUser, owner: CredentialOwner, password: string, p12: UploadedFile | undefined, image: UploadedFile | undefined, ip: string): Promise<CredentialView> {
    if (!p12?.buffer?.length) throw new FileMissing();
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.upload(manager, admin, owner, p12.buffer, password, image?.buffer ?? null);
      await this.record(manager, admin, view, 'uploaded', ip);
      return view;
    });
  }

  issue(admin: AuthenticatedUser, owner: CredentialOwner, ip: string): Promise<CredentialView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.issue(manager, admin, owner);
      await this.record(manager, admin, view, 'issued', ip);
      return view;
    });
  }

  setActive(admin: AuthenticatedUser, id: number, active: boolean, ip: string): Promise<CredentialView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.setActive(manager, admin, id, active);
      await this.record(manager, admin, view, active ? 'activated' : 'deactivated', ip);
      return view;
    });
  }

  unlock(admin: AuthenticatedUser, id: number, ip: string): Promise<CredentialView> {
    return inTransaction(this.dataSource, async (manager) => {
      const view = await this.credentials.unlock(manager, admin, id);
      await this.record(manager, admin, view, 'unlocked', ip);
      return view;
    });
  }

  setPin(user: AuthenticatedUser, id: number, request: SetPinRequest, ip: string): Promise<CredentialView> {
    return this.credentials.setPin(user, id, request, ip);
  }

  private async record(manager: EntityManager, admin: AuthenticatedUser, view: CredentialView, change: AdminChange, ip: string): Promise<void> {
    await this.audit.record(manager, {
      userId: admin.id,
      organisationId: admin.organisationId,
      action: `credential.${change}`,
      entityType: 'credential',
      entityId: view.id,
      ip,
      details: { owner: view.ownerName, ownerType: view.ownerType, ownerId: view.ownerId, serial: view.serialNumber, subject: view.subject },
    });
    await this.outbox.emit(manager, {
      type: OutboxEventType.CredentialChanged,
      payload: {
        ...keyHolders(view.ownerType, view.ownerId),
        actorId: admin.id,
        subject: view.subject,
        credentialId: view.id,
        ownerType: view.ownerType,
        change,
        awaitingPin: view.awaitingPin,
      },
    });
  }
}
