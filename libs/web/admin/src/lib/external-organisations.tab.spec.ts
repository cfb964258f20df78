import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { ExternalOrganisationDto } from '@vanthu/shared/contracts';
import { LANGUAGE_STORAGE_KEY, provideApiHttp } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';
import { ExternalOrganisationsTab } from './external-organisations.tab';

const PROVINCE: ExternalOrganisationDto = { id: 1, identifierCode: '000.00.00.H41', name: 'UBND tỉnh Lâm Đồng', address: null, email: null, telephone: null, website: null, active: true };

describe('ExternalOrganisationsTab', () => {
  let http: HttpTestingController;
  let fixture: ComponentFixture<ExternalOrganisationsTab>;
  const tab = () => fixture.nativeElement as HTMLElement;
  const LIST = '/api/exchange/organisations?includeInactive=true';

  async function settle(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  function type(testId: string, value: string): void {
    const input = tab().querySelector<HTMLInputElement>(`[data-testid=${testId}]`)!;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  beforeEach(async () => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideApiHttp(), provideHttpClientTesting(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ExternalOrganisationsTab);
    await fixture.whenStable();
    http.expectOne(LIST).flush([PROVINCE]);
    await settle();
  });

  afterEach(() => http.verify());

  it('lists the external organisations by identifier code', () => {
    const cells = Array.from(tab().querySelectorAll('tbody tr td')).map((c) => c.textContent?.trim());
    expect(cells).toEqual(['000.00.00.H41', 'UBND tỉnh Lâm Đồng', 'Có', 'Ngừng dùng']);
  });

  it('adds one, then shows the server’s refusal of a code already taken in words', async () => {
    type('external-code', '000.01.31.H41');
    type('external-name', 'Sở Nội vụ tỉnh Lâm Đồng');
    await settle();
    tab().querySelector<HTMLButtonElement>('[data-testid=external-add]')!.click();
    await settle();
    const create = http.expectOne({ method: 'POST', url: '/api/admin/external-organisations' });
    expect(create.request.body).toEqual({ identifierCode: '000.01.31.H41', name: 'Sở Nội vụ tỉnh Lâm Đồng' });
    create.flush({ ...PROVINCE, id: 2, identifierCode: '000.01.31.H41', name: 'Sở Nội vụ tỉnh Lâm Đồng' });
    await settle();
    http.expectOne(LIST).flush([PROVINCE, { ...PROVINCE, id: 2, identifierCode: '000.01.31.H41', name: 'Sở Nội vụ tỉnh Lâm Đồng' }]);
    await settle();
    expect(tab().querySelectorAll('tbody tr')).toHaveLength(2);

    type('external-code', '000.00.00.H41');
    type('external-name', 'Trùng');
    await settle();
    tab().querySelector<HTMLButtonElement>('[data-testid=external-add]')!.click();
    await settle();
    http
      .expectOne({ method: 'POST', url: '/api/admin/external-organisations' })
      .flush({ statusCode: 422, code: 'INVALID_IDENTIFIER_CODE', message: { vi: 'Mã định danh 000.00.00.H41 đã có trong danh bạ.', en: 'taken' } }, { status: 422, statusText: 'Unprocessable' });
    await settle();
    expect(tab().querySelector('[data-testid=external-error]')?.textContent).toContain('Mã định danh 000.00.00.H41 đã có trong danh bạ.');
  });

  it('deactivates one', async () => {
    Array.from(tab().querySelectorAll<HTMLButtonElement>('tbody button'))
      .find((b) => b.textContent?.includes('Ngừng dùng'))!
      .click();
    await settle();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/external-organisations/1' });
    expect(patch.request.body).toEqual({ active: false });
    patch.flush({ ...PROVINCE, active: false });
    await settle();
    http.expectOne(LIST).flush([{ ...PROVINCE, active: false }]);
    await settle();
    expect(tab().querySelector('tbody tr')?.textContent).toContain('Dùng lại');
  });
});
