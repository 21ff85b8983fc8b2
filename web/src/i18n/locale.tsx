import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';

export type Locale = 'zh-CN' | 'en';
const STORAGE_KEY = 'hukou.locale';

function storedLocale(): Locale {
  // Only the language choice is remembered in the browser; never anything about the session.
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'zh-CN';
}

interface LocaleState {
  locale: Locale;
  setLocale: (locale: Locale) => void;
}

const LocaleContext = createContext<LocaleState>({ locale: 'zh-CN', setLocale: () => undefined });

/** The reader's language: Chinese first; English when chosen, remembered for the next visit. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(storedLocale);
  const setLocale = useCallback((next: Locale) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLocaleState(next);
  }, []);
  const value = useMemo(() => ({ locale, setLocale }), [locale, setLocale]);
  return <LocaleContext.Provider value={value}>{children}</LocaleContext.Provider>;
}

export function useLocale(): LocaleState {
  return useContext(LocaleContext);
}

/** The language the API is asked to answer errors in (server/http/error-handler.ts reads Accept-Language). */
export function currentLocale(): Locale {
  return storedLocale();
}
