import { useSyncExternalStore } from 'react';
import { en } from './locales/en';
import { type MessageKey, zhCN } from './locales/zh-CN';

/**
 * The UI language: Chinese first, English second, kept in localStorage. Plain React (no antd) so
 * the phone pages share it. Modules add their own strings with `addMessages`.
 */
export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
const STORAGE_KEY = 'linli.lang';

const dictionaries: Record<Lang, Record<string, string>> = { 'zh-CN': { ...zhCN }, en: { ...en } };
const listeners = new Set<() => void>();

function stored(): Lang {
  try {
    const v = globalThis.localStorage?.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let current: Lang = stored();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang): void {
  current = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

/** A module's strings, e.g. `addMessages({ 'zh-CN': careZh, en: careEn })`; keys should start with the module name. */
export function addMessages(messages: Partial<Record<Lang, Record<string, string>>>): void {
  for (const lang of LANGS) Object.assign(dictionaries[lang], messages[lang]);
}

export type TKey = MessageKey | (string & {});
export type TFunction = (key: TKey, vars?: Record<string, string | number>) => string;

/** The string for a key in the current language; falls back to Chinese, then to the key itself. */
export const t: TFunction = (key, vars) => {
  const text = dictionaries[current][key] ?? dictionaries['zh-CN'][key] ?? key;
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
};

/** Whether a key exists (e.g. a role or audit action the dictionary may not know). */
export function hasMessage(key: string): boolean {
  return key in dictionaries['zh-CN'];
}

/** Role code → its name in the current language (the code itself for an unknown role). */
export function roleName(code: string): string {
  return hasMessage(`role.${code}`) ? t(`role.${code}`) : code;
}

function subscribe(cb: () => void) {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** Re-renders the caller when the language changes. */
export function useI18n(): { lang: Lang; t: TFunction; setLang: (lang: Lang) => void } {
  const lang = useSyncExternalStore(subscribe, getLang, getLang);
  return { lang, t, setLang };
}
