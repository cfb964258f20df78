import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { I18n } from '@vanthu/web/i18n';
import { SignaturePlacement } from '@vanthu/shared/contracts';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { openPdf, renderPage } from './pdf-loader';

const MIN_SCALE = 0.5;
const MAX_SCALE = 2.5;

/**
 * The embedded PDF viewer: every page drawn by pdf.js, one under the other, with zoom. The
 * page fits the viewer's width at first, so that a phone shows a whole page.
 */
@Component({
  selector: 'vt-pdf-viewer',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <div class="viewer__bar">
      <span class="viewer__pages">
        @if (pageCount()) {
          {{ i18n.t('pdf.pages', { count: pageCount() }) }}
        }
      </span>
      <button mat-icon-button type="button" (click)="zoom(-0.25)" [attr.aria-label]="i18n.t('pdf.zoomOut')">
        <mat-icon svgIcon="zoomOut" />
      </button>
      <span class="viewer__scale">{{ percent() }}%</span>
      <button mat-icon-button type="button" (click)="zoom(0.25)" [attr.aria-label]="i18n.t('pdf.zoomIn')">
        <mat-icon svgIcon="zoomIn" />
      </button>
    </div>
    @if (state() === 'loading') {
      <mat-progress-bar mode="indeterminate" [attr.aria-label]="i18n.t('pdf.loading')" />
    }
    @if (state() === 'failed') {
      <p class="viewer__failed" role="alert">{{ i18n.t('pdf.failed') }}</p>
    }
    <div
      #pages
      class="viewer__pages-box"
      role="document"
      tabindex="0"
      [attr.aria-label]="i18n.t('pdf.viewer')"
      [attr.data-state]="state()"
      data-testid="pdf-viewer"
    ></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      min-height: 0;
      background: var(--mat-sys-surface-container);
      border-radius: 8px;
      overflow: hidden;
    }
    .viewer__bar {
      display: flex;
      align-items: center;
      gap: 4px;
      padding: 0 8px;
      background: var(--mat-sys-surface-container-high);
    }
    .viewer__pages {
      flex: 1;
      font: var(--mat-sys-body-medium);
    }
    .viewer__scale {
      font: var(--mat-sys-label-medium);
      min-width: 44px;
      text-align: center;
    }
    .viewer__pages-box {
      position: relative;
      flex: 1;
      overflow: auto;
      padding: 12px;
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 12px;
      max-height: var(--vt-pdf-viewer-height, 80vh);
    }
    .viewer__pages-box ::ng-deep canvas {
      background: #fff;
      box-shadow: 0 1px 4px rgb(0 0 0 / 30%);
      max-width: none;
    }
    .viewer__failed {
      margin: 12px;
      color: var(--mat-sys-error);
    }
  `,
})
export class PdfViewer {
  protected readonly i18n = inject(I18n);

  /** The PDF: a same-origin URL (GET /api/documents/:id/files/:fileId/content) or its bytes. */
  readonly src = input<string | Uint8Array | null>(null);
  /** A place to scroll to once drawn, such as the visible signature just added. */
  readonly focus = input<SignaturePlacement | null>(null);

  protected readonly state = signal<'idle' | 'loading' | 'ready' | 'failed'>('idle');
  protected readonly pageCount = signal(0);
  private readonly scale = signal<number | null>(null);
  protected readonly percent = signal(100);
  private readonly pagesBox = viewChild.required<ElementRef<HTMLDivElement>>('pages');
  private document: PDFDocumentProxy | null = null;
  private generation = 0;

  constructor() {
    effect(() => {
      const src = this.src();
      void this.load(src);
    });
    inject(DestroyRef).onDestroy(() => void this.document?.destroy());
  }

  protected zoom(step: number): void {
    const current = this.scale() ?? 1;
    const next = Math.min(MAX_SCALE, Math.max(MIN_SCALE, current + step));
    this.scale.set(next);
    void this.renderAll(this.generation);
  }

  private async load(src: string | Uint8Array | null): Promise<void> {
    const generation = ++this.generation;
    await this.document?.destroy();
    this.document = null;
    this.pagesBox().nativeElement.replaceChildren();
    this.pageCount.set(0);
    if (!src) {
      this.state.set('idle');
      return;
    }
    this.state.set('loading');
    try {
      const pdf = await openPdf(src);
      if (generation !== this.generation) {
        void pdf.destroy();
        return;
      }
      this.document = pdf;
      this.pageCount.set(pdf.numPages);
      await this.renderAll(generation);
      if (generation === this.generation) this.state.set('ready');
    } catch {
      if (generation === this.generation) this.state.set('failed');
    }
  }

  private async renderAll(generation: number): Promise<void> {
    const pdf = this.document;
    if (!pdf) return;
    const box = this.pagesBox().nativeElement;
    const first = await pdf.getPage(1);
    if (this.scale() === null) {
      // Fit the page to the viewer's width (less its padding), never larger than 150 %.
      const width = first.getViewport({ scale: 1 }).width;
      const available = Math.max(box.clientWidth - 32, 240);
      this.scale.set(Math.min(1.5, available / width));
    }
    const scale = this.scale() ?? 1;
    this.percent.set(Math.round(scale * 100));
    const canvases: HTMLCanvasElement[] = [];
    for (let number = 1; number <= pdf.numPages; number++) {
      const canvas = document.createElement('canvas');
      canvas.setAttribute('aria-label', this.i18n.t('pdf.page', { page: number }));
      canvas.dataset['page'] = String(number);
      canvases.push(canvas);
    }
    box.replaceChildren(...canvases);
    for (let number = 1; number <= pdf.numPages; number++) {
      if (generation !== this.generation) return;
      const page = number === 1 ? first : await pdf.getPage(number);
      await renderPage(page, canvases[number - 1], scale);
    }
    this.scrollToFocus(canvases, scale);
  }

  private scrollToFocus(canvases: HTMLCanvasElement[], scale: number): void {
    const focus = this.focus();
    const canvas = focus ? canvases[focus.page - 1] : undefined;
    if (!focus || !canvas) return;
    const box = this.pagesBox().nativeElement;
    const pageHeight = canvas.getBoundingClientRect().height / scale;
    const top = canvas.offsetTop + (pageHeight - focus.y - focus.height) * scale;
    box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }
}
