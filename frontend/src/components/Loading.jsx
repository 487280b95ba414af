export function Loading({ what }) {
  return (
    <p className="muted" role="status" data-testid="loading">
      Loading {what}…
    </p>
  );
}
