import type { Locator, Page } from '@playwright/test';
import { expect, test } from '../fixtures';

async function openProfiles(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Profiles' }).click();
}

/** The field says the refusal itself: invalid, described by the message, and still focused; no page banner. */
async function expectSaidBeside(page: Page, field: Locator, says: RegExp): Promise<void> {
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  const describedBy = await field.getAttribute('aria-describedby');
  expect(describedBy, 'the field names its error message').toBeTruthy();
  await expect(page.locator(`[id="${describedBy}"]`)).toHaveText(says);
  await expect(field).toBeFocused();
  await expect(page.locator('.banner')).toHaveCount(0);
}

test.beforeEach(async ({ page, bridge }) => {
  for (const name of ['Production', 'Staging']) {
    const created = await bridge.core.api['profiles.create']({ name, baseUrl: `http://127.0.0.1:9/${name.toLowerCase()}` });
    if (!created.ok) throw new Error(created.error.message);
  }
  await page.reload();
  await openProfiles(page);
});

test('adding a profile under a name another has says so beside the name field, which keeps focus', async ({ page }) => {
  const name = page.getByLabel('Profile name');
  await name.fill('production');
  await page.getByLabel('Base URL').fill('https://other.example/api');
  await page.getByLabel('Base URL').press('Enter');
  await expectSaidBeside(page, name, /A profile named "production" already exists/);
  await expect(page.getByLabel('Base URL')).not.toHaveAttribute('aria-invalid', 'true');

  // An edit clears it, and a free name is added.
  await name.fill('Production EU');
  await expect(name).not.toHaveAttribute('aria-invalid', 'true');
  await page.getByRole('button', { name: 'Add profile' }).click();
  await expect(page.getByTestId('profile-card').filter({ hasText: 'Production EU' })).toBeFocused();
});

test('renaming a profile to a name another has says so beside its field, from Enter or from Save', async ({ page }) => {
  const card = page.getByTestId('profile-card').filter({ has: page.getByRole('heading', { name: 'Staging' }) });
  await card.getByRole('button', { name: 'Rename' }).click();
  const field = card.getByLabel('Name');
  await field.fill('Production');
  await field.press('Enter');
  await expectSaidBeside(page, field, /A profile named "Production" already exists/);

  // Save clicked with the mouse: the button is disabled until an edit, so focus goes back to the field.
  await field.fill('PRODUCTION');
  await expect(field).not.toHaveAttribute('aria-invalid', 'true');
  await card.getByRole('button', { name: 'Save' }).click();
  await expectSaidBeside(page, field, /A profile named "PRODUCTION" already exists/);

  await field.fill('Staging EU');
  await field.press('Enter');
  await expect(card.getByRole('heading', { level: 2 })).toHaveText('Staging EU');
});
