import { DocumentEntity, OrganisationEntity } from '@vanthu/server/data-access';
import { DocumentType } from '@vanthu/shared/contracts';
import { buildSymbol } from '@vanthu/shared/domain';
import { EntityManager } from 'typeorm';

/**
 * The symbol a document will carry after its number: `KH-UBND`; a Công văn carries the drafting
 * unit (`UBND-VP`), or the issuer alone when it has no separate drafting unit (a commune's own: `UBND`).
 */
export async function symbolOf(manager: EntityManager, d: Pick<DocumentEntity, 'type' | 'organisationId' | 'draftingUnitId'>): Promise<string> {
  const issuer = await manager.findOneByOrFail(OrganisationEntity, { id: d.organisationId });
  const unit = d.draftingUnitId && d.draftingUnitId !== issuer.id ? await manager.findOneBy(OrganisationEntity, { id: d.draftingUnitId }) : null;
  if (d.type === DocumentType.OfficialLetter && !unit) return issuer.abbreviation;
  return buildSymbol({ documentType: d.type, issuer: issuer.abbreviation, draftingUnit: unit?.abbreviation });
}
