import { ChangeDetectionStrategy, Component, computed, inject, input, model, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { ALL_ORGANISATION_KINDS, OrganisationDto, OrganisationKind } from '@vanthu/shared/contracts';
import { foldVietnamese } from '@vanthu/shared/domain';
import { I18n } from '@vanthu/web/i18n';

/** A row of the flattened tree: the organisation and how deep it sits. */
export interface OrgTreeRow {
  organisation: OrganisationDto;
  depth: number;
}

// The province or district first, then its office, its departments, its communes: the order of
// its own lists (nơi nhận).
function kindOrder(kind: OrganisationKind): number {
  return ALL_ORGANISATION_KINDS.indexOf(kind);
}

/** The tree as rows in display order (parents before their children), active organisations only. */
export function flattenOrganisations(organisations: readonly OrganisationDto[]): OrgTreeRow[] {
  const active = organisations.filter((o) => o.active);
  const ids = new Set(active.map((o) => o.id));
  const children = new Map<number | null, OrganisationDto[]>();
  for (const organisation of active) {
    const parent = organisation.parentId !== null && ids.has(organisation.parentId) ? organisation.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), organisation]);
  }
  const rows: OrgTreeRow[] = [];
  const visit = (parent: number | null, depth: number) => {
    const level = [...(children.get(parent) ?? [])].sort(
      (a, b) => kindOrder(a.kind) - kindOrder(b.kind) || a.name.localeCompare(b.name, 'vi'),
    );
    for (const organisation of level) {
      rows.push({ organisation, depth });
      visit(organisation.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/**
 * Chooses organisations from the user's tree (a province's or a district's): search without
 * diacritics ("quang tan" finds "UBND xã Quảng Tân"), tick one or many, or take every commune
 * and ward in one click. In single mode it is a radio list.
 */
@Component({
  selector: 'vt-org-tree-picker',
  imports: [MatButtonModule, MatCheckboxModule, MatFormFieldModule, MatIconModule, MatInputModule, MatRadioModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="picker__bar">
      <mat-form-field class="picker__search" subscriptSizing="dynamic">
        <mat-label>{{ i18n.t('orgPicker.search') }}</mat-label>
        <input matInput type="search" [value]="query()" (input)="query.set($any($event.target).value)" data-testid="org-search" />
        <mat-icon matSuffix svgIcon="search" aria-hidden="true" />
      </mat-form-field>
      @if (multiple() && allCommunesButton() && communeIds().length) {
        <button mat-stroked-button type="button" (click)="selectAllCommunes()" data-testid="all-communes">
          {{ i18n.t('orgPicker.allCommunes') }}
        </button>
      }
      @if (multiple()) {
        <span class="picker__count" aria-live="polite">{{ i18n.t('orgPicker.selected', { count: selected().length }) }}</span>
        @if (selected().length) {
          <button mat-button type="button" (click)="selected.set([])">{{ i18n.t('common.clear') }}</button>
        }
      }
    </div>
    @if (multiple() && chosen().length) {
      <!-- What is chosen stays in view, outside the scrolling tree; each can be taken off here. -->
      <ul class="picker__chosen" data-testid="org-chosen" [attr.aria-label]="i18n.t('orgPicker.chosen')">
        @for (organisation of chosen(); track organisation.id) {
          <li class="picker__chip" [attr.data-chosen]="organisation.code">
            <span>{{ organisation.name }}</span>
            <button type="button" class="picker__remove" (click)="toggle(organisation.id, false)" [attr.aria-label]="i18n.t('orgPicker.remove', { name: organisation.name })">
              <mat-icon svgIcon="close" aria-hidden="true" />
            </button>
          </li>
        }
      </ul>
    }
    <div class="picker__list" role="group" [attr.aria-label]="label() || i18n.t('orgPicker.label')">
      @if (multiple()) {
        @for (row of rows(); track row.organisation.id) {
          <mat-checkbox
            class="picker__row"
            [style.padding-left.px]="row.depth * 20"
            [checked]="isSelected(row.organisation.id)"
            (change)="toggle(row.organisation.id, $event.checked)"
            [attr.data-org]="row.organisation.code"
          >
            {{ row.organisation.name }}
          </mat-checkbox>
        }
      } @else {
        <mat-radio-group [value]="selected()[0]" (change)="selected.set([$event.value])">
          @for (row of rows(); track row.organisation.id) {
            <mat-radio-button
              class="picker__row"
              [style.padding-left.px]="row.depth * 20"
              [value]="row.organisation.id"
              [attr.data-org]="row.organisation.code"
            >
              {{ row.organisation.name }}
            </mat-radio-button>
          }
        </mat-radio-group>
      }
      @if (rows().length === 0 && query()) {
        <p class="picker__none">{{ i18n.t('orgPicker.noMatch', { q: query() }) }}</p>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .picker__bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 8px;
    }
    .picker__search {
      flex: 1 1 240px;
    }
    .picker__count {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .picker__chosen {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0 0 8px;
      padding: 0;
    }
    .picker__chip {
      display: inline-flex;
      align-items: center;
      gap: 2px;
      padding: 2px 2px 2px 10px;
      border-radius: 16px;
      background: var(--mat-sys-secondary-container, #e8def8);
      color: var(--mat-sys-on-secondary-container, #1d192b);
      font: var(--mat-sys-body-medium);
    }
    .picker__remove {
      display: inline-flex;
      border: 0;
      background: none;
      padding: 4px;
      border-radius: 50%;
      cursor: pointer;
      color: inherit;
    }
    .picker__remove mat-icon {
      width: 18px;
      height: 18px;
    }
    .picker__list {
      max-height: 280px;
      overflow: auto;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 8px;
      padding: 4px 8px;
    }
    .picker__row {
      display: block;
    }
    mat-radio-group {
      display: block;
    }
    .picker__none {
      margin: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class OrgTreePicker {
  protected readonly i18n = inject(I18n);

  /** The organisations to choose from (GET /api/organisations); inactive ones are left out. */
  readonly organisations = input.required<readonly OrganisationDto[]>();
  /** The chosen organisation ids. */
  readonly selected = model<number[]>([]);
  /** Whether several can be chosen (checkboxes) or exactly one (radio buttons). */
  readonly multiple = input(true);
  /** Organisations not offered (the sender itself). */
  readonly excludeIds = input<readonly number[]>([]);
  /** Whether the "all communes" button is offered. */
  readonly allCommunesButton = input(true);
  /** Accessible name of the list. */
  readonly label = input('');

  protected readonly query = signal('');

  private readonly allRows = computed(() => {
    const excluded = new Set(this.excludeIds());
    return flattenOrganisations(this.organisations()).filter((row) => !excluded.has(row.organisation.id));
  });

  protected readonly communeIds = computed(() =>
    this.allRows()
      .filter((row) => row.organisation.kind === OrganisationKind.Commune)
      .map((row) => row.organisation.id),
  );

  /** The rows shown: all, or those matching the search with their ancestors kept for context. */
  protected readonly rows = computed(() => {
    const rows = this.allRows();
    const q = foldVietnamese(this.query());
    if (!q) return rows;
    const byId = new Map(rows.map((row) => [row.organisation.id, row.organisation]));
    const keep = new Set<number>();
    for (const { organisation } of rows) {
      const haystack = foldVietnamese(`${organisation.name} ${organisation.abbreviation} ${organisation.code}`);
      if (!haystack.includes(q)) continue;
      let current: OrganisationDto | undefined = organisation;
      while (current && !keep.has(current.id)) {
        keep.add(current.id);
        current = current.parentId !== null ? byId.get(current.parentId) : undefined;
      }
    }
    return rows.filter((row) => keep.has(row.organisation.id));
  });

  /** The chosen organisations, in the tree's order (the order of a document's "Nơi nhận"). */
  protected readonly chosen = computed(() => {
    const ids = new Set(this.selected());
    return flattenOrganisations(this.organisations())
      .map((row) => row.organisation)
      .filter((organisation) => ids.has(organisation.id));
  });

  protected isSelected(id: number): boolean {
    return this.selected().includes(id);
  }

  protected toggle(id: number, checked: boolean): void {
    const current = this.selected().filter((selectedId) => selectedId !== id);
    this.selected.set(checked ? [...current, id] : current);
  }

  /** Adds every active commune to the selection, keeping what was chosen before. */
  selectAllCommunes(): void {
    this.selected.set([...new Set([...this.selected(), ...this.communeIds()])]);
  }
}
