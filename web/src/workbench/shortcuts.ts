import { useEffect, useLayoutEffect, useRef } from 'react';

/** A dialog on screen (antd keeps closed ones in the page, hidden). */
function dialogOpen(): boolean {
  return Array.from(document.querySelectorAll('[role="dialog"]')).some((element) => element.getClientRects().length > 0);
}

/**
 * Alt+letter shortcuts for a page's frequent acts, by KeyboardEvent.code so they work whatever the
 * keyboard layout or input method. Not while a dialog is open: its own keys come first.
 * (Used by the workbench, administration and audit pages; a candidate for web/src/shared.)
 */
export function useAltShortcuts(shortcuts: Partial<Record<string, () => void>>): void {
  const current = useRef(shortcuts);
  useLayoutEffect(() => {
    current.current = shortcuts;
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!event.altKey || event.ctrlKey || event.metaKey || event.isComposing || event.defaultPrevented) return;
      if (dialogOpen()) return;
      const handler = current.current[event.code];
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
