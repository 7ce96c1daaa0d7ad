/**
 * The real test WordPress (e2e/servers/wordpress.ts) for this folder's integration tests.
 *
 * That helper lives in the e2e TypeScript project, which references this one (tsconfig.node.json)
 * and so cannot be imported from here statically (TS6307). It is loaded at run time instead, and
 * the part of its handle these tests use is restated below. If the lead moves integration tests
 * into a project that sees e2e/servers/, replace this file with a plain import.
 */
export type WordPressSwitch =
  'no-app-passwords' | 'rest-firewall' | 'rest-500' | 'no-xmlrpc' | 'xmlrpc-disabled' | 'no-auth-header';

export const WORDPRESS_SWITCHES: readonly WordPressSwitch[] = [
  'no-app-passwords',
  'rest-firewall',
  'rest-500',
  'no-xmlrpc',
  'xmlrpc-disabled',
  'no-auth-header',
];

export interface TestWordPress {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  user: string;
  appPassword: string;
  adminPassword: string;
  authorUser: string;
  authorAppPassword: string;
  setSwitch(name: WordPressSwitch, on: boolean): Promise<void>;
  rest(restPath: string, init?: RequestInit & { as?: 'admin' | 'author' | null }): Promise<Response>;
  restJson<T = unknown>(
    restPath: string,
    init?: RequestInit & { as?: 'admin' | 'author' | null },
  ): Promise<T>;
  reset(): Promise<void>;
}

export type TestWordPressOrSkip =
  { server: TestWordPress; skipReason?: undefined } | { server?: undefined; skipReason: string };

export async function wordpressOrSkip(): Promise<TestWordPressOrSkip> {
  const helper = new URL('../../../../e2e/servers/wordpress.ts', import.meta.url).href;
  const mod = (await import(/* @vite-ignore */ helper)) as {
    wordpressOrSkip(): Promise<TestWordPressOrSkip>;
  };
  return mod.wordpressOrSkip();
}

/** Every switch off (afterEach). */
export async function switchesOff(server: TestWordPress): Promise<void> {
  for (const name of WORDPRESS_SWITCHES) await server.setSwitch(name, false);
}

/** A short unique marker for titles and names, so a failed run's leftovers are recognisable. */
export function uniqueMarker(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
}
