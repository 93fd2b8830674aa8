/** The pack channels' handlers, over the installation's PackService. */
import type { Handlers } from '../handlers';
import type { ChoosePath } from '../backup/handlers';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';

type PackChannel = Extract<keyof Handlers, `pack:${string}`>;

/** What builds packs and reports (main/packs/service.ts); absent: the channels answer NOT_FOUND. */
export type PackService = never;

export function packHandlers(service: PackService | undefined, actor: () => Installation, choosePath?: ChoosePath): Pick<Handlers, PackChannel> {
  void service;
  void actor;
  const later = (): never => {
    throw new DomainError('NOT_FOUND', 'Packs are not built yet.');
  };
  return {
    'pack:build': later,
    'pack:buildReport': later,
    'pack:job': later,
    'pack:cancel': later,
    'pack:preview': () => ({ available: false }),
    'pack:print': () => ({ available: false }),
    'pack:choosePath': ({ kind }) => (choosePath ? { available: true, path: choosePath(kind) } : { available: false, path: null }),
  };
}
