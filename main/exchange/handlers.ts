/** The exchange channels' handlers, over the installation's ExchangeService. */
import type { Handlers } from '../handlers';
import type { ChoosePath } from '../backup/handlers';
import type { Installation } from '../../contract/progress';
import { DomainError } from '../../contract/result';
import type { ExchangeService } from './service';

type ExchangeChannel = Extract<keyof Handlers, `exchange:${string}`>;

export function exchangeHandlers(service: ExchangeService | undefined, actor: () => Installation, choosePath?: ChoosePath): Pick<Handlers, ExchangeChannel> {
  const s = (): ExchangeService => {
    if (!service) throw new DomainError('NOT_FOUND', 'The exchange is not available in this process.');
    return service;
  };
  return {
    'exchange:exportRequests': (req) => s().exportRequests(req, actor()),
    'exchange:exportReport': (req) => s().exportReport(req, actor()),
    'exchange:preview': (req) => s().preview(req, actor()),
    'exchange:job': ({ id }) => s().job(id),
    'exchange:cancel': ({ id }) => s().cancel(id),
    'exchange:apply': ({ token, choices }) => s().apply(token, choices, actor()),
    'exchange:discard': ({ token }) => {
      s().discard(token);
      return {};
    },
    'exchange:imports': () => s().imports(),
    'exchange:undo': ({ importId }) => s().undo(importId, actor()),
    'exchange:choosePath': ({ kind }) => (choosePath ? { available: true, path: choosePath(kind) } : { available: false, path: null }),
  };
}
