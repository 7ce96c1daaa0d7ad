/**
 * Blog accounts: non-secret settings in the settings file (`accounts`), each account's secret in
 * the vault under `secretKeyFor(id)`. Secrets leave this class only through `secretFor`, which
 * only main-process code (publishers) calls; the renderer gets `summaries()`.
 */
import { consoleLogger, type Logger, type SettingsPort } from '../ports';
import {
  accountSchema,
  DEFAULT_ACCOUNT_SETTINGS,
  destinationKey,
  newAccountId,
  secretKeyFor,
  storedAccountSchema,
  storedAccountsSchema,
  type Account,
  type AccountPatch,
  type AccountSummary,
  type NewAccount,
} from './types';
import type { PublisherCapabilities } from '../publishing/types';
import type { SecretVault } from './vault';
import { t } from '../contract/i18n';

export type AccountErrorCode = 'ACCOUNT_EXISTS' | 'ACCOUNT_NOT_FOUND' | 'ACCOUNT_INVALID';

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AccountError';
  }
}

interface StoredList {
  accounts: Account[];
  /**
   * Entries that did not validate, as stored. They are written back untouched: an entry a newer
   * Signet wrote (or a hand edit) is hidden from this version, never destroyed by it.
   */
  unreadable: unknown[];
}

export class AccountStore {
  private readonly settings: SettingsPort;
  private readonly vault: SecretVault;
  private readonly log: Logger;
  private readonly clock: () => Date;
  private readonly newId: () => string;
  /** Entries already reported as unreadable, so each is warned about once, not on every read. */
  private readonly reported = new Set<string>();
  /** Secrets this process has handled, for the log's redaction step. */
  private readonly seen = new Set<string>();
  private readonly capabilityDefaults: ((platform: string) => PublisherCapabilities | undefined) | undefined;

  constructor(options: {
    settings: SettingsPort;
    vault: SecretVault;
    log?: Logger;
    clock?: () => Date;
    newId?: () => string;
    /**
     * What a platform can do, for capabilities an account stored by an older Signet lacks (a
     * capability added later reads as the platform's, not as "cannot").
     */
    capabilityDefaults?: (platform: string) => PublisherCapabilities | undefined;
  }) {
    this.capabilityDefaults = options.capabilityDefaults;
    this.settings = options.settings;
    this.vault = options.vault;
    this.log = options.log ?? consoleLogger;
    this.clock = options.clock ?? (() => new Date());
    this.newId = options.newId ?? newAccountId;
  }

  list(): Account[] {
    return this.read().accounts;
  }

  get(id: string): Account | null {
    return this.list().find((account) => account.id === id) ?? null;
  }

  /**
   * Stores the secret, then the account. Refuses a second account for the same login on the same
   * destination. A vault that may not store (no keyring and no consent) throws its `VaultError`
   * and nothing is saved.
   */
  async add(input: NewAccount, secret: string | null): Promise<Account> {
    const now = this.clock().toISOString();
    const account = this.validate({
      ...input,
      id: this.newId(),
      destinationKey: this.keyOf(input),
      settings: { ...DEFAULT_ACCOUNT_SETTINGS, ...input.settings },
      createdAt: now,
      updatedAt: now,
    });
    this.refuseDuplicate(account, this.list());

    // A platform that needs no sign-in (a static-site folder) stores no secret.
    if (secret !== null) {
      await this.vault.set(secretKeyFor(account.id), secret);
      this.seen.add(secret);
    }
    try {
      // Read again: another add may have finished while the vault was writing.
      const stored = this.read();
      this.refuseDuplicate(account, stored.accounts);
      this.write({ ...stored, accounts: [...stored.accounts, account] });
    } catch (error) {
      await this.vault.delete(secretKeyFor(account.id)).catch(() => {});
      throw error;
    }
    return account;
  }

  update(id: string, patch: AccountPatch): Account {
    const stored = this.read();
    const current = stored.accounts.find((account) => account.id === id);
    if (!current) throw notFound();
    const merged = {
      ...current,
      ...patch,
      api: patch.api ?? current.api,
      settings: { ...current.settings, ...patch.settings },
      id: current.id,
      createdAt: current.createdAt,
      updatedAt: this.clock().toISOString(),
    };
    const identityChanged =
      merged.platform !== current.platform ||
      merged.siteUrl !== current.siteUrl ||
      merged.api.blogId !== current.api.blogId;
    // The key names the destination in every draft: it changes only when the destination does.
    const next = this.validate({
      ...merged,
      destinationKey: identityChanged ? this.keyOf(merged) : current.destinationKey,
    });
    this.refuseDuplicate(
      next,
      stored.accounts.filter((account) => account.id !== id),
    );
    this.write({
      ...stored,
      accounts: stored.accounts.map((account) => (account.id === id ? next : account)),
    });
    return next;
  }

