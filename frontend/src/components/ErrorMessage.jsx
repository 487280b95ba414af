export function ErrorMessage({ what, error, onRetry }) {
  return (
    <div className="notice notice-error" role="alert" data-testid="error-message">
      <p>
        Could not load {what}. {error.message}
      </p>
      <button type="button" onClick={onRetry} data-testid="retry-button">
        Try again
      </button>
    </div>
  );
}
