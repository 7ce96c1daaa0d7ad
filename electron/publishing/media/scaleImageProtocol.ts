/**
 * Messages between `scaleImageToWidth` and its worker. Types only: the worker imports this file
 * with `import type`, so nothing of it reaches the worker's bundle.
 */

export interface ScaleRequest {
  id: number;
  /** Moved (transferred) to the worker, never copied. */
  buffer: ArrayBuffer;
  mimeType: string;
  maxWidth: number;
}

export type ScaleReply =
  | {
      id: number;
      ok: true;
      /** The scaled bytes, or the original ones handed back; transferred either way. */
      buffer: ArrayBuffer;
      mimeType: string;
      width?: number;
      height?: number;
      scaled: boolean;
    }
  | { id: number; ok: false; name: string; message: string };
