import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useFakeApi, useUnreachableApi } from './test/fakeApi.js';
import { renderApp } from './test/renderApp.jsx';

afterEach(() => vi.unstubAllGlobals());

describe('the specialty detail', () => {
  it('shows the specialty and its open slots from a deep link', async () => {
    useFakeApi();
    renderApp('/specialties/cardiology');

    expect(await screen.findByTestId('specialty-name')).toHaveTextContent('Cardiology');
    const slots = within(screen.getByTestId('slot-list')).getAllByTestId('slot-item');
    expect(slots.map((slot) => slot.dataset.slotId)).toEqual(['slot-001', 'slot-002']);
    expect(slots[0]).toHaveTextContent('09:00');
    expect(slots[0]).toHaveTextContent('30 min');
    expect(slots[0]).toHaveTextContent('North Clinic, Room 2.14');
  });

  it('says "No open slots" for a specialty whose slot list is empty', async () => {
    useFakeApi();
    renderApp('/specialties/ophthalmology');

    expect(await screen.findByTestId('slots-empty')).toHaveTextContent('No open slots');
    expect(screen.queryByTestId('slot-list')).not.toBeInTheDocument();
  });

  it('says the specialty does not exist when the API answers 404', async () => {
    useFakeApi();
    renderApp('/specialties/astrology');

    expect(await screen.findByTestId('specialty-not-found')).toHaveTextContent('astrology');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('shows an alert when the API is unreachable', async () => {
    useUnreachableApi();
    renderApp('/specialties/cardiology');

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not load the specialty');
  });
});

describe('navigation', () => {
  it('goes from the list to a detail and back to the same filtered list', async () => {
    useFakeApi();
    const { user } = renderApp('/?q=cardio');

    await user.click(await screen.findByTestId('specialty-link-cardiology'));
    expect(await screen.findByTestId('specialty-name')).toHaveTextContent('Cardiology');

    await user.click(screen.getByTestId('back-to-list'));
    expect(await screen.findAllByTestId('specialty-item')).toHaveLength(1);
    expect(screen.getByTestId('specialty-filter')).toHaveValue('cardio');
  });

  it('shows a page-not-found view for unknown routes', () => {
    useFakeApi();
    renderApp('/no/such/page');

    expect(screen.getByTestId('page-not-found')).toBeInTheDocument();
  });
});
