import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useBlocker } from 'react-router-dom';
import { useT } from '../i18n/messages.ts';
import { captureMessages } from './messages.ts';

/** Keys typed into a field or a list are the field's, not the camera's. */
function typingIn(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element?.closest) return false;
  return Boolean(element.closest('input, textarea, select, [contenteditable="true"], [role="combobox"], [role="listbox"], .ant-modal'));
}

/** Space captures, wherever the focus is, except in a field; the button it would press is not pressed twice. */
export function useSpaceToCapture(capture: () => Promise<void>): void {
  const latest = useRef(capture);
  useEffect(() => {
    latest.current = capture;
  }, [capture]);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.code !== 'Space' || typingIn(event.target)) return;
      event.preventDefault();
      if (!event.repeat) void latest.current();
    };
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.code === 'Space' && !typingIn(event.target)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  }, []);
}

/**
 * Staged pages live only in this page: closing or reloading it with some left asks first, and so
 * does leaving through the menu or a link; those pages are originals not yet in the archive.
 */
export function useLeaveGuard(waiting: number): void {
  const t = useT(captureMessages);
  const { modal } = App.useApp();
  useEffect(() => {
    if (waiting === 0) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [waiting]);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => waiting > 0 && currentLocation.pathname !== nextLocation.pathname);
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('leaveTitle'),
      content: t('leaveBody', { count: waiting }),
      okText: t('leaveOk'),
      okButtonProps: { danger: true },
      cancelText: t('leaveCancel'),
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
      afterClose: () => {
        asking.current = false;
      },
    });
  }, [blocker, modal, t, waiting]);
}
