import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  OnInit,
  signal,
  viewChild,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatExpansionModule } from '@angular/material/expansion';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import {
  DocumentDetail,
  FileRole,
  PrepareExternalSignatureResponse,
  SignaturePlacement,
  SigningPreview,
} from '@vanthu/shared/contracts';
import { formatDate } from '@vanthu/shared/domain';
import { ApiFailure, CredentialsApi, DocumentsApi, I18n, LocalizedPipe, OutgoingApi, pinSaver, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert, asDay, openPdf, PdfViewer, PinForm, renderPage, SignaturePanel } from '@vanthu/web/ui';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import { firstValueFrom } from 'rxjs';

import { VgcaSignFailed, VgcaSignService } from '../signing/vgca-sign-service';

export interface SigningDialogData {
  /** The documents to sign, one after another. */
  ids: number[];
}

/** What the dialog hands back: how many documents were signed. */
export interface SigningDialogResult {
  signed: number;
}

function isApiFailure(value: unknown): value is ApiFailure {
  return !!value && typeof value === 'object' && 'code' in value && 'message' in value && 'fieldErrors' in value;
}

// The preview page is drawn at most this wide (CSS pixels); narrower on a phone.
const PREVIEW_MAX_WIDTH = 560;

/**
 * The leader signs: the page with the proposed signature rectangle (GET /sign/preview), which
 * the leader may drag or move to another page; the PIN (or the external-signing path); then
 * the signed PDF at once, and the next document of the queue without leaving the dialog.
 */
@Component({
  selector: 'vt-signing-dialog',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatDialogModule,
    MatExpansionModule,
    MatFormFieldModule,
    MatInputModule,
    MatProgressBarModule,
    MatSelectModule,
    TranslatePipe,
    LocalizedPipe,
    VtDateTimePipe,
    Alert,
    PdfViewer,
    PinForm,
    SignaturePanel,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './signing.dialog.html',
  styleUrl: './signing.dialog.scss',
})
export class SigningDialog implements OnInit {
  protected readonly data = inject<SigningDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<SigningDialog, SigningDialogResult>>(MatDialogRef);
  private readonly outgoing = inject(OutgoingApi);
  private readonly documents = inject(DocumentsApi);
  private readonly credentials = inject(CredentialsApi);
  protected readonly i18n = inject(I18n);

  protected readonly index = signal(0);
  protected readonly document = signal<DocumentDetail | null>(null);
  protected readonly preview = signal<SigningPreview | null>(null);
  protected readonly placement = signal<SignaturePlacement | null>(null);
  protected readonly scale = signal(1);
  protected readonly signed = signal<DocumentDetail | null>(null);
  protected readonly signedCount = signal(0);
  protected readonly busy = signal(false);
  protected readonly loading = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly pin = new FormControl('', { nonNullable: true, validators: [Validators.required] });
  protected readonly chainPem = new FormControl('', { nonNullable: true });
  protected readonly cms = new FormControl('', { nonNullable: true });
  protected readonly rawSignature = new FormControl('', { nonNullable: true });
  protected readonly prepared = signal<PrepareExternalSignatureResponse | null>(null);
  protected readonly finished = computed(() => this.index() >= this.data.ids.length);
  /** The VGCA Sign Service answered on this computer (checked on each document, 1.5 s at most). */
  protected readonly plugin = signal<VgcaSignService | null>(null);
  protected readonly waitingForPlugin = signal(false);

  private readonly canvas = viewChild<ElementRef<HTMLCanvasElement>>('page');
  private readonly pinInput = viewChild<ElementRef<HTMLInputElement>>('pinInput');
  private pdf: PDFDocumentProxy | null = null;
  private drag: { pointerId: number; startX: number; startY: number; from: SignaturePlacement } | null = null;

  /** The rectangle in CSS pixels over the drawn page. */
  protected readonly box = computed(() => {
    const placement = this.placement();
    const preview = this.preview();
    if (!placement || !preview) return null;
    const page = preview.pages[placement.page - 1];
    const scale = this.scale();
    return {
      left: placement.x * scale,
      top: (page.height - placement.y - placement.height) * scale,
      width: placement.width * scale,
      height: placement.height * scale,
    };
  });

  protected readonly pages = computed(() => Array.from({ length: this.preview()?.pageCount ?? 0 }, (_, i) => i + 1));

  protected readonly signedFileUrl = computed(() => {
    const doc = this.signed();
    const main = doc?.files.find((f) => f.role === FileRole.Main);
    return doc && main ? this.documents.fileUrl(doc.id, main.id) : null;
  });

