import { useCallback } from 'react';
import { useLocale } from './locale.tsx';

/**
 * Each domain keeps its strings in its own `messages.ts`: the Chinese text first, the English with
 * exactly the same keys (the compiler checks). `{name}` in a string is replaced by vars.name.
 */
export interface Messages<K extends string> {
  'zh-CN': Record<K, string>;
  en: Record<K, string>;
}

export function defineMessages<const Z extends Record<string, string>>(zhCN: Z, en: Record<keyof Z, string>): Messages<keyof Z & string> {
  return { 'zh-CN': zhCN, en };
}

export type Translate<K extends string> = (key: K, vars?: Record<string, string | number>) => string;

export function format(template: string, vars?: Record<string, string | number>): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export function useT<K extends string>(messages: Messages<K>): Translate<K> {
  const { locale } = useLocale();
  return useCallback((key: K, vars?: Record<string, string | number>) => format(messages[locale][key], vars), [messages, locale]);
}

/** A label the server sends in both languages ({ zh, en }), shown in the reader's. */
export function useBilingual(): (label: { zh: string; en: string } | undefined | null) => string {
  const { locale } = useLocale();
  return useCallback((label) => (label ? (locale === 'en' ? label.en : label.zh) : ''), [locale]);
}
