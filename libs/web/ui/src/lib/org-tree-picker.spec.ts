import { Component, provideZonelessChangeDetection, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { OrganisationDto, OrganisationKind } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY } from '@vanthu/web/i18n';
import { provideVanthuIcons } from './icons';
import { OrgTreePicker } from './org-tree-picker';

function org(id: number, parentId: number | null, name: string, kind: OrganisationKind, active = true): OrganisationDto {
  return { id, parentId, code: `o${id}`, name, kind, abbreviation: 'UBND', identifierCode: null, placeName: null, active };
}

const TREE: OrganisationDto[] = [
  org(1, null, 'UBND huyện Tuy Đức', OrganisationKind.District),
  org(10, 1, 'UBND xã Quảng Tân', OrganisationKind.Commune),
  org(11, 1, 'UBND xã Đắk Buk So', OrganisationKind.Commune),
  org(12, 1, 'UBND xã Quảng Trực', OrganisationKind.Commune),
  org(2, 1, 'Phòng Nội vụ', OrganisationKind.Department),
  org(3, 1, 'Văn phòng HĐND và UBND huyện', OrganisationKind.Office),
  org(13, 1, 'UBND xã Cũ', OrganisationKind.Commune, false),
];

// Since 2025: a province directly above its departments (sở), communes and wards.
const PROVINCE: OrganisationDto[] = [
  org(100, null, 'UBND tỉnh Lâm Đồng', OrganisationKind.Province),
  org(104, 100, 'UBND xã Quảng Tân', OrganisationKind.Commune),
  org(105, 100, 'UBND phường Bắc Gia Nghĩa', OrganisationKind.Commune),
  org(102, 100, 'Sở Tư pháp', OrganisationKind.Department),
  org(101, 100, 'Sở Nội vụ', OrganisationKind.Department),
  org(103, 100, 'Văn phòng UBND tỉnh', OrganisationKind.Office),
];

@Component({
  imports: [OrgTreePicker],
  template: `<vt-org-tree-picker [organisations]="orgs()" [(selected)]="selected" [multiple]="multiple()" [excludeIds]="exclude()" />`,
})
class Host {
  readonly orgs = signal<OrganisationDto[]>(TREE);
  readonly selected = signal<number[]>([]);
  readonly multiple = signal(true);
  readonly exclude = signal<number[]>([]);
}

describe('OrgTreePicker', () => {
  let fixture: ComponentFixture<Host>;
  let host: HTMLElement;

  const rowNames = () => Array.from(host.querySelectorAll('.picker__row')).map((row) => row.textContent?.trim());

  async function search(text: string): Promise<void> {
    const input = host.querySelector<HTMLInputElement>('[data-testid=org-search]')!;
    input.value = text;
    input.dispatchEvent(new Event('input'));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection(), provideVanthuIcons()] });
    fixture = TestBed.createComponent(Host);
    host = fixture.nativeElement;
    await fixture.whenStable();
  });

  it('shows the district first, then office, departments and communes, leaving out inactive ones', () => {
    expect(rowNames()).toEqual([
      'UBND huyện Tuy Đức',
      'Văn phòng HĐND và UBND huyện',
      'Phòng Nội vụ',
      'UBND xã Đắk Buk So',
      'UBND xã Quảng Tân',
      'UBND xã Quảng Trực',
    ]);
  });

  it('shows a province tree the same way: the province, its office, its sở, then its communes and wards, all taken in one click', async () => {
    fixture.componentInstance.orgs.set(PROVINCE);
    await fixture.whenStable();
    expect(rowNames()).toEqual(['UBND tỉnh Lâm Đồng', 'Văn phòng UBND tỉnh', 'Sở Nội vụ', 'Sở Tư pháp', 'UBND phường Bắc Gia Nghĩa', 'UBND xã Quảng Tân']);
    const allCommunes = host.querySelector<HTMLButtonElement>('[data-testid=all-communes]')!;
    expect(allCommunes.textContent?.trim()).toBe('Chọn tất cả xã, phường, thị trấn');
    allCommunes.click();
    await fixture.whenStable();
    expect([...fixture.componentInstance.selected()].sort((a, b) => a - b)).toEqual([104, 105]);
  });

  it('finds "UBND xã Quảng Tân" when the user types "quang tan" without diacritics, keeping its parent', async () => {
    await search('quang tan');
    expect(rowNames()).toEqual(['UBND huyện Tuy Đức', 'UBND xã Quảng Tân']);
    await search('dak');
    expect(rowNames()).toContain('UBND xã Đắk Buk So');
    await search('không có');
    expect(host.textContent).toContain('Không có đơn vị nào khớp với «không có».');
  });

  it('selects every active commune in one click and keeps what was chosen before', async () => {
    fixture.componentInstance.selected.set([2]);
    await fixture.whenStable();
    host.querySelector<HTMLButtonElement>('[data-testid=all-communes]')!.click();
    await fixture.whenStable();
    expect([...fixture.componentInstance.selected()].sort((a, b) => a - b)).toEqual([2, 10, 11, 12]);
    expect(host.textContent).toContain('Đã chọn 4');
  });

  it('ticks and unticks an organisation by clicking it', async () => {
    const label = host.querySelector<HTMLElement>('[data-org=o2] label')!;
    label.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toEqual([2]);
    label.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toEqual([]);
  });

  it('offers radio buttons and no "all communes" in single mode, and leaves out excluded organisations', async () => {
    fixture.componentInstance.multiple.set(false);
    fixture.componentInstance.exclude.set([1]);
    await fixture.whenStable();
    expect(host.querySelector('[data-testid=all-communes]')).toBeNull();
    expect(host.querySelectorAll('input[type=radio]').length).toBe(5);
    expect(rowNames()).not.toContain('UBND huyện Tuy Đức');
    host.querySelector<HTMLElement>('[data-org=o10] label')!.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toEqual([10]);
  });

  it('keeps the chosen recipients in view outside the scrolling tree, in the tree’s order, each removable there', async () => {
    const chosen = () => Array.from(host.querySelectorAll('[data-testid=org-chosen] li')).map((li) => li.textContent?.trim());
    expect(host.querySelector('[data-testid=org-chosen]')).toBeNull();
    host.querySelector<HTMLElement>('[data-org=o12] label')!.click();
    host.querySelector<HTMLElement>('[data-org=o2] label')!.click();
    await fixture.whenStable();
    expect(chosen()).toEqual(['Phòng Nội vụ', 'UBND xã Quảng Trực']);
    expect(host.querySelector('.picker__list [data-testid=org-chosen]')).toBeNull();
    host.querySelector<HTMLButtonElement>('[data-chosen=o2] button')!.click();
    await fixture.whenStable();
    expect(fixture.componentInstance.selected()).toEqual([12]);
    expect(chosen()).toEqual(['UBND xã Quảng Trực']);
    expect(host.querySelector('[data-chosen=o12] button')?.getAttribute('aria-label')).toBe('Bỏ chọn UBND xã Quảng Trực');
  });
});