  /** Whether the dialog finished opening (and placed its own first focus). */
  private opened = false;

  constructor() {
    inject(DestroyRef).onDestroy(() => void this.pdf?.destroy());
    this.ref.afterOpened().subscribe(() => (this.opened = true));
  }

  async ngOnInit(): Promise<void> {
    await this.load();
  }

  protected certificateExpiry(preview: SigningPreview): string {
    return preview.credentialExpiresAt ? formatDate(asDay(preview.credentialExpiresAt)) : '';
  }

  protected async changePage(page: number): Promise<void> {
    const preview = this.preview();
    const current = this.placement();
    if (!preview || !current) return;
    const size = preview.pages[page - 1];
    this.placement.set({
      ...current,
      page,
      x: Math.min(current.x, Math.max(0, size.width - current.width)),
      y: Math.min(current.y, Math.max(0, size.height - current.height)),
    });
    await this.drawPage();
  }

  protected async resetPlacement(): Promise<void> {
    const preview = this.preview();
    if (!preview) return;
    const samePage = this.placement()?.page === preview.placement.page;
    this.placement.set({ ...preview.placement });
    if (!samePage) await this.drawPage();
  }

  protected startDrag(event: PointerEvent): void {
    const from = this.placement();
    if (!from || this.busy()) return;
    (event.target as HTMLElement).setPointerCapture(event.pointerId);
    this.drag = { pointerId: event.pointerId, startX: event.clientX, startY: event.clientY, from };
    event.preventDefault();
  }

  protected moveDrag(event: PointerEvent): void {
    const drag = this.drag;
    const preview = this.preview();
    if (!drag || drag.pointerId !== event.pointerId || !preview) return;
    const scale = this.scale();
    const page = preview.pages[drag.from.page - 1];
    const dx = (event.clientX - drag.startX) / scale;
    // Screen y grows downwards, PDF y upwards.
    const dy = -(event.clientY - drag.startY) / scale;
    this.placement.set({
      ...drag.from,
      x: Math.round(Math.min(Math.max(0, drag.from.x + dx), page.width - drag.from.width)),
      y: Math.round(Math.min(Math.max(0, drag.from.y + dy), page.height - drag.from.height)),
    });
  }

  protected endDrag(event: PointerEvent): void {
    if (this.drag?.pointerId === event.pointerId) this.drag = null;
  }

