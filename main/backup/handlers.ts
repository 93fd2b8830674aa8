/** The backup channels' handlers, over the installation's BackupService. */
import type { Handlers } from '../handlers';
import { DomainError } from '../../contract/result';
import type { BackupService } from './service';

type BackupChannel = 'backup:list' | 'backup:create' | 'backup:restore' | 'backup:job' | 'backup:open' | 'backup:saveCopy';

export function backupHandlers(service: BackupService | undefined): Pick<Handlers, BackupChannel> {
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
  };
}
