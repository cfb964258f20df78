import { decoyHash } from '@vanthu/server/core';

import { AuthService } from './auth.service';

describe('AuthService start-up', () => {
  it('makes the decoy hash before the first log-in, so the first unknown username costs what later ones do', async () => {
    const service = new AuthService(null as never, null as never, null as never, null as never, null as never);
    await service.onModuleInit();
    // Already made: a settled promise wins the race against one settled after it.
    const first = await Promise.race([decoyHash(), Promise.resolve('not made yet')]);
    expect(first).toMatch(/^scrypt\$/);
  });
});
