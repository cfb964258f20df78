import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { expect, screenshotOf, test } from '../support/fixtures';
import { PLUGIN_PORT_ENV, WORKSPACE_ROOT } from '../support/harness';
import { callApi, logInAs, PEOPLE } from '../support/people';

// The leader's USB token through the VGCA Sign Service (issue 13, item 3): the browser finds the
// local plugin, hands it a single-use ticket's URLs, and the plugin (here a stand-in on a SoftHSM2
// token, started by this test) fetches the PDF, signs on the token and uploads the result itself.

const RUN_TS = resolve(WORKSPACE_ROOT, 'tools/scripts/run-ts.js');

interface PluginReady {
  ready: true;
  rootPem: string;
  certificatePem: string;
}

/** Starts the stand-in plugin in its own process (its own SOFTHSM2_CONF); resolves when it listens. */
function startPlugin(dir: string, port: number): Promise<{ child: ChildProcess; ready: PluginReady; answers: Array<{ status: number; message: string; ms: number }> }> {
  const child = spawn(process.execPath, [RUN_TS, resolve(WORKSPACE_ROOT, 'e2e/support/stand-in-plugin.main.ts'), '--dir', dir, '--port', String(port)], {
    cwd: WORKSPACE_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const answers: Array<{ status: number; message: string; ms: number }> = [];
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`the stand-in plugin did not start within 60 s: ${errors}`)), 60_000);
    child.on('exit', (code) => fail(new Error(`the stand-in plugin exited (${code}): ${errors}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      const message = JSON.parse(line) as PluginReady | { answered: { status: number; message: string; ms: number } };
      if ('answered' in message) answers.push(message.answered);
      else {
        clearTimeout(timer);
        done({ child, ready: message, answers });
      }
    });
  });
}

test('the chairman signs with his USB token through the VGCA Sign Service; pdfsig and our verifier accept the stored file', async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const base = baseURL as string;
  const port = Number(process.env[PLUGIN_PORT_ENV]);
  expect(port).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), 'vgca-e2e-'));
  const plugin = await startPlugin(dir, port);
  const admin = await logInAs(browser, base, 'admin');
  const drafter = await logInAs(browser, base, PEOPLE.specialist);
  const reviewer = await logInAs(browser, base, PEOPLE.viceChairman);
  const chairman = await logInAs(browser, base, PEOPLE.chairman);
  try {
    // The token's CA is trusted and the token's certificate bound to the chairman, as an administrator does it.
    const organisations = await callApi<{ id: number; kind: string }[]>(drafter.page, 'GET', '/api/organisations');
    const members = await callApi<{ id: number; username: string }[]>(drafter.page, 'GET', `/api/organisations/${organisations[0].id}/members`);
    const idOf = (username: string) => members.find((m) => m.username === username)?.id;
    await callApi(admin.page, 'POST', '/api/signing/trust-anchors', { certificatePem: plugin.ready.rootPem, name: 'CA thử nghiệm USB token' });
    await callApi(admin.page, 'POST', '/api/signing/certificates', { certificatePem: plugin.ready.certificatePem, ownerType: 'user', ownerId: idOf(PEOPLE.chairman) });

    // A document waiting for the chairman, arranged through the API the screens use.
    const draft = await callApi<{ id: number }>(drafter.page, 'POST', '/api/outgoing', {
      type: 'thong-bao',
      subject: 'Thông báo rà soát thiết bị ký số của lãnh đạo',
      urgency: 'thuong',
      securityLevel: 'thuong',
      recipientIds: organisations.filter((o) => o.kind === 'commune').map((o) => o.id),
      signerId: idOf(PEOPLE.chairman),
      signingLine: 'TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH',
    });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/files/generate`, { body: ['Kính gửi các xã.'] });
    await callApi(drafter.page, 'POST', `/api/outgoing/${draft.id}/submit`, { reviewerIds: [idOf(PEOPLE.viceChairman)] });
    await callApi(reviewer.page, 'POST', `/api/outgoing/${draft.id}/review`, { decision: 'approve' });

    const page = chairman.page;
    await page.goto(`/outgoing/${draft.id}`);
    await page.getByTestId('actions').getByRole('button', { name: 'Ký số', exact: true }).click();
    const dialog = page.getByRole('dialog');
    // Offered only because the plugin answered on this computer.
    const usb = dialog.getByTestId('signing-plugin');
    await expect(usb).toHaveText('Ký bằng USB token (VGCA)', { timeout: 30_000 });
    await page.screenshot(screenshotOf('25-signing-usb-token'));
    const started = Date.now();
    await usb.click();
    await expect(dialog.getByTestId('signed-ok')).toBeVisible({ timeout: 60_000 });
    const clickToSigned = Date.now() - started;
    await expect(dialog.getByTestId('signature').first()).toContainText('Nguyễn Văn Hùng');
    await expect(dialog.getByTestId('pdf-viewer')).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await page.screenshot(screenshotOf('26-signed-usb-token'));
    await dialog.getByTestId('signing-close').click();
    await expect(page.getByTestId('document-status')).toHaveText('Đã ký, chờ ban hành');
    expect(plugin.answers.map((a) => a.status)).toEqual([0]);

    // The stored file: one signature, valid and trusted for poppler's pdfsig and for our verifier.
    const detail = await callApi<{ files: Array<{ id: number; role: string }>; verification: { signatures: Array<{ signerName: string; trusted: boolean }> } }>(page, 'GET', `/api/documents/${draft.id}`);
    expect(detail.verification.signatures).toEqual([expect.objectContaining({ signerName: 'Nguyễn Văn Hùng', trusted: true })]);
    const main = detail.files.find((f) => f.role === 'main')!;
    const stored = await page.request.get(`/api/documents/${draft.id}/files/${main.id}/content`);
    expect(stored.ok()).toBe(true);
    const file = join(dir, 'signed.pdf');
    writeFileSync(file, await stored.body());
    const rootFile = join(dir, 'root.pem');
    writeFileSync(rootFile, plugin.ready.rootPem);
    const nss = join(dir, 'nss');
    mkdirSync(nss);
    for (const args of [
      ['-N', '-d', `sql:${nss}`, '--empty-password'],
      ['-A', '-d', `sql:${nss}`, '-n', 'root', '-t', 'CT,C,C', '-i', rootFile],
    ]) {
      expect(spawnSync('certutil', args, { encoding: 'utf8' }).status).toBe(0);
    }
    const pdfsig = spawnSync('pdfsig', ['-no-ocsp', '-nssdir', `sql:${nss}`, file], { encoding: 'utf8' });
    expect(pdfsig.stdout).toContain('Signature Validation: Signature is Valid.');
    expect(pdfsig.stdout).toContain('Certificate Validation: Certificate is Trusted.');
    expect(pdfsig.stdout).toContain('Signer Certificate Common Name: Nguyễn Văn Hùng');
    expect(pdfsig.stdout.match(/Signature #\d+/g)).toHaveLength(1);
    const verify = spawnSync('npm', ['run', '-s', 'pdf', '--', 'verify', '--in', file, '--trust', rootFile], { cwd: WORKSPACE_ROOT, encoding: 'utf8' });
    expect(verify.stdout).toContain('Verdict: every signature is valid and trusted.');
    expect(verify.status).toBe(0);
    test.info().annotations.push({ type: 'usb-token-sign', description: `click to signed ${clickToSigned} ms; the plugin's fetch, token signature and upload ${plugin.answers[0]?.ms} ms` });
  } finally {
    for (const person of [admin, drafter, reviewer, chairman]) await person.context.close();
    plugin.child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
});
