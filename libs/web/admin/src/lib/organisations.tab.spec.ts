import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { OrganisationDto, OrganisationKind } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { OrganisationsTab } from './organisations.tab';

function org(id: number, parentId: number | null, code: string, name: string, kind: OrganisationKind, abbreviation: string): OrganisationDto {
  return { id, parentId, code, name, kind, abbreviation, identifierCode: null, placeName: 'Lâm Đồng', active: true };
}

// Since 2025: a province directly above its office, its sở and its communes and wards.
const PROVINCE: OrganisationDto[] = [
  org(1, null, 'lamdong', 'UBND tỉnh Lâm Đồng', OrganisationKind.Province, 'UBND'),
  org(2, 1, 'lamdong-vp', 'Văn phòng UBND tỉnh', OrganisationKind.Office, 'VP'),
  org(3, 1, 'lamdong-snv', 'Sở Nội vụ', OrganisationKind.Department, 'SNV'),
  org(4, 1, 'ld-quangtan', 'UBND xã Quảng Tân', OrganisationKind.Commune, 'UBND'),
  org(5, 1, 'ld-bacgianghia', 'UBND phường Bắc Gia Nghĩa', OrganisationKind.Commune, 'UBND'),
];

describe('OrganisationsTab', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<OrganisationsTab>;
  const tab = () => fixture.nativeElement as HTMLElement;

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  /** Clicks the button reading `label` on the row of `name`. */
  async function clickOnRow(name: string, label: string): Promise<void> {
    const row = Array.from(tab().querySelectorAll('li')).find((li) => li.querySelector('.name')?.textContent?.trim() === name)!;
    Array.from(row.querySelectorAll('button'))
      .find((b) => b.textContent?.trim() === label)!
      .click();
    await settle();
  }

  function input(name: string): HTMLInputElement {
    return document.querySelector<HTMLInputElement>(`mat-dialog-container input[formcontrolname=${name}]`)!;
  }

  function type(name: string, value: string): void {
    input(name).value = value;
    input(name).dispatchEvent(new Event('input'));
  }

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideApiHttp(),
        provideHttpClientTesting(),
        provideVanthuIcons(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OrganisationsTab);
    await fixture.whenStable();
    http.expectOne('/api/organisations').flush(PROVINCE);
    await settle();
  });

  afterEach(() => {
    TestBed.inject(MatDialog).closeAll();
    http.verify();
  });

  it('shows a province tree with every kind named in Vietnamese', () => {
    const rows = Array.from(tab().querySelectorAll('li')).map((li) => li.querySelector('.meta')?.textContent?.trim());
    expect(rows).toEqual([
      'UBND · lamdong · UBND tỉnh, thành phố trực thuộc trung ương',
      'VP · lamdong-vp · Văn phòng',
      'SNV · lamdong-snv · Cơ quan chuyên môn (sở, phòng)',
      'UBND · ld-bacgianghia · UBND xã, phường, thị trấn',
      'UBND · ld-quangtan · UBND xã, phường, thị trấn',
    ]);
  });

  it('adds a sở under the province, offering only the kinds a child can have', async () => {
    await clickOnRow('UBND tỉnh Lâm Đồng', 'Thêm đơn vị trực thuộc');
    document.querySelector<HTMLElement>('mat-dialog-container mat-select[formcontrolname=kind] .mat-mdc-select-trigger')!.click();
    await settle();
    const options = Array.from(document.querySelectorAll<HTMLElement>('mat-option'));
    expect(options.map((o) => o.textContent?.trim())).toEqual(['Văn phòng', 'Cơ quan chuyên môn (sở, phòng)', 'UBND xã, phường, thị trấn']);
    options[1].click();
    await settle();

    type('name', 'Sở Tư pháp');
    type('code', 'lamdong-stp');
    type('abbreviation', 'STP');
    document.querySelector<HTMLFormElement>('mat-dialog-container form')!.dispatchEvent(new Event('submit'));
    await settle();
    const request = http.expectOne({ method: 'POST', url: '/api/admin/organisations' });
    expect(request.request.body).toEqual({
      name: 'Sở Tư pháp',
      abbreviation: 'STP',
      identifierCode: null,
      placeName: null,
      code: 'lamdong-stp',
      kind: OrganisationKind.Department,
      parentId: 1,
    });
    request.flush(org(6, 1, 'lamdong-stp', 'Sở Tư pháp', OrganisationKind.Department, 'STP'));
    await settle();
    http.expectOne('/api/organisations').flush([...PROVINCE, org(6, 1, 'lamdong-stp', 'Sở Tư pháp', OrganisationKind.Department, 'STP')]);
    await settle();
    expect(tab().textContent).toContain('STP · lamdong-stp · Cơ quan chuyên môn (sở, phòng)');
  });

  it('edits a sở sending only what the server changes, its code and kind shown but fixed', async () => {
    await clickOnRow('Sở Nội vụ', 'Sửa');
    expect(input('code').disabled).toBe(true);
    expect(document.querySelector('mat-dialog-container mat-select[formcontrolname=kind]')?.textContent).toContain('Cơ quan chuyên môn (sở, phòng)');
    type('name', 'Sở Nội vụ tỉnh Lâm Đồng');
    document.querySelector<HTMLFormElement>('mat-dialog-container form')!.dispatchEvent(new Event('submit'));
    await settle();
    const request = http.expectOne({ method: 'PATCH', url: '/api/admin/organisations/3' });
    expect(request.request.body).toEqual({ name: 'Sở Nội vụ tỉnh Lâm Đồng', abbreviation: 'SNV', identifierCode: null, placeName: 'Lâm Đồng', active: true });
    request.flush({ ...PROVINCE[2], name: 'Sở Nội vụ tỉnh Lâm Đồng' });
    await settle();
    http.expectOne('/api/organisations').flush(PROVINCE);
    await settle();
  });
});
