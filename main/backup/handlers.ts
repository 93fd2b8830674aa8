/** The backup channels' handlers, over the installation's BackupService. */
import type { Handlers } from '../handlers';
import { DomainError } from '../../contract/result';
import type { BackupService } from './service';

type BackupChannel = 'backup:list' | 'backup:create' | 'backup:restore' | 'backup:job' | 'backup:open' | 'backup:saveCopy' | 'backup:choosePath';

/** The system's file dialog (main/electron): a path, or null when the user cancelled. */
export type ChoosePath = (kind: 'open' | 'save' | 'workbook' | 'folder' | 'pdf') => string | null;

export function backupHandlers(service: BackupService | undefined, choosePath?: ChoosePath): Pick<Handlers, BackupChannel> {
  const s = (): BackupService => {
    if (!service) throw new DomainError('NOT_FOUND', 'Backups are not available in this process.');
    return service;
  };
  return {
    'backup:list': () => s().list(),
    'backup:create': () => s().startCreate(),
    'backup:restore': ({ name }) => s().startRestore(name),
    'backup:job': ({ id }) => s().job(id),
    'backup:open': ({ path }) => s().openFile(path),
    'backup:saveCopy': ({ name, destinationDir }) => ({ path: s().saveCopy(name, destinationDir) }),
    'backup:choosePath': ({ kind }) => (choosePath ? { available: true, path: choosePath(kind) } : { available: false, path: null }),
  };
}
