import { useCallback, useEffect } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { getSpecialties } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.jsx';
import { Loading } from '../components/Loading.jsx';
import { useResource } from '../useResource.js';

// The filter lives in the URL (?q=...&open=true), so a filtered list can be shared,
// reloaded, and returned to from a detail page.
export function SpecialtyList() {
  const [params, setParams] = useSearchParams();
  const location = useLocation();
  const q = params.get('q') ?? '';
  const openOnly = params.get('open') === 'true';

  useEffect(() => {
    document.title = 'Specialties · bluemed';
  }, []);

  const load = useCallback(
    (signal) => getSpecialties({ q: q.trim(), hasOpenSlots: openOnly ? true : undefined }, signal),
    [q, openOnly],
  );
  const specialties = useResource(load);

  function updateFilter(changes) {
    const next = new URLSearchParams(params);
    for (const [name, value] of Object.entries(changes)) {
      if (value) next.set(name, value);
      else next.delete(name);
    }
    setParams(next, { replace: true });
  }

  return (
    <section aria-labelledby="list-title">
      <h1 id="list-title">Specialties</h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="specialty-filter">Filter</label>
        <input
          id="specialty-filter"
          type="search"
          placeholder="e.g. cardio"
          value={q}
          maxLength={50}
          onChange={(event) => updateFilter({ q: event.target.value })}
          data-testid="specialty-filter"
        />
        <label className="checkbox">
          <input
            type="checkbox"
            checked={openOnly}
            onChange={(event) => updateFilter({ open: event.target.checked ? 'true' : '' })}
            data-testid="open-slots-only"
          />
          Only with open slots
        </label>
      </form>

      {specialties.status === 'loading' && <Loading what="specialties" />}
      {specialties.status === 'error' && (
        <ErrorMessage what="specialties" error={specialties.error} onRetry={specialties.retry} />
      )}
      {specialties.status === 'ready' && specialties.data.items.length === 0 && (
        <p className="notice" data-testid="specialty-list-empty">
          No specialties match your filter.
        </p>
      )}
      {specialties.status === 'ready' && specialties.data.items.length > 0 && (
        <ul className="cards" data-testid="specialty-list">
          {specialties.data.items.map((specialty) => (
            <li key={specialty.id} data-testid="specialty-item" data-specialty-id={specialty.id}>
              <Link
                to={`/specialties/${specialty.id}`}
                state={{ listSearch: location.search }}
                data-testid={`specialty-link-${specialty.id}`}
              >
                {specialty.name}
              </Link>
              <span
                className={specialty.openSlotCount > 0 ? 'badge' : 'badge badge-none'}
                data-testid="open-slot-count"
              >
                {slotCountLabel(specialty.openSlotCount)}
              </span>
              <p className="muted">{specialty.description}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function slotCountLabel(count) {
  if (count === 0) return 'No open slots';
  return count === 1 ? '1 open slot' : `${count} open slots`;
}