  /** Arrow keys move the rectangle by 5 points (10 with Shift), for keyboard users. */
  protected nudge(event: KeyboardEvent): void {
    const moves: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1] };
    const move = moves[event.key];
    const current = this.placement();
    const preview = this.preview();
    if (!move || !current || !preview) return;
    event.preventDefault();
    const step = event.shiftKey ? 10 : 5;
    const page = preview.pages[current.page - 1];
    this.placement.set({
      ...current,
      x: Math.min(Math.max(0, current.x + move[0] * step), page.width - current.width),
      y: Math.min(Math.max(0, current.y + move[1] * step), page.height - current.height),
    });
  }

  protected async sign(): Promise<void> {
    const doc = this.document();
    if (!doc || this.busy()) return;
    if (this.pin.invalid) {
      this.pin.markAsTouched();
      return;
    }
    await this.run(() => firstValueFrom(this.outgoing.sign(doc.id, { pin: this.pin.value, placement: this.placement() ?? undefined })));
  }

  protected async prepareExternal(): Promise<void> {
    const doc = this.document();
    if (!doc || this.busy() || !this.chainPem.value.trim()) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      this.prepared.set(
        await firstValueFrom(
          this.outgoing.prepareExternalSignature(doc.id, {
            certificateChainPem: this.chainPem.value.trim(),
            placement: this.placement() ?? undefined,
          }),
        ),
      );
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  protected async completeExternal(): Promise<void> {
    const doc = this.document();
    const prepared = this.prepared();
    if (!doc || !prepared || this.busy()) return;
    await this.run(() =>
      firstValueFrom(
        this.outgoing.completeExternalSignature(doc.id, {
          preparationId: prepared.preparationId,
          cms: this.cms.value.trim() || undefined,
          signature: this.rawSignature.value.trim() || undefined,
        }),
      ),
    );
  }

  /**
   * The USB token through the VGCA Sign Service: a single-use ticket from the server, the plugin
   * fetches the PDF, signs and posts it back itself; then the document is read again, signed.
   */
  protected async signWithPlugin(): Promise<void> {
    const doc = this.document();
    const plugin = this.plugin();
    if (!doc || !plugin || this.busy()) return;
    this.waitingForPlugin.set(true);
    try {
      await this.run(async () => {
        const ticket = await firstValueFrom(this.outgoing.pluginTicket(doc.id));
        try {
          await plugin.sign({ fileUrl: ticket.fileUrl, uploadUrl: ticket.uploadUrl, ticket: ticket.ticket, placement: this.placement(), signerName: this.preview()?.signerName });
        } catch (error) {
          if (error instanceof VgcaSignFailed) throw { status: 0, code: 'VGCA_SIGN_SERVICE', message: error.text, fieldErrors: [] } satisfies ApiFailure;
          throw error;
        }
        return firstValueFrom(this.documents.get(doc.id));
      });
    } finally {
      this.waitingForPlugin.set(false);
    }
  }

  /** The leader chooses, here, the PIN of a key an administrator just gave them; then signs. */
  protected readonly choosingPin = signal(false);
  protected readonly pinSave = computed(() => {
    const id = this.preview()?.credentialId;
    return id ? pinSaver(this.credentials, id) : null;
  });

  protected async pinChosen(): Promise<void> {
    this.choosingPin.set(false);
    await this.load();
  }

  protected async next(): Promise<void> {
    this.index.update((i) => i + 1);
    await this.load();
  }

  protected close(): void {
    this.ref.close({ signed: this.signedCount() });
  }

  private async run(sign: () => Promise<DocumentDetail>): Promise<void> {
    this.busy.set(true);
    this.failure.set(null);
    try {
      const result = await sign();
      this.signed.set(result);
      this.signedCount.update((n) => n + 1);
      this.pin.reset();
      this.prepared.set(null);
    } catch (error) {
      this.failure.set(isApiFailure(error) ? error : toApiFailure(error));
      // A wrong PIN: the field is ready for the next try, its content selected.
      this.focusPin(true);
    } finally {
      this.busy.set(false);
    }
  }

  /**
   * The PIN field takes the focus once it is drawn and the dialog has finished opening: the
   * dialog's own first focus (on a button) comes when its opening animation ends, and would
   * otherwise take the focus back from a document that loaded quickly.
   */
  private focusPin(select = false): void {
    const focus = () =>
      setTimeout(() => {
        const input = this.pinInput()?.nativeElement;
        input?.focus();
        if (select) input?.select();
      });
    if (this.opened) focus();
    else this.ref.afterOpened().subscribe(focus);
  }

  private async load(): Promise<void> {
    this.signed.set(null);
    this.failure.set(null);
    this.preview.set(null);
    this.placement.set(null);
    this.document.set(null);
    await this.pdf?.destroy();
    this.pdf = null;
    if (this.finished()) return;
    const id = this.data.ids[this.index()];
    this.loading.set(true);
    try {
      const [doc, preview] = await Promise.all([
        firstValueFrom(this.documents.get(id)),
        firstValueFrom(this.outgoing.signingPreview(id)),
      ]);
      this.document.set(doc);
      this.preview.set(preview);
      this.placement.set({ ...preview.placement });
      void this.detectPlugin(id, preview.pluginUrl);
      this.focusPin();
      this.pdf = await openPdf(this.documents.fileUrl(id, preview.fileId));
      await this.drawPage();
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.loading.set(false);
    }
  }

  private async detectPlugin(id: number, url: string): Promise<void> {
    this.plugin.set(null);
    const plugin = new VgcaSignService({ url });
    const running = await plugin.detect();
    // Still the same document (the leader may have moved on meanwhile).
    if (running && this.data.ids[this.index()] === id) this.plugin.set(plugin);
  }

  private async drawPage(): Promise<void> {
    const placement = this.placement();
    const preview = this.preview();
    // The canvas appears once the preview is set; wait a frame for it.
    await new Promise((resolve) => setTimeout(resolve));
    const canvas = this.canvas()?.nativeElement;
    if (!this.pdf || !placement || !preview || !canvas) return;
    const page = await this.pdf.getPage(placement.page);
    const size = preview.pages[placement.page - 1];
    const available = Math.min(PREVIEW_MAX_WIDTH, (canvas.parentElement?.parentElement?.clientWidth ?? PREVIEW_MAX_WIDTH) - 8);
    const scale = Math.max(0.3, available / size.width);
    this.scale.set(scale);
    await renderPage(page, canvas, scale);
  }
}
