import { HttpErrorResponse } from '@angular/common/http';

import { Submission } from './submission';

describe('Submission', () => {
  it('hands on the result, and runs one request at a time', async () => {
    const submission = new Submission();
    let release: (value: string) => void = () => undefined;
    const results: string[] = [];
    const first = submission.run(() => new Promise<string>((resolve) => (release = resolve)), (r) => results.push(r));
    expect(submission.busy()).toBe(true);
    const second = jest.fn(() => Promise.resolve('again'));
    await submission.run(second, (r) => results.push(r));
    expect(second).not.toHaveBeenCalled();
    release('done');
    await first;
    expect(results).toEqual(['done']);
    expect(submission.busy()).toBe(false);
  });

  it("keeps the API's words when the request fails, and forgets them on the next try", async () => {
    const submission = new Submission();
    const done = jest.fn();
    const body = { statusCode: 409, code: 'INVALID_TRANSITION', message: { vi: 'Văn bản đã được ban hành.', en: 'The document is already issued.' } };
    await submission.run(() => Promise.reject(new HttpErrorResponse({ status: 409, error: body })), done);
    expect(done).not.toHaveBeenCalled();
    expect(submission.failure()).toMatchObject({ status: 409, code: 'INVALID_TRANSITION', message: body.message });
    expect(submission.busy()).toBe(false);
    await submission.run(() => Promise.resolve(1), done);
    expect(submission.failure()).toBeNull();
    expect(done).toHaveBeenCalledWith(1);
  });
});
