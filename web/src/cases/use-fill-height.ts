import { type RefCallback, useCallback, useEffect, useLayoutEffect, useState } from 'react';

/**
 * The height that lets an element reach the bottom of the window (less a margin), at least `min`:
 * the split view then fills the screen at 1366×768 and at 1920×1080 alike, and the page scrolls only
 * when the window is smaller than that.
 */
export function useFillHeight(min: number, margin: number): [RefCallback<HTMLElement>, number] {
  const [element, setElement] = useState<HTMLElement | null>(null);
  const [height, setHeight] = useState(min);

  const measure = useCallback(() => {
    if (!element) return;
    const top = element.getBoundingClientRect().top + window.scrollY;
    setHeight(Math.max(min, Math.floor(window.innerHeight - top - margin)));
  }, [element, min, margin]);

  // What sits above (a notice, a header that wraps) moves the element: measure after every render.
  useLayoutEffect(measure);

  useEffect(() => {
    if (!element) return;
    window.addEventListener('resize', measure);
    // Content above that changes size on its own (an alert's animation, a lazily loaded label).
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [element, measure]);

  return [setElement, height];
}