  /** Replaces the secret (a new application password). */
  async setSecret(id: string, secret: string): Promise<void> {
    if (!this.get(id)) throw notFound();
    await this.vault.set(secretKeyFor(id), secret);
    this.seen.add(secret);
  }

  /** Removes the account and its secret. The secret goes first: none is ever left behind. */
  async remove(id: string): Promise<void> {
    if (!this.get(id)) throw notFound();
    await this.vault.delete(secretKeyFor(id));
    const stored = this.read();
    this.write({ ...stored, accounts: stored.accounts.filter((account) => account.id !== id) });
  }

  /** The account's secret, for main-process code that signs in to the blog. Never send it over IPC. */
  async secretFor(id: string): Promise<string | null> {
    if (!this.get(id)) throw notFound();
    const secret = await this.vault.get(secretKeyFor(id));
    if (secret) this.seen.add(secret);
    return secret;
  }

  /** What the renderer sees. */
  async summaries(): Promise<AccountSummary[]> {
    return Promise.all(
      this.list().map(async (account) => ({
        ...account,
        transport: account.api.transport,
        hasCredential: await this.vault.has(secretKeyFor(account.id)),
      })),
    );
  }

  /** Every secret this process has stored or read, for `createRedactingLogger`. */
  knownSecrets(): string[] {
    return [...this.seen];
  }

  private keyOf(account: Pick<Account, 'platform' | 'siteUrl' | 'api'>): string {
    try {
      return destinationKey(account.platform, account.siteUrl, account.api.blogId);
    } catch (error) {
      throw new AccountError('ACCOUNT_INVALID', error instanceof Error ? error.message : String(error));
    }
  }

  private validate(candidate: unknown): Account {
    const parsed = accountSchema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` (${issue.path.join('.')})` : '';
    throw new AccountError(
      'ACCOUNT_INVALID',
      t('error.accounts.invalid', { where, problem: issue?.message ?? t('error.accounts.unknownProblem') }),
    );
  }

  private refuseDuplicate(account: Account, others: Account[]): void {
    const login = account.userLogin.toLowerCase();
    const twin = others.find(
      (other) => other.destinationKey === account.destinationKey && other.userLogin.toLowerCase() === login,
    );
    if (twin) {
      throw new AccountError(
        'ACCOUNT_EXISTS',
        `${account.userLogin} on ${account.siteUrl} is already in your accounts. Change that account instead of adding it again.`,
      );
    }
  }

  /** Fills in capabilities the stored entry lacks from its platform's (see `capabilityDefaults`). */
  private withDefaultCapabilities(entry: unknown): unknown {
    if (!this.capabilityDefaults || !entry || typeof entry !== 'object') return entry;
    const stored = entry as { platform?: unknown; capabilities?: unknown };
    if (
      typeof stored.platform !== 'string' ||
      !stored.capabilities ||
      typeof stored.capabilities !== 'object'
    )
      return entry;
    const defaults = this.capabilityDefaults(stored.platform);
    return defaults ? { ...stored, capabilities: { ...defaults, ...stored.capabilities } } : entry;
  }

  private read(): StoredList {
    const raw = this.settings.get('accounts');
    if (raw === undefined) return { accounts: [], unreadable: [] };
    const list = storedAccountsSchema.safeParse(raw);
    if (!list.success) {
      // Nothing of it can be used or kept beside a list; the next change replaces it.
      this.warnOnce('list', 'The stored accounts are not a list; they are ignored', { type: typeof raw });
      return { accounts: [], unreadable: [] };
    }
    const accounts: Account[] = [];
    const unreadable: unknown[] = [];
    const ids = new Set<string>();
    list.data.forEach((entry, index) => {
      const parsed = storedAccountSchema.safeParse(this.withDefaultCapabilities(entry));
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        this.warnOnce(
          JSON.stringify(entry) ?? String(index),
          'A stored account is not valid; it is skipped',
          {
            index,
            problem: `${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'unknown'}`,
          },
        );
        unreadable.push(entry);
      } else if (ids.has(parsed.data.id)) {
        this.warnOnce(`dup:${parsed.data.id}`, 'Two stored accounts share one id; the second is skipped', {
          index,
        });
        unreadable.push(entry);
      } else {
        ids.add(parsed.data.id);
        accounts.push(parsed.data);
      }
    });
    return { accounts, unreadable };
  }

  private write(list: StoredList): void {
    this.settings.set('accounts', [...list.accounts, ...list.unreadable]);
  }

  private warnOnce(key: string, message: string, data?: Record<string, unknown>): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.log.warn(message, data);
  }
}

function notFound(): AccountError {
  return new AccountError('ACCOUNT_NOT_FOUND', t('error.accounts.notFound'));
}
