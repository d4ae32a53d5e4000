/** Dates, numbers and durations in the user's language, through Intl. */

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  make: () => T,
): T {
  let found = cache.get(key);
  if (!found) {
    found = make();
    cache.set(key, found);
  }
  return found as T;
}

/** `vi` → `vi-VN`, `en` → `en-GB`: day-month order and 24-hour time for both. */
export function localeTag(language: string): string {
  return language.startsWith('en') ? 'en-GB' : 'vi-VN';
}

/** A date and time, e.g. "14:05 3/7/2025". */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) return '—';
  return cached(
    `dt:${language}`,
    () => new Intl.DateTimeFormat(localeTag(language), { dateStyle: 'short', timeStyle: 'short' }),
  ).format(new Date(iso));
}

/** A day, e.g. "3 thg 7". */
export function formatDay(iso: string, language: string): string {
  return cached(
    `d:${language}`,
    () => new Intl.DateTimeFormat(localeTag(language), { day: 'numeric', month: 'short' }),
  ).format(new Date(iso));
}

/** A calendar day written YYYY-MM-DD, with its year, e.g. "01/03/2026"; the same everywhere. */
export function formatCalendarDay(day: string, language: string): string {
  return cached(
    `cd:${language}`,
    () =>
      new Intl.DateTimeFormat(localeTag(language), {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        timeZone: 'UTC',
      }),
  ).format(new Date(`${day}T00:00:00Z`));
}

/** A whole number with the language's grouping, e.g. "10.000" in Vietnamese. */
export function formatNumber(value: number, language: string): string {
  return cached(`n:${language}`, () => new Intl.NumberFormat(localeTag(language))).format(value);
}

/** A share as a percentage, e.g. "87 %". */
export function formatPercent(value: number, language: string): string {
  return cached(
    `p:${language}`,
    () =>
      new Intl.NumberFormat(localeTag(language), { style: 'percent', maximumFractionDigits: 0 }),
  ).format(value);
}

/** Hours as a short duration: "45 phút", "3,5 giờ", "2 ngày". */
export function formatHours(hours: number | null, language: string): string {
  if (hours === null) return '—';
  const tag = localeTag(language);
  const unit = (value: number, u: 'minute' | 'hour' | 'day') =>
    cached(
      `u:${language}:${u}`,
      () =>
        new Intl.NumberFormat(tag, {
          style: 'unit',
          unit: u,
          unitDisplay: 'long',
          maximumFractionDigits: 1,
        }),
    ).format(value);
  if (hours < 1) return unit(Math.round(hours * 60), 'minute');
  if (hours < 48) return unit(hours, 'hour');
  return unit(hours / 24, 'day');
}

/** "in 3 hours" / "2 days ago" relative to now. */
export function formatRelative(iso: string, language: string, now = Date.now()): string {
  const diffMinutes = (new Date(iso).getTime() - now) / 60_000;
  const rtf = cached(
    `r:${language}`,
    () => new Intl.RelativeTimeFormat(localeTag(language), { numeric: 'auto' }),
  );
  if (Math.abs(diffMinutes) < 60) return rtf.format(Math.round(diffMinutes), 'minute');
  if (Math.abs(diffMinutes) < 48 * 60) return rtf.format(Math.round(diffMinutes / 60), 'hour');
  return rtf.format(Math.round(diffMinutes / 1440), 'day');
}

function unitFormat(
  language: string,
  unit: 'second' | 'minute' | 'hour' | 'day' | 'millisecond' | 'kilobyte' | 'megabyte' | 'gigabyte',
  digits: number,
): Intl.NumberFormat {
  return cached(
    `unit:${language}:${unit}:${digits}`,
    () =>
      new Intl.NumberFormat(localeTag(language), {
        style: 'unit',
        unit,
        unitDisplay: 'short',
        maximumFractionDigits: digits,
      }),
  );
}

/** A duration in seconds at a sensible scale: "45 giây", "12 phút", "3,5 giờ", "2 ngày". */
export function formatSeconds(seconds: number, language: string): string {
  if (seconds < 60) return unitFormat(language, 'second', 0).format(Math.round(seconds));
  if (seconds < 3600) return unitFormat(language, 'minute', 0).format(Math.floor(seconds / 60));
  if (seconds < 48 * 3600) return unitFormat(language, 'hour', 1).format(seconds / 3600);
  return unitFormat(language, 'day', 1).format(seconds / 86_400);
}

/** Milliseconds, with a decimal below 10 ms; "—" when there is no figure. */
export function formatMilliseconds(ms: number | null, language: string): string {
  if (ms === null) return '—';
  return unitFormat(language, 'millisecond', ms < 10 ? 1 : 0).format(ms);
}

/** A size in bytes as kB, MB or GB (powers of 1,000). */
export function formatBytes(bytes: number, language: string): string {
  if (bytes < 1e6) return unitFormat(language, 'kilobyte', 1).format(bytes / 1e3);
  if (bytes < 1e9) return unitFormat(language, 'megabyte', 1).format(bytes / 1e6);
  return unitFormat(language, 'gigabyte', 1).format(bytes / 1e9);
}

/** A time of day with seconds, e.g. "14:05:09". */
export function formatTime(iso: string, language: string): string {
  return cached(
    `t:${language}`,
    () => new Intl.DateTimeFormat(localeTag(language), { timeStyle: 'medium' }),
  ).format(new Date(iso));
}
