/**
 * Messages: Vietnamese by default (bundled), English loaded when chosen. Every visible string
 * comes from the catalogues in locales/.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import vi from './locales/vi.json';

export const LANGUAGES = ['vi', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'kc-desk-language';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof vi };
  }
}

function storedLanguage(): Language {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return value === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

async function loadCatalogue(language: Language): Promise<void> {
  if (language === 'vi' || i18next.hasResourceBundle(language, 'translation')) return;
  const { default: messages } = await import('./locales/en.json');
  i18next.addResourceBundle(language, 'translation', messages);
}

/** Starts i18next in the stored language (Vietnamese unless the user chose English). */
export async function initI18n(): Promise<void> {
  const language = storedLanguage();
  await i18next.use(initReactI18next).init({
    lng: 'vi',
    fallbackLng: 'vi',
    resources: { vi: { translation: vi } },
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  await switchLanguage(language);
}

/** Changes the language of the whole desk and remembers the choice. */
export async function switchLanguage(language: Language): Promise<void> {
  await loadCatalogue(language);
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
}
