import { signal } from '@angular/core';

import { ApiFailure, toApiFailure } from './api-error';

/**
 * The one request a dialog or form sends: refused while it runs, its failure kept for the form
 * to show, its result handed on (e.g. to close the dialog with it).
 */
export class Submission {
  readonly busy = signal(false);
  readonly failure = signal<ApiFailure | null>(null);

  async run<R>(request: () => Promise<R>, done: (result: R) => void): Promise<void> {
    if (this.busy()) return;
    this.busy.set(true);
    this.failure.set(null);
    try {
      done(await request());
    } catch (error) {
      this.failure.set(toApiFailure(error));
    } finally {
      this.busy.set(false);
    }
  }
}
