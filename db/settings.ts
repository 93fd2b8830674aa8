/** This installation's settings, stored as JSON values by key. */
import type { Db } from './connection';
import { Settings, type Language } from '../contract/domain';

const DEFAULTS: Settings = { language: 'ko' };

export function getSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM app_setting').all() as { key: string; value: string }[];
  const stored: Record<string, unknown> = {};
  for (const r of rows) {
    try {
      stored[r.key] = JSON.parse(r.value);
    } catch {
      // A value we cannot read falls back to its default rather than blocking the app.
    }
  }
  const parsed = Settings.safeParse({ ...DEFAULTS, ...stored });
  return parsed.success ? parsed.data : DEFAULTS;
}

export function setLanguage(db: Db, language: Language): Settings {
  db.prepare(
    'INSERT INTO app_setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
  ).run('language', JSON.stringify(language));
  return getSettings(db);
}
