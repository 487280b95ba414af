import { Link } from 'react-router';

export function NotFound() {
  return (
    <section className="notice" data-testid="page-not-found">
      <h1>Page not found</h1>
      <p>
        <Link to="/">See all specialties</Link>
      </p>
    </section>
  );
}
