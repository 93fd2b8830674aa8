import type { NapMonitorApi } from '../../preload/api';

declare global {
  interface Window {
    /** The application's API, exposed by the preload (or the end-to-end bridge). */
    napMonitor: NapMonitorApi;
  }
}

export {};
