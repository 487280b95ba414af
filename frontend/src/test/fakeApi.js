import { vi } from 'vitest';

export const API = 'http://api.test';

export const SPECIALTIES = [
  {
    id: 'cardiology',
    name: 'Cardiology',
    description: 'Heart rhythm checks.',
    openSlotCount: 2,
  },
  {
    id: 'ophthalmology',
    name: 'Ophthalmology',
    description: 'Eye examinations.',
    openSlotCount: 0,
  },
];

export const SLOTS = {
  cardiology: [
    {
      id: 'slot-001',
      specialtyId: 'cardiology',
      startsAt: '2030-03-04T09:00:00Z',
      durationMinutes: 30,
      location: 'North Clinic, Room 2.14',
    },
    {
      id: 'slot-002',
      specialtyId: 'cardiology',
      startsAt: '2030-03-04T09:30:00Z',
      durationMinutes: 30,
      location: 'North Clinic, Room 2.14',
    },
  ],
  ophthalmology: [],
};

function json(status, body) {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function notFound(id) {
  return json(404, { error: { code: 'not_found', message: `No specialty has the id "${id}"` } });
}

// A stand-in for the backend, answering the same shapes as openapi.yaml describes.
function answer(url) {
  const { pathname, searchParams } = new URL(url);
  if (pathname === '/api/specialties') {
    const q = (searchParams.get('q') ?? '').toLowerCase();
    const items = SPECIALTIES.filter(
      (s) =>
        s.name.toLowerCase().includes(q) &&
        (searchParams.get('hasOpenSlots') !== 'true' || s.openSlotCount > 0),
    );
    return json(200, { items, count: items.length });
  }
  const match = /^\/api\/specialties\/([^/]+)(\/slots)?$/.exec(pathname);
  const specialty = SPECIALTIES.find((s) => s.id === match?.[1]);
  if (!match || !specialty) return notFound(match?.[1]);
  if (match[2]) {
    const items = SLOTS[specialty.id];
    return json(200, { specialtyId: specialty.id, items, count: items.length });
  }
  return json(200, specialty);
}

export function useFakeApi() {
  window.__BLUEMED_CONFIG__ = { apiUrl: API };
  const fetchMock = vi.fn(async (url) => answer(url));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

export function useUnreachableApi() {
  window.__BLUEMED_CONFIG__ = { apiUrl: API };
  const fetchMock = vi.fn(async () => {
    throw new TypeError('Failed to fetch');
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}
