/**
 * Who this installation is: one implementing body (its focal point), or
 * MOGEF as coordinator. Chosen at the first start; main reads it from the
 * database on every request, so the renderer cannot claim another identity.
 */
import type { Db } from './connection';
import { Installation } from '../contract/progress';
import { DomainError } from '../contract/result';
import { logChange, nowIso } from './history';
import { installationId } from './identity';

const KEY = 'installation';

export function getInstallation(db: Db): Installation | null {
  const raw = db.prepare('SELECT value FROM app_setting WHERE key = ?').pluck().get(KEY) as string | undefined;
  if (raw === undefined) return null;
  const parsed = Installation.safeParse(JSON.parse(raw));
  return parsed.success ? parsed.data : null;
}

/** Sets the identity at the first start. Once set, only main's menu can reset it (resetInstallation). */
export function initializeInstallation(db: Db, input: Installation): Installation {
  const installation = Installation.parse(input);
  return db.transaction(() => {
    if (getInstallation(db)) {
      throw new DomainError('CONFLICT', 'This installation is already set up. Use File → Change installation… in the menu to change it.');
    }
    if (installation.role === 'body') {
      const exists = db.prepare('SELECT 1 FROM implementing_body WHERE code = ?').get(installation.bodyCode);
      if (!exists) throw new DomainError('NOT_FOUND', `There is no implementing body ${installation.bodyCode}.`, [{ path: 'bodyCode' }]);
    }
    db.prepare('INSERT INTO app_setting (key, value) VALUES (?, ?)').run(KEY, JSON.stringify(installation));
    logChange(db, installation, 'installation', 1, 'installation', null, installation, nowIso());
    return installation;
  }).immediate();
}

/**
 * Forgets the identity so that the next start asks again. Called by main
 * only, after the user confirmed in a native dialog; never over IPC. The
 * entries already made stay, with their history, and so does the
 * installation id (db/identity.ts): it names the database, not the role.
 */
export function resetInstallation(db: Db): void {
  db.transaction(() => {
    const before = getInstallation(db);
    if (!before) return;
    db.prepare('DELETE FROM app_setting WHERE key = ?').run(KEY);
    logChange(db, before, 'installation', 1, 'installation', before, null, nowIso());
  }).immediate();
}

/**
 * This installation as other installations know it: its id (kept for the
 * life of the database, whatever role is chosen in it) and the identity set
 * up in it, if any.
 */
export interface InstallationInfo {
  id: string;
  role: Installation['role'] | null;
  body: string | null;
  userName: string | null;
}

export function installationInfo(db: Db): InstallationInfo {
  const installation = getInstallation(db);
  return {
    id: installationId(db),
    role: installation?.role ?? null,
    body: installation?.role === 'body' ? installation.bodyCode : null,
    userName: installation?.userName ?? null,
  };
}

export function requireInstallation(db: Db): Installation {
  const installation = getInstallation(db);
  if (!installation) throw new DomainError('FORBIDDEN', 'This installation is not set up yet: choose the body it reports for.');
  return installation;
}
