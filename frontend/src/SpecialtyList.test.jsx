import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { API, useFakeApi, useUnreachableApi } from './test/fakeApi.js';
import { renderApp } from './test/renderApp.jsx';

afterEach(() => vi.unstubAllGlobals());

describe('the specialty list', () => {
  it('loads specialties from the configured API and lists them with their slot counts', async () => {
    const fetchMock = useFakeApi();
    renderApp('/');

    const items = await screen.findAllByTestId('specialty-item');

    expect(items.map((item) => item.dataset.specialtyId)).toEqual(['cardiology', 'ophthalmology']);
    expect(within(items[0]).getByTestId('open-slot-count')).toHaveTextContent('2 open slots');
    expect(within(items[1]).getByTestId('open-slot-count')).toHaveTextContent('No open slots');
    expect(fetchMock).toHaveBeenCalledWith(`${API}/api/specialties`, expect.anything());
  });

  it('shows a loading state until the API answers', async () => {
    useFakeApi();
    renderApp('/');

    expect(screen.getByTestId('loading')).toBeInTheDocument();
    await screen.findByTestId('specialty-list');
    expect(screen.queryByTestId('loading')).not.toBeInTheDocument();
  });

  it('asks the API to filter and shows the empty state when nothing matches', async () => {
    const fetchMock = useFakeApi();
    const { user } = renderApp('/');
    await screen.findByTestId('specialty-list');

    await user.type(screen.getByTestId('specialty-filter'), 'zzz');

    expect(await screen.findByTestId('specialty-list-empty')).toHaveTextContent(
      'No specialties match your filter.',
    );
    expect(screen.queryByTestId('specialty-list')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenLastCalledWith(`${API}/api/specialties?q=zzz`, expect.anything());
  });

  it('restores the filter from the URL', async () => {
    const fetchMock = useFakeApi();
    renderApp('/?q=cardio&open=true');

    const items = await screen.findAllByTestId('specialty-item');

    expect(items).toHaveLength(1);
    expect(screen.getByTestId('specialty-filter')).toHaveValue('cardio');
    expect(screen.getByTestId('open-slots-only')).toBeChecked();
    expect(fetchMock).toHaveBeenCalledWith(
      `${API}/api/specialties?q=cardio&hasOpenSlots=true`,
      expect.anything(),
    );
  });

  it('shows an alert when the API is unreachable, and recovers on retry', async () => {
    const fetchMock = useUnreachableApi();
    const { user } = renderApp('/');

    const alert = await screen.findByRole('alert');

    expect(alert).toHaveAttribute('data-testid', 'error-message');
    expect(alert).toHaveTextContent('The API cannot be reached');

    useFakeApi();
    await user.click(within(alert).getByTestId('retry-button'));

    expect(await screen.findByTestId('specialty-list')).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it('shows the API error message when the API answers an error', async () => {
    window.__BLUEMED_CONFIG__ = { apiUrl: API };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('<html>Bad gateway</html>', { status: 502 })),
    );
    renderApp('/');

    expect(await screen.findByRole('alert')).toHaveTextContent('status 502');
  });
});
