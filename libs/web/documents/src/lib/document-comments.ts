import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal, untracked } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { CommentKind, CommentView, DocumentDetail, DocumentDirection, RecipientResultView } from '@vanthu/shared/contracts';
import { ApiFailure, LocalizedPipe, RecordsApi, toApiFailure, TranslatePipe, VtDateTimePipe } from '@vanthu/web/core';
import { Alert } from '@vanthu/web/ui';
import { firstValueFrom } from 'rxjs';

/** Files the API takes with one comment. */
const MAX_FILES = 5;

/**
 * Ý kiến on a document, for everyone who may see it, with attachments; the lead handler's form for
 * the result (kết quả xử lý); and, on an outgoing document, each recipient's results as the sender
 * follows them.
 */
@Component({
  selector: 'vt-document-comments',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, TranslatePipe, LocalizedPipe, VtDateTimePipe, Alert],
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (outgoing() && results().length) {
      <section class="comments__card" data-testid="recipient-results">
        <h2>{{ 'records.recipientResults' | t }}</h2>
        <ul class="comments__list">
          @for (r of results(); track r.incomingDocumentId) {
            <li>
              <strong>{{ r.recipient.name }}</strong>
              @if (!r.results.length) {
                <span class="comments__muted">— {{ 'records.noResult' | t }}</span>
              }
              @for (c of r.results; track c.id) {
                <div class="comments__item">
                  <span class="comments__muted">{{ c.createdAt | vtDateTime }} · {{ c.author.fullName }}</span>
                  <p>{{ c.text }}</p>
                  @for (f of c.files; track f.id) {
                    <a mat-button [href]="fileUrl(c, f.id)" download><mat-icon svgIcon="attach" />{{ f.name }}</a>
                  }
                </div>
              }
            </li>
          }
        </ul>
      </section>
    }

    <section class="comments__card" data-testid="comments">
      <h2>{{ 'records.comments' | t }}</h2>
      @if (!comments().length) {
        <p class="comments__muted">{{ 'records.noComments' | t }}</p>
      }
      <ol class="comments__list">
        @for (c of comments(); track c.id) {
          <li class="comments__item" [class.comments__result]="c.kind === resultKind">
            <span class="comments__muted">
              {{ c.createdAt | vtDateTime }} · <strong>{{ c.author.fullName }}</strong>
              @if (c.organisation) {
                ({{ c.organisation.name }})
              }
              @if (c.kind === resultKind) {
                · {{ 'records.result' | t }}
              }
            </span>
            <p>{{ c.text }}</p>
            @for (f of c.files; track f.id) {
              <a mat-button [href]="fileUrl(c, f.id)" download><mat-icon svgIcon="attach" />{{ f.name }}</a>
            }
          </li>
        }
      </ol>
      @if (failure(); as f) {
        <vt-alert>{{ f.message | localized }}</vt-alert>
      }
      <mat-form-field class="comments__field">
        <mat-label>{{ 'records.commentText' | t }}</mat-label>
        <textarea matInput rows="3" maxlength="4000" data-testid="comment-text" [value]="text()" (input)="text.set($any($event.target).value)"></textarea>
      </mat-form-field>
      <div class="comments__row">
        <label class="comments__file">
          <mat-icon svgIcon="attach" />{{ 'records.attach' | t }}
          <input type="file" multiple data-testid="comment-files" (change)="pickFiles($event)" />
        </label>
        @for (f of files(); track f.name) {
          <span class="comments__muted">{{ f.name }}</span>
        }
        <button mat-flat-button type="button" data-testid="comment-send" [disabled]="busy() || !text().trim()" (click)="send(false)">{{ 'records.sendComment' | t }}</button>
        @if (canRecordResult()) {
          <button mat-stroked-button type="button" data-testid="result-send" [disabled]="busy() || !text().trim() || files().length > 1" (click)="send(true)">
            {{ 'records.recordResult' | t }}
          </button>
        }
      </div>
    </section>
  `,
  styles: `
    :host { display: block; }
    .comments__card { padding: 16px; margin-top: 16px; border: 1px solid var(--mat-sys-outline-variant); border-radius: 12px; }
    .comments__card h2 { margin: 0 0 8px; font-size: 1.1rem; }
    .comments__list { list-style: none; padding: 0; margin: 0 0 8px; }
    .comments__item { padding: 8px 0; border-bottom: 1px solid var(--mat-sys-outline-variant); }
    .comments__item p { margin: 4px 0; white-space: pre-wrap; }
    .comments__result { border-left: 3px solid var(--mat-sys-primary); padding-left: 8px; }
    .comments__muted { color: var(--mat-sys-on-surface-variant); font-size: 0.875rem; }
    .comments__field { width: 100%; }
    .comments__row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
    .comments__file { display: inline-flex; gap: 4px; align-items: center; cursor: pointer; }
    .comments__file input { max-width: 220px; }
  `,
})
export class DocumentComments {
  private readonly api = inject(RecordsApi);

  /** The document the thread belongs to. */
  readonly document = input.required<DocumentDetail>();

  protected readonly resultKind = CommentKind.Result;
  protected readonly comments = signal<CommentView[]>([]);
  protected readonly results = signal<RecipientResultView[]>([]);
  protected readonly text = signal('');
  protected readonly files = signal<File[]>([]);
  protected readonly busy = signal(false);
  protected readonly failure = signal<ApiFailure | null>(null);
  protected readonly outgoing = computed(() => this.document().direction === DocumentDirection.Outgoing);
  /** The lead handler (chủ trì) records the result while handling the document. */
  protected readonly canRecordResult = computed(() => this.document().allowedActions.includes('complete'));

  constructor() {
    effect(() => {
      const doc = this.document();
      untracked(() => void this.load(doc));
    });
  }

  protected fileUrl(comment: CommentView, fileId: number): string {
    return this.api.commentFileUrl(this.document().id, comment.id, fileId);
  }

  protected pickFiles(event: Event): void {
    const picked = Array.from((event.target as HTMLInputElement).files ?? []).slice(0, MAX_FILES);
    this.files.set(picked);
  }

  protected async send(result: boolean): Promise<void> {
    const doc = this.document();
    const text = this.text().trim();
    if (!text) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      const added = await firstValueFrom(result ? this.api.recordResult(doc.id, text, this.files()[0] ?? null) : this.api.addComment(doc.id, text, this.files()));
      this.comments.update((list) => [...list, added]);
      this.text.set('');
      this.files.set([]);
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }

  private async load(doc: DocumentDetail): Promise<void> {
    try {
      this.comments.set(await firstValueFrom(this.api.comments(doc.id)));
      if (doc.direction === DocumentDirection.Outgoing && doc.deliveries.length) this.results.set(await firstValueFrom(this.api.results(doc.id)));
    } catch (error) {
      this.failure.set(toApiFailure(error));
    }
  }
}
