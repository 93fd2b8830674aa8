/**
 * The implementation of every channel of contract/ipc.ts. Handlers receive
 * the request already validated; they are plain synchronous functions over
 * the database.
 */
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';
import { getPlanOutline, listPlans, searchActionPlans } from '../db/plan';
import { getSettings, setLanguage } from '../db/settings';
import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/ipc';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> };

export interface HandlerContext {
  db: Db;
  dataDir: string;
  databaseFile: string;
  appVersion: string;
}

export function createHandlers({ db, dataDir, databaseFile, appVersion }: HandlerContext): Handlers {
  return {
    'app:info': () => ({ version: appVersion, dataDir, databaseFile, schemaVersion: schemaVersion(db) }),
    'settings:get': () => getSettings(db),
    'settings:setLanguage': ({ language }) => setLanguage(db, language),
    'plan:list': () => listPlans(db),
    'plan:outline': ({ planId }) => getPlanOutline(db, planId),
    'plan:search': (query) => ({ actionPlanIds: searchActionPlans(db, query) }),
  };
}
