import { useEffect, useLayoutEffect, useRef } from 'react';

/**
 * Keys for the page, by KeyboardEvent.code so they do not depend on the keyboard layout or an input
 * method (Alt+A gives "å" on a Mac, a Chinese IME composes letters). 'Alt+KeyA' or a bare 'ArrowRight'.
 */
export type Shortcuts = Partial<Record<string, () => void>>;

/** Widgets whose arrow keys move within them (tabs, lists, the split bar). */
const WIDGETS_WITH_OWN_KEYS = '[role="tablist"], [role="listbox"], [role="menu"], [role="tree"], [role="slider"], [role="separator"], [role="grid"]';

/** Typing in a field, or working in a dialog, keeps its keys to itself. */
function keysBelongElsewhere(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target || event.isComposing) return true;
  if (target.closest('[role="dialog"]')) return true;
  if (event.altKey) return false;
  if (target.closest(WIDGETS_WITH_OWN_KEYS)) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function chordOf(event: KeyboardEvent): string | null {
  if (event.ctrlKey || event.metaKey) return null;
  return event.altKey ? `Alt+${event.code}` : event.shiftKey && event.code.startsWith('Arrow') ? null : event.code;
}

/** Listens on the whole window while mounted; the latest handlers are used without re-subscribing. */
export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  const current = useRef(shortcuts);
  useLayoutEffect(() => {
    current.current = shortcuts;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || keysBelongElsewhere(event)) return;
      const chord = chordOf(event);
      const handler = chord ? current.current[chord] : undefined;
      if (!handler) return;
      event.preventDefault();
      handler();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}

/** How a chord is written in a tooltip: 'Alt+KeyA' → 'Alt+A', 'ArrowRight' → '→'. */
export function chordLabel(chord: string): string {
  return chord
    .replace('Key', '')
    .replace('Digit', '')
    .replace('ArrowLeft', '←')
    .replace('ArrowRight', '→')
    .replace('Equal', '+')
    .replace('Minus', '-');
}
