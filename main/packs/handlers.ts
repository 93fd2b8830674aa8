/** The pack channels' handlers, over the installation's PackService (main/packs/service.ts). */
import type { Handlers } from '../handlers';
import type { ChoosePath } from '../backup/handlers';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import type { PackService, PackWindows } from './service';

export type { PackService, PackWindows };

type PackChannel = Extract<keyof Handlers, `pack:${string}`>;

/**
 * The pack:* handlers. Without a service (no printer) the builds answer
 * NOT_FOUND; without Electron's windows, preview and print answer
 * available: false (the renderer then offers the saved PDF only).
 */
export function packHandlers(service: PackService | undefined, actor: () => Installation, choosePath?: ChoosePath, windows: PackWindows | undefined = service?.windows): Pick<Handlers, PackChannel> {
  const need = (): PackService => {
    if (!service) throw new DomainError('NOT_FOUND', '이 설치본에는 인쇄기가 없습니다. / Packs cannot be built here: there is no printer.');
    return service;
  };
  return {
    'pack:build': (req) => need().build(req, actor()),
    'pack:buildReport': (req) => need().buildReport(req, actor()),
    'pack:job': ({ id }) => need().job(id),
    'pack:cancel': ({ id }) => need().cancel(id),
    'pack:preview': ({ path }) => {
      if (!windows) return { available: false };
      windows.preview(path);
      return { available: true };
    },
    'pack:print': ({ options }) => {
      if (!windows) return { available: false };
      windows.print(options, actor());
      return { available: true };
    },
    'pack:choosePath': ({ kind }) => (choosePath ? { available: true, path: choosePath(kind) } : { available: false, path: null }),
  };
}
