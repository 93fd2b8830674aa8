/**
 * The implementation of every channel of contract/ipc.ts. Handlers receive
 * the request already validated; they are plain synchronous functions over
 * the database. Who is asking is never taken from the request: it is this
 * installation's identity, read from the database on every call.
 */
import type { Db } from '../db/connection';
import { schemaVersion } from '../db/connection';
import { getPlanOutline, listPlans, searchActionPlans } from '../db/plan';
import { getSettings, setLanguage } from '../db/settings';
import { getInstallation, initializeInstallation, requireInstallation } from '../db/installation';
import { getEntry, previousEntry, saveEntry } from '../db/entries';
import { addEvidence, defineIndicator, removeEvidence, setIndicatorValue } from '../db/indicators';
import { getBodyReport, setPeriodLocked, submitReport, transitionReport } from '../db/reports';
import { addEntryComment, addPanelComment, listPanelComments, setOverride } from '../db/review';
import { consolidatedLevel, dashboard, packedBodyMatrix, packedPeriodMatrix } from '../db/matrix';
import { actorName, entryHistory } from '../db/history';
import type { Channel, ParsedRequestOf, ResponseOf } from '../contract/ipc';
import type { EntryKey, Installation } from '../contract/progress';
import type { BackupService } from './backup/service';
import { backupHandlers, type ChoosePath } from './backup/handlers';
import { exchangeHandlers } from './exchange/handlers';
import type { ExchangeService } from './exchange/service';
import { meetingHandlers } from './meetings/handlers';
import { packHandlers, type PackService } from './packs/handlers';

export type Handlers = { [C in Channel]: (request: ParsedRequestOf<C>) => ResponseOf<C> };

export interface HandlerContext {
  db: Db;
  dataDir: string;
  databaseFile: string;
  appVersion: string;
  /** The renderer has saved what was pending and the window may close. */
  onReadyToClose?: (unsavedEntries: number) => void;
  /** The installation's backups (absent: the backup channels answer NOT_FOUND). */
  backups?: BackupService;
  /** The system's file dialog for the Backups and Exchange screens (Electron only). */
  choosePath?: ChoosePath;
  /** The Excel exchange (absent: its channels answer NOT_FOUND). */
  exchange?: ExchangeService;
  /** Meeting packs and the committee report (absent: their channels answer NOT_FOUND). */
  packs?: PackService;
}

export function createHandlers({ db, dataDir, databaseFile, appVersion, onReadyToClose, backups, choosePath, exchange, packs }: HandlerContext): Handlers {
  const actor = () => requireInstallation(db);
  const entryIdOf = (key: ParsedRequestOf<'progress:history'>['key']) => getEntry(db, key, actor()).id;
  /** Runs a write as this installation, then answers with the entry as it now stands. */
  const thenEntry = (key: EntryKey, write: (a: Installation) => void) => {
    const a = actor();
    write(a);
    return getEntry(db, key, a);
  };
  return {
    'app:info': () => ({ version: appVersion, dataDir, databaseFile, schemaVersion: schemaVersion(db) }),
    'app:readyToClose': ({ unsavedEntries }) => {
      onReadyToClose?.(unsavedEntries);
      return {};
    },
    'settings:get': () => getSettings(db),
    'settings:setLanguage': ({ language }) => setLanguage(db, language),
    'plan:list': () => listPlans(db),
    'plan:outline': ({ planId }) => getPlanOutline(db, planId),
    'plan:search': (query) => ({ actionPlanIds: searchActionPlans(db, query) }),

    'setup:get': () => ({ installation: getInstallation(db) }),
    'setup:initialize': (installation) => initializeInstallation(db, installation),

    'progress:report': ({ bodyCode, periodId }) => getBodyReport(db, bodyCode, periodId),
    'progress:entry': ({ key }) => {
      const a = actor();
      return { entry: getEntry(db, key, a), previous: previousEntry(db, key, a) };
    },
    'progress:save': ({ key, baseRevision, patch }) => {
      const a = actor();
      return saveEntry(db, key, baseRevision, patch, a, actorName(a));
    },
    'progress:setIndicatorValue': ({ key, indicatorId, value }) => thenEntry(key, (a) => setIndicatorValue(db, key, indicatorId, value, a)),
    'progress:addEvidence': ({ key, ...evidence }) => thenEntry(key, (a) => addEvidence(db, key, evidence, a)),
    'progress:removeEvidence': ({ key, evidenceId }) => thenEntry(key, (a) => removeEvidence(db, key, evidenceId, a)),
    'progress:history': ({ key }) => {
      const id = entryIdOf(key);
      return id === null ? [] : entryHistory(db, id);
    },

    'report:submit': ({ periodId }) => submitReport(db, periodId, actor()),
    'report:return': ({ bodyCode, periodId, reason }) => transitionReport(db, 'return', bodyCode, periodId, actor(), { reason }),
    'report:accept': ({ bodyCode, periodId, note, confirmOwn }) =>
      transitionReport(db, 'accept', bodyCode, periodId, actor(), { note, confirmOwn }),
    'report:reopen': ({ bodyCode, periodId, reason }) => transitionReport(db, 'reopen', bodyCode, periodId, actor(), { reason }),
    'period:setLocked': ({ periodId, locked }) => {
      setPeriodLocked(db, periodId, locked, actor());
      return { locked };
    },

    'review:comment': ({ key, text }) => thenEntry(key, (a) => addEntryComment(db, key, text, a)),
    'review:panelComments': ({ actionPlanId, periodId }) => listPanelComments(db, actionPlanId, periodId),
    'review:addPanelComment': ({ actionPlanId, periodId, text }) => {
      addPanelComment(db, actionPlanId, periodId, text, actor());
      return listPanelComments(db, actionPlanId, periodId);
    },
    'review:setOverride': ({ actionPlanId, periodId, completion, reason }) => {
      setOverride(db, actionPlanId, periodId, completion, reason, actor());
      return {};
    },
    'review:consolidated': ({ actionPlanId, periodId }) => consolidatedLevel(db, actionPlanId, periodId),
    'indicator:define': (definition) => ({ indicatorId: defineIndicator(db, definition, actor()) }),

    'matrix:bodies': ({ periodId }) => packedBodyMatrix(db, periodId),
    'matrix:periods': ({ planId }) => packedPeriodMatrix(db, planId),
    'dashboard:get': ({ periodId }) => dashboard(db, periodId),
    ...backupHandlers(backups, choosePath),
    ...exchangeHandlers(exchange, actor, choosePath),
    ...meetingHandlers(db, actor),
    ...packHandlers(packs, actor, choosePath),
  };
}
