import { useCallback, useEffect } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { getSlots, getSpecialty } from '../api.js';
import { ErrorMessage } from '../components/ErrorMessage.jsx';
import { Loading } from '../components/Loading.jsx';
import { useResource } from '../useResource.js';

const slotTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: 'UTC',
  timeZoneName: 'short',
});

export function SpecialtyDetail() {
  const { id } = useParams();
  const location = useLocation();
  const backTo = `/${location.state?.listSearch ?? ''}`;

  const load = useCallback(
    async (signal) => {
      const [specialty, slots] = await Promise.all([
        getSpecialty(id, signal),
        getSlots(id, signal),
      ]);
      return { specialty, slots: slots.items };
    },
    [id],
  );
  const detail = useResource(load);
  const name = detail.status === 'ready' ? detail.data.specialty.name : undefined;

  useEffect(() => {
    document.title = `${name ?? 'Specialty'} · bluemed`;
  }, [name]);

  return (
    <section>
      <nav>
        <Link to={backTo} data-testid="back-to-list">
          ← All specialties
        </Link>
      </nav>

      {detail.status === 'loading' && <Loading what="the specialty" />}
      {detail.status === 'error' && detail.error.status === 404 && (
        <div className="notice" data-testid="specialty-not-found">
          <h1>Specialty not found</h1>
          <p>There is no specialty called “{id}”.</p>
        </div>
      )}
      {detail.status === 'error' && detail.error.status !== 404 && (
        <ErrorMessage what="the specialty" error={detail.error} onRetry={detail.retry} />
      )}
      {detail.status === 'ready' && <Specialty {...detail.data} />}
    </section>
  );
}

function Specialty({ specialty, slots }) {
  return (
    <article data-testid="specialty-detail" data-specialty-id={specialty.id}>
      <h1 data-testid="specialty-name">{specialty.name}</h1>
      <p data-testid="specialty-description">{specialty.description}</p>

      <h2>Open slots</h2>
      {slots.length === 0 ? (
        <p className="notice" data-testid="slots-empty">
          No open slots
        </p>
      ) : (
        <ul className="slots" data-testid="slot-list">
          {slots.map((slot) => (
            <li key={slot.id} data-testid="slot-item" data-slot-id={slot.id}>
              <time dateTime={slot.startsAt}>{slotTime.format(new Date(slot.startsAt))}</time>
              <span>{slot.durationMinutes} min</span>
              <span className="muted">{slot.location}</span>
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}
