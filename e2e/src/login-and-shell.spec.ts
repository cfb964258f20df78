import { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, screenshotOf, test } from '../support/fixtures';

// The demo clerk (văn thư) of the commune Quảng Tân, seeded with SEED_DEMO=true.
const CLERK = 'quangtan.vanthu';

async function logIn(page: Page, username: string, password: string): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

test('the clerk of a commune logs in, works in Vietnamese, switches to English and logs out', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole('heading', { name: 'Đăng nhập' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
  await page.screenshot(screenshotOf('01-login-vi'));

  await logIn(page, CLERK, DEMO_PASSWORD);

  const navigation = page.getByRole('navigation');
  await expect(navigation.getByRole('link', { name: 'Văn bản đến' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'Trang chủ' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'Văn bản đi' })).toBeVisible();
  // A clerk does not administer users.
  await expect(navigation.getByRole('link', { name: 'Quản trị' })).toHaveCount(0);
  await expect(page.getByTestId('user-organisation')).toHaveText('UBND xã Quảng Tân');

  // Whatever name the seed gave the clerk, the toolbar and the greeting agree on it.
  const fullName = (await page.getByTestId('user-name').textContent())?.trim() ?? '';
  expect(fullName.length).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Xin chào, ${fullName}!`);
  await page.screenshot(screenshotOf('02-shell-vi'));

  await navigation.getByRole('link', { name: 'Văn bản đến' }).click();
  await expect(page).toHaveURL(/\/incoming$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Văn bản đến' })).toBeVisible();
  await expect(page.getByTestId('document-table')).toBeVisible();

  await page.locator('vt-language-switch').getByText('English').click();
  await expect(navigation.getByRole('link', { name: 'Incoming documents' })).toBeVisible();
  await expect(navigation.getByRole('link', { name: 'Văn bản đến' })).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1, name: 'Incoming documents' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await navigation.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${fullName}!`);
  await page.screenshot(screenshotOf('03-shell-en'));

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page).toHaveURL(/\/login$/);
  // The language is a preference the browser keeps across log-outs.
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();

  // The session is really gone on the server, not only forgotten by the page.
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  const me = await page.request.get('/api/auth/me');
  expect(me.status()).toBe(401);
});

test('a wrong password gets a clear message in the chosen language and keeps what was typed', async ({ page }) => {
  await page.goto('/login');
  await logIn(page, CLERK, 'not-the-password');

  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
  await expect(page.locator('input[name=username]')).toHaveValue(CLERK);
  await expect(page.locator('input[name=password]')).toHaveValue('not-the-password');
  await page.screenshot(screenshotOf('04-login-wrong-password-vi'));

  await page.locator('vt-language-switch').getByText('English').click();
  await expect(alert).toHaveText('Wrong username or password.');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test('the side navigation folds into a menu button', async ({ page }) => {
    await page.goto('/login');
    await page.screenshot(screenshotOf('05-login-phone'));
    await logIn(page, CLERK, DEMO_PASSWORD);

    const menuButton = page.getByRole('button', { name: 'Mở menu' });
    const incoming = page.getByRole('navigation').getByRole('link', { name: 'Văn bản đến' });
    await expect(menuButton).toBeVisible();
    await expect(incoming).toBeHidden();
    await page.screenshot(screenshotOf('06-shell-phone'));

    await menuButton.click();
    await expect(incoming).toBeVisible();
    await page.screenshot(screenshotOf('07-shell-phone-menu'));
    await incoming.click();
    await expect(page.getByRole('heading', { level: 1, name: 'Văn bản đến' })).toBeVisible();

    await page.getByRole('button', { name: 'Tài khoản' }).click();
    await expect(page.getByRole('menu').getByText('UBND xã Quảng Tân')).toBeVisible();
    await page.screenshot(screenshotOf('08-shell-phone-account'));
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await expect(page).toHaveURL(/\/login$/);
  });
});

test("a specialist changes their password; the server's refusals are shown in the dialog", async ({ page }) => {
  const username = 'quangtan.chuyenvien2';
  const newPassword = 'DoiMatKhau2024';
  await page.goto('/login');
  await logIn(page, username, DEMO_PASSWORD);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Văn bản đến' })).toBeVisible();

  await page.getByRole('button', { name: 'Tài khoản' }).click();
  await page.getByRole('menuitem', { name: 'Đổi mật khẩu' }).click();
  const dialog = page.getByRole('dialog', { name: 'Đổi mật khẩu' });
  await expect(dialog).toBeVisible();

  await dialog.getByLabel('Mật khẩu hiện tại').fill('not-the-password1');
  await dialog.getByLabel('Mật khẩu mới', { exact: true }).fill(newPassword);
  await dialog.getByLabel('Nhập lại mật khẩu mới').fill(newPassword);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  // A wrong current password: the API's message for it, and no log-out.
  await expect(dialog.getByRole('alert')).toHaveText('Mật khẩu hiện tại không đúng.');
  await page.screenshot(screenshotOf('09-change-password-refused'));

  await dialog.getByLabel('Mật khẩu hiện tại').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText('Đã đổi mật khẩu.')).toBeVisible();

  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page).toHaveURL(/\/login$/);
  await logIn(page, username, newPassword);
  await expect(page.getByRole('navigation').getByRole('link', { name: 'Văn bản đến' })).toBeVisible();
});
