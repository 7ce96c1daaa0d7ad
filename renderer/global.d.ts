import type { SignetApi } from '../electron/contract';

declare global {
  interface Window {
    /** Built from the contract by the preload (Electron) or the page shim (web host). Use bridge.ts. */
    readonly signet: SignetApi;
  }
}
