import { useCallback, useEffect, useState } from 'react';

// Runs `load(signal)` whenever `load` changes (callers memoise it with useCallback) and
// aborts the previous request, so a slow answer for an old filter never overwrites a newer
// one. The result remembers which load and attempt produced it; anything else is loading.
export function useResource(load) {
  const [attempt, setAttempt] = useState(0);
  const [result, setResult] = useState({ load: undefined });

  useEffect(() => {
    const controller = new AbortController();
    load(controller.signal).then(
      (data) => setResult({ load, attempt, data }),
      (error) => {
        if (!controller.signal.aborted) setResult({ load, attempt, error });
      },
    );
    return () => controller.abort();
  }, [load, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);

  if (result.load !== load || result.attempt !== attempt) return { status: 'loading', retry };
  if (result.error) return { status: 'error', error: result.error, retry };
  return { status: 'ready', data: result.data, retry };
}
