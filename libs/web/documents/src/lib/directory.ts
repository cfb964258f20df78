import { inject, Injectable } from '@angular/core';
import { isUnitKind, OrganisationDto, Role, UserDto } from '@vanthu/shared/contracts';
import { OrganisationsApi } from '@vanthu/web/core';
import { firstValueFrom } from 'rxjs';

/** The organisation tree and members, loaded once per page visit and shared by its dialogs. */
@Injectable({ providedIn: 'root' })
export class Directory {
  private readonly api = inject(OrganisationsApi);
  private organisationsPromise: Promise<OrganisationDto[]> | null = null;
  private readonly members = new Map<number, Promise<UserDto[]>>();

  organisations(): Promise<OrganisationDto[]> {
    this.organisationsPromise ??= firstValueFrom(this.api.list()).catch((error) => {
      this.organisationsPromise = null;
      throw error;
    });
    return this.organisationsPromise;
  }

  membersOf(organisationId: number): Promise<UserDto[]> {
    let members = this.members.get(organisationId);
    if (!members) {
      members = firstValueFrom(this.api.members(organisationId)).then((users) => users.filter((u) => u.active));
      members.catch(() => this.members.delete(organisationId));
      this.members.set(organisationId, members);
    }
    return members;
  }

  async leadersOf(organisationIds: readonly number[]): Promise<UserDto[]> {
    const lists = await Promise.all([...new Set(organisationIds)].map((id) => this.membersOf(id).catch(() => [])));
    return lists.flat().filter((u) => u.roles.includes(Role.Leader));
  }

  /** The organisation's own units (office, sở or phòng) directly under it; not its communes, each a People's Committee of its own. */
  async unitsOf(organisationId: number): Promise<OrganisationDto[]> {
    return (await this.organisations()).filter((o) => o.parentId === organisationId && o.active && isUnitKind(o.kind));
  }
}
