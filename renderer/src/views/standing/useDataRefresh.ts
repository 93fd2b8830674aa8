import { useEffect, useRef } from 'react';
import { client } from '../../api';

export const REFRESH_DEBOUNCE_MS = 250;

/**
 * Calls `refresh` (its latest version) after main reports changed data, at
 * most once per burst of events, while the component is mounted. Changes of
 * settings alone do not concern progress figures.
 */
export function useDataRefresh(refresh: () => void, delay = REFRESH_DEBOUNCE_MS): void {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = client.onDataChanged((scope) => {
      if (scope === 'settings') return;
      clearTimeout(timer);
      timer = setTimeout(() => latest.current(), delay);
    });
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [delay]);
}
