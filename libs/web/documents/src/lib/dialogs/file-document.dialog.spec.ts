import { HttpErrorResponse } from '@angular/common/http';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { ErrorCode, RecordFileDetail, RecordFileStatus, RecordFileView } from '@vanthu/shared/contracts';
import { I18n, LANGUAGE_STORAGE_KEY } from '@vanthu/web/core';
import { provideVanthuIcons } from '@vanthu/web/ui';

import { FileDocumentDialog, FileDocumentDialogData } from './file-document.dialog';

function file(id: number, code: string, title: string, status = RecordFileStatus.Open, year = 2026): RecordFileView {
  return { id, year, code, title, retentionYears: 10, personInCharge: null, description: null, status, documentCount: id, closedAt: null, depositDue: null };
}

const FILES_2026 = [
  file(1, '01.VP', 'Hồ sơ hội nghị sơ kết công tác văn thư, lưu trữ năm 2026'),
  file(2, '02.VP', 'Hồ sơ kế hoạch cải cách hành chính năm 2026', RecordFileStatus.Closed),
  file(3, '03.VP', 'Hồ sơ chuyển đổi số năm 2026'),
];

describe('FileDocumentDialog (Thêm vào hồ sơ)', () => {
  let closedWith: RecordFileDetail | undefined | 'open';

  async function open(data: Partial<FileDocumentDialogData>): Promise<void> {
    closedWith = 'open';
    TestBed.inject(MatDialog)
      .open<FileDocumentDialog, FileDocumentDialogData, RecordFileDetail>(FileDocumentDialog, {
        data: { documentName: '12/UBND-VP: Kế hoạch tổ chức hội nghị', year: 2026, files: jest.fn().mockResolvedValue(FILES_2026), run: jest.fn(), ...data },
      })
      .afterClosed()
      .subscribe((result) => (closedWith = result));
    await settle();
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  const dialog = () => document.querySelector('vt-file-document-dialog') as HTMLElement;
  const options = () => Array.from(dialog().querySelectorAll('mat-radio-button')).map((o) => o.textContent?.replace(/\s+/g, ' ').trim());
  const confirm = () => document.querySelector<HTMLButtonElement>('[data-testid=file-document-confirm]')!;

  beforeEach(() => {
    localStorage.removeItem(LANGUAGE_STORAGE_KEY);
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideVanthuIcons(), { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } }],
    });
  });

  afterEach(() => TestBed.inject(MatDialog).closeAll());

  it('lists only the open files of the year, adds the document to the one picked and closes with it', async () => {
    const files = jest.fn().mockResolvedValue(FILES_2026);
    const added = { ...FILES_2026[2], documentCount: 4, documents: [] };
    const run = jest.fn().mockResolvedValue(added);
    await open({ files, run });
    expect(files).toHaveBeenCalledWith(2026);
    expect(dialog().textContent).toContain('12/UBND-VP: Kế hoạch tổ chức hội nghị');
    expect(options()).toEqual(['01.VP Hồ sơ hội nghị sơ kết công tác văn thư, lưu trữ năm 2026 (1 văn bản)', '03.VP Hồ sơ chuyển đổi số năm 2026 (3 văn bản)']);

    // Nothing picked yet: asks for a file, calls nothing.
    confirm().click();
    await settle();
    expect(run).not.toHaveBeenCalled();
    expect(dialog().textContent).toContain('Hãy chọn một hồ sơ.');

    dialog().querySelector<HTMLInputElement>('[data-testid=file-option-3] input')!.click();
    await settle();
    confirm().click();
    await settle();
    expect(run).toHaveBeenCalledWith(3);
    expect(closedWith).toBe(added);
  });

  it('says so when the year has no open file, and offers nothing to confirm', async () => {
    await open({ files: jest.fn().mockResolvedValue([file(2, '02.VP', 'Hồ sơ đã kết thúc', RecordFileStatus.Closed)]) });
    expect(document.querySelector('[data-testid=file-document-none]')?.textContent).toContain('Năm 2026 chưa có hồ sơ nào đang lập.');
    expect(confirm().disabled).toBe(true);
  });

  it('shows another year’s files when the year is changed', async () => {
    const files = jest.fn().mockImplementation(async (year: number) => (year === 2025 ? [file(9, '05.TH', 'Hồ sơ tổng hợp năm 2025', RecordFileStatus.Open, 2025)] : FILES_2026));
    await open({ files });
    const year = document.querySelector<HTMLInputElement>('[data-testid=file-document-year]')!;
    year.value = '2025';
    year.dispatchEvent(new Event('input'));
    year.dispatchEvent(new Event('change'));
    await settle();
    expect(files).toHaveBeenLastCalledWith(2025);
    // The only open file of the year is chosen at once.
    expect(options()).toEqual(['05.TH Hồ sơ tổng hợp năm 2025 (9 văn bản)']);
    expect(dialog().querySelector<HTMLInputElement>('[data-testid=file-option-9] input')?.checked).toBe(true);
  });

  it('keeps the choice and shows the refusal in the chosen language when the server says no', async () => {
    TestBed.inject(I18n).setLanguage('en');
    const run = jest.fn().mockRejectedValue(
      new HttpErrorResponse({ status: 409, error: { statusCode: 409, code: ErrorCode.Conflict, message: { vi: 'Hồ sơ đã kết thúc.', en: 'The file is closed.' } } }),
    );
    await open({ run });
    dialog().querySelector<HTMLInputElement>('[data-testid=file-option-1] input')!.click();
    await settle();
    confirm().click();
    await settle();
    expect(dialog().querySelector('[role=alert]')?.textContent).toContain('The file is closed.');
    expect(closedWith).toBe('open');
    expect(dialog().querySelector<HTMLInputElement>('[data-testid=file-option-1] input')?.checked).toBe(true);
  });
});
