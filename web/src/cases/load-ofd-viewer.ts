import viewerUrl from 'ofd.js/lib/ofd.umd.min.js?url';

/** ofd.js 0.2.6 (Apache-2.0): the two functions OfdView uses, as its UMD build exposes them. */
export interface OfdDocument {
  readonly pages: readonly unknown[];
}

export interface OfdViewer {
  parseOfdDocument: (options: { ofd: ArrayBuffer; success: (documents: OfdDocument[]) => void; fail: (error: unknown) => void }) => void;
  /** Page divs laid out for a screen this many pixels wide. */
  renderOfd: (screenWidth: number, document: OfdDocument) => HTMLDivElement[];
}

let loading: Promise<OfdViewer> | undefined;

/**
 * ofd.js is loaded as the classic script it was built as, from this origin, only when a notice is
 * shown. Bundled as a module it would run in strict mode, where its regenerator runtime finds the
 * global object only through Function(), which the app's content security policy (no eval) refuses.
 */
export function loadOfdViewer(): Promise<OfdViewer> {
  loading ??= new Promise<OfdViewer>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = viewerUrl;
    script.async = true;
    script.onload = () => {
      const viewer = (window as { ofd?: OfdViewer }).ofd;
      if (viewer) resolve(viewer);
      else reject(new Error('ofd.js loaded without defining its viewer'));
    };
    script.onerror = () => {
      loading = undefined;
      reject(new Error('ofd.js could not be loaded'));
    };
    document.head.appendChild(script);
  });
  return loading;
}
