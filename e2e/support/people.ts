import { Browser, BrowserContext, expect, Locator, Page } from '@playwright/test';
import { DEMO_PASSWORD } from './fixtures';

/** The demo people of the route (tools' seed); every password is Demo@123, every signing PIN 123456. */
export const PEOPLE = {
  // The district's own specialist drafts: a Phòng Nội vụ specialist cannot list the district's
  // leaders yet (GET /organisations/:id/members is scoped to the user's own subtree).
  specialist: 'tuyduc.chuyenvien1',
  viceChairman: 'tuyduc.phochutich',
  ntSpecialist: 'tuyduc-nv.chuyenvien1',
  chairman: 'tuyduc.lanhdao',
  districtClerk: 'tuyduc.vanthu',
  qtClerk: 'quangtan.vanthu',
  qtLeader: 'quangtan.lanhdao',
  qtSpecialist: 'quangtan.chuyenvien1',
  otherCommuneClerk: 'dakbukso.vanthu',
} as const;

export const SIGNING_PIN = '123456';

/** A person at their own browser window: each has a context of their own, so sessions do not mix. */
export interface Person {
  context: BrowserContext;
  page: Page;
}

/** A window's size in CSS pixels. */
export interface Viewport {
  width: number;
  height: number;
}

/** An office computer's screen: the size every test uses unless it says otherwise. */
export const DESKTOP: Viewport = { width: 1366, height: 768 };
/** A phone (issue 16: "the phone is a first-class screen"): touch, a mobile browser, a 2× screen. */
export const PHONE: Viewport = { width: 390, height: 844 };

/** Logs in at its own browser window, a desktop one unless `viewport` says otherwise (below 600 px wide: a phone). */
export async function logInAs(browser: Browser, baseURL: string, username: string, viewport: Viewport = DESKTOP): Promise<Person> {
  const phone = viewport.width < 600;
  const context = await browser.newContext({
    baseURL,
    viewport,
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
  });
  const page = await context.newPage();
  await page.goto('/login');
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Xin chào');
  return { context, page };
}

/** Closes every person's window (their session ends with it). */
export async function closeAll(people: Person[]): Promise<void> {
  for (const person of people) await person.context.close();
}

/**
 * The people of a test that logs them in one after another as the story needs them:
 * `as(username)` opens that person's window and gives its page; `closeAll()` ends them all.
 */
export function castOf(browser: Browser, baseURL: string): { as: (username: string) => Promise<Page>; closeAll: () => Promise<void> } {
  const people: Person[] = [];
  return {
    as: async (username) => {
      const person = await logInAs(browser, baseURL, username);
      people.push(person);
      return person.page;
    },
    closeAll: () => closeAll(people),
  };
}

/**
 * Picks an option of a Material select by its visible text. The options of some selects come
 * from a request (members, leaders): if the panel opened before they arrived, close it and
 * open it again.
 */
export async function choose(page: Page, select: Locator, option: string | RegExp): Promise<void> {
  const wanted = page.getByRole('option', { name: option }).first();
  for (let attempt = 0; attempt < 10; attempt++) {
    // An empty select's floating label lies over it: click through.
    await select.click({ force: true });
    try {
      await wanted.waitFor({ state: 'visible', timeout: 3_000 });
      break;
    } catch {
      // Escape closes the open panel; pressed with no panel open it would close a dialog.
      if ((await select.getAttribute('aria-expanded')) === 'true') await page.keyboard.press('Escape');
      await expect(select).toHaveAttribute('aria-expanded', 'false');
    }
  }
  const multiple = (await page.locator('.mat-mdc-select-panel').first().getAttribute('aria-multiselectable')) === 'true';
  await wanted.click();
  // A multiple select stays open until Escape; a single one closes by itself.
  if (multiple) await page.keyboard.press('Escape');
  await expect(select).toHaveAttribute('aria-expanded', 'false');
}

/** A calendar day `days` from today in Vietnam, as typed in the app: dd/MM/yyyy. */
export function vietnamDay(days: number): string {
  const [year, month, day] = new Date(Date.now() + 7 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10).split('-');
  return `${day}/${month}/${year}`;
}

/** Calls the API as the person logged in on `page` (same cookies, CSRF header), for arranging data quickly. */
export async function callApi<T>(page: Page, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown): Promise<T> {
  const cookies = await page.context().cookies();
  const csrf = cookies.find((c) => c.name === 'XSRF-TOKEN')?.value ?? '';
  const response = await page.request.fetch(url, {
    method,
    headers: { 'x-xsrf-token': decodeURIComponent(csrf) },
    data: body,
  });
  if (!response.ok()) throw new Error(`${method} ${url}: ${response.status()} ${await response.text()}`);
  return (await response.json()) as T;
}
