import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuthenticatedUser } from '@vanthu/server/core';
import { OrganisationEntity } from '@vanthu/server/data-access';
import { DocumentNotFound, DocumentStore } from '@vanthu/server/documents';
import { DocumentDirection } from '@vanthu/shared/contracts';
import { DataSource } from 'typeorm';

import { renderHandlingSlip } from './handling-slip';

const HANDLING_ACTIONS = ['document.progress', 'document.completed'];

/** Phiếu giải quyết văn bản đến, for whoever may see the incoming document (the one access rule). */
@Injectable()
export class HandlingSlipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly store: DocumentStore,
  ) {}

  async slip(user: AuthenticatedUser, id: string): Promise<{ pdf: Buffer; fileName: string }> {
    const detail = await this.store.detail(this.dataSource.manager, user, id);
    if (detail.direction !== DocumentDirection.Incoming) throw new DocumentNotFound();
    const organisation = await this.dataSource.getRepository(OrganisationEntity).findOneByOrFail({ id: detail.organisation.id });
    const parent = organisation.parentId ? await this.dataSource.getRepository(OrganisationEntity).findOneBy({ id: organisation.parentId }) : null;
    const pdf = await renderHandlingSlip(detail, {
      parentName: parent?.name ?? null,
      organisationName: organisation.name,
      handlingNotes: detail.history
        .filter((h) => HANDLING_ACTIONS.includes(h.action) && h.comment)
        .map((h) => ({ at: h.at, by: h.actor?.fullName ?? '', text: h.comment ?? '' })),
    });
    return { pdf, fileName: `phieu-giai-quyet-${detail.arrivalNumber ?? detail.id}.pdf` };
  }
}
