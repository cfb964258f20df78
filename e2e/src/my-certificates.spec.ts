import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, screenshotOf, test } from '../support/fixtures';
import { logInAs, PEOPLE } from '../support/people';

/**
 * A certificate as a leader exports it from a USB token: DER (.cer), a signing leaf (not a CA),
 * in the chairman's name; `unit` makes its row unique among the registrations of earlier runs.
 */
function tokenCertificateDer(unit: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'e2e-token-cert-'));
  try {
    writeFileSync(
      join(dir, 'openssl.cnf'),
      [
        '[req]',
        'distinguished_name = dn',
        'prompt = no',
        'utf8 = yes',
        'string_mask = utf8only',
        '[dn]',
        'C = VN',
        'O = UBND huyện Tuy Đức',
        `OU = ${unit}`,
        'CN = Nguyễn Văn Hùng',
        '[leaf]',
        'basicConstraints = critical, CA:FALSE',
        'keyUsage = critical, digitalSignature, nonRepudiation',
        '',
      ].join('\n'),
    );
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '365',
      '-config', join(dir, 'openssl.cnf'), '-extensions', 'leaf',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'token.cer'), '-outform', 'DER',
    ], { stdio: 'pipe' });
    return readFileSync(join(dir, 'token.cer'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the chairman registers his token’s certificate, the administrator approves it, the chairman sees it approved', async ({ browser, baseURL }) => {
  const unit = `Token e2e ${Date.now()}`;
  const der = tokenCertificateDer(unit);
  const chairman = await logInAs(browser, baseURL as string, PEOPLE.chairman);
  const admin = await logInAs(browser, baseURL as string, 'admin');
  try {
    const page = chairman.page;
    await page.getByRole('button', { name: 'Tài khoản' }).click();
    await page.getByRole('menuitem', { name: 'Chứng thư số của tôi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Chứng thư số của tôi' })).toBeVisible();

    // Not a certificate: the server's reason, in Vietnamese, and nothing listed.
    await page.getByTestId('mycert-file').setInputFiles({ name: 'van-ban.cer', mimeType: 'application/pkix-cert', buffer: Buffer.from('không phải chứng thư') });
    await expect(page.getByTestId('mycert-error')).toContainText('Tệp không phải chứng thư số X.509 đọc được');
    await expect(page.locator('tr', { hasText: unit })).toHaveCount(0);

    await page.getByTestId('mycert-file').setInputFiles({ name: 'token.cer', mimeType: 'application/pkix-cert', buffer: der });
    const mine = page.locator('tr', { hasText: unit });
    await expect(mine).toContainText('Nguyễn Văn Hùng');
    await expect(mine.getByTestId('mycert-status')).toHaveText('Chờ duyệt');
    await expect(page.getByTestId('mycert-error')).toHaveCount(0);
    await page.screenshot(screenshotOf('31-my-certificates-pending'));

    // The same file again: refused, the registration stands.
    await page.getByTestId('mycert-file').setInputFiles({ name: 'token.cer', mimeType: 'application/pkix-cert', buffer: der });
    await expect(page.getByTestId('mycert-error')).toContainText('Bạn đã đăng ký chứng thư số này');

    await admin.page.getByRole('navigation').getByRole('link', { name: 'Quản trị' }).click();
    await admin.page.getByRole('tab', { name: 'Tổ chức chứng thực tin cậy' }).click();
    const pending = admin.page.locator('tr', { hasText: unit });
    await expect(pending).toContainText('Chờ phê duyệt');
    await pending.getByRole('button', { name: 'Phê duyệt' }).click();
    await expect(admin.page.locator('tr', { hasText: unit })).toHaveCount(0);

    await page.reload();
    await expect(page.locator('tr', { hasText: unit }).getByTestId('mycert-status')).toHaveText('Đã duyệt');
    await page.screenshot(screenshotOf('32-my-certificates-approved'));
  } finally {
    await chairman.context.close();
    await admin.context.close();
  }
});
