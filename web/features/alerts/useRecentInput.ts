import { useEffect, useState } from 'react';

const EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Whether the person touched mouse or keyboard within the last `windowMs`. Background polls (the inbox bell on every
 * page) stop while nobody is there: each answered request restarts the server's idle clock, and a bell that polled
 * forever would keep an abandoned session open past the 等保 idle timeout.
 */
export function useRecentInput(windowMs: number): boolean {
  const [lastInputAt, setLastInputAt] = useState(() => Date.now());
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let last = 0;
    // one state update per second at most, however fast the events come
    const onInput = () => {
      const t = Date.now();
      if (t - last > 1_000) {
        last = t;
        setLastInputAt(t);
      }
    };
    EVENTS.forEach((e) => window.addEventListener(e, onInput, { passive: true }));
    const timer = window.setInterval(() => setNow(Date.now()), 15_000);
    return () => {
      EVENTS.forEach((e) => window.removeEventListener(e, onInput));
      window.clearInterval(timer);
    };
  }, []);
  return Math.max(now, lastInputAt) - lastInputAt < windowMs;
}
