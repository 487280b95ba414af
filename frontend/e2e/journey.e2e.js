import { expect, test } from '@playwright/test';

// The journey of a person using the SPA against a running deployment: every assertion is on
// what the page shows, and the data comes from the real API behind it.

const isApiCall = (url) => url.pathname.startsWith('/api/');

async function firstSpecialty(page) {
  await page.goto('/');
  const first = page.getByTestId('specialty-item').first();
  await expect(first).toBeVisible();
  return first.getAttribute('data-specialty-id');
}

test('the list shows the specialties the API returns', async ({ page }) => {
  const answer = page.waitForResponse(
    (r) => isApiCall(new URL(r.url())) && new URL(r.url()).pathname === '/api/specialties',
  );
  await page.goto('/');
  const response = await answer;
  expect(response.status()).toBe(200);
  const { count } = await response.json();

  expect(count).toBeGreaterThan(0);
  await expect(page.getByTestId('specialty-item')).toHaveCount(count);
});

test('a specialty opens from the list and leads back to it', async ({ page }) => {
  const id = await firstSpecialty(page);

  await page.getByTestId(`specialty-link-${id}`).click();
  await expect(page).toHaveURL(new RegExp(`/specialties/${id}$`));
  await expect(page.getByTestId('specialty-detail')).toHaveAttribute('data-specialty-id', id);

  await page.getByTestId('back-to-list').click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('specialty-list')).toBeVisible();
});

test('a deep link to a specialty survives a reload', async ({ page }) => {
  const id = await firstSpecialty(page);

  await page.goto(`/specialties/${id}`);
  await expect(page.getByTestId('specialty-detail')).toHaveAttribute('data-specialty-id', id);
  await page.reload();
  await expect(page.getByTestId('specialty-detail')).toHaveAttribute('data-specialty-id', id);
  await expect(page.getByTestId('specialty-name')).not.toBeEmpty();
});

test('a filter that matches nothing shows the empty list', async ({ page }) => {
  await page.goto('/?q=delivery-check-no-match');

  await expect(page.getByTestId('specialty-list-empty')).toBeVisible();
  await expect(page.getByTestId('specialty-item')).toHaveCount(0);
});

test('a specialty with no open slots says so', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('specialty-item').first()).toBeVisible();
  const withoutSlots = page
    .getByTestId('specialty-item')
    .filter({ has: page.getByTestId('open-slot-count').getByText('No open slots') });
  test.skip((await withoutSlots.count()) === 0, 'every specialty has open slots in this data');

  await withoutSlots.first().getByRole('link').click();
  await expect(page.getByTestId('slots-empty')).toBeVisible();
});

test('an unreachable API shows the error state, and retry recovers', async ({ page }) => {
  await page.route(isApiCall, (route) => route.abort('connectionrefused'));
  await page.goto('/');
  await expect(page.getByTestId('error-message')).toContainText('cannot be reached');

  await page.unroute(isApiCall);
  await page.getByTestId('retry-button').click();
  await expect(page.getByTestId('error-message')).toHaveCount(0);
  await expect(page.getByTestId('specialty-item').first()).toBeVisible();
});
