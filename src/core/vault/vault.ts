import type { CachedAccount, SecretRead, TokenVault } from '../account/ports';
import { CipherError, silentLogger, type Cipher, type CipherBackend, type Clock, type KeyValueStore, type Logger } from '../ports';
import { noTrace, type Trace } from '../trace';
import { CachedAccountSlot, errorName } from './cached-account';
import { KeyedQueue } from './keyed-queue';
import { StoreWriter, type PendingChange } from './store-writer';
import { isStrongBackend, needsAbsentKeyring, persistenceOf, strengthOf } from './policy';
import * as records from './records';
import { accountSlots, assertSecretName, secretNames, storeKeys, tokenSecretOf, type AccountSlot, type SecretName } from './records';
import { placementOf, statusOf, type SecretPlacement, type VaultDiagnostics, type VaultStatus } from './status';
import { SecretMemory } from './secret-memory';
import { causeOf, UnsavedChanges } from './unsaved';

/** The store adapter's report of damaged files it set aside (`<file>.corrupt-<timestamp>`). */
export interface StoreRecovery {
  copies(): readonly string[];
  onRecovered(listener: (copyPath: string) => void): () => void;
}

export interface VaultDeps {
  /** Must only be created once the app is ready: safeStorage cannot be used before. */
  cipher: Cipher;
  store: KeyValueStore;
  clock: Pick<Clock, 'now'>;
  logger?: Logger;
  recovery?: StoreRecovery;
  trace?: Trace;
}

const none: SecretRead = { kind: 'none' };
const locked: SecretRead = { kind: 'locked' };
const lost: SecretRead = { kind: 'lost' };

/**
 * The encrypted vault: the session token and the pending sign-in attempt, encrypted with the OS
 * keyring, plus the cached account in plain form for an instant first frame. It says what it is
 * (persisted or memory only, strong or weak), serialises writes per secret, serves reads from
 * memory after the first decrypt, and never writes a secret in plaintext.
 */
export class Vault implements TokenVault {
  readonly #cipher: Cipher;
  readonly #store: KeyValueStore;
  /** Secrets and the cached account go to disk through here: changes made together, written once. */
  readonly #writer: StoreWriter;
  readonly #clock: Pick<Clock, 'now'>;
  readonly #logger: Logger;
  /** The cached profile of each account slot. */
  readonly #accounts: readonly CachedAccountSlot[];
  #available = false;
  #backend: CipherBackend = 'unknown';
  #weakAllowed: boolean;
  #storeCopy: string | null = null;
  readonly #memory = new SecretMemory();
  /** Every write and deletion the disk (or the keyring) refused, until it lands. */
  readonly #unsaved = new UnsavedChanges();
  readonly #queue = new KeyedQueue();
  readonly #listeners = new Set<(status: VaultStatus) => void>();
  #lastStatus = '';
  /** The active account chosen this run, whether or not the disk took it. */
  #activeSlot: AccountSlot | null = null;

  private constructor(deps: VaultDeps) {
    this.#cipher = deps.cipher;
    this.#store = deps.store;
    this.#clock = deps.clock;
    this.#logger = deps.logger ?? silentLogger;
    this.#writer = new StoreWriter(deps.store, deps.trace ?? noTrace);
    this.#accounts = accountSlots.map((slot) => new CachedAccountSlot(storeKeys.cachedAccount(slot), this.#writer, this.#unsaved, this.#logger, () => this.#emit()));
    this.#weakAllowed = deps.store.get(storeKeys.weakAllowed) === true;
    this.#storeCopy = deps.recovery?.copies().at(-1) ?? null;
    deps.recovery?.onRecovered((copy) => void this.#storeRecovered(copy));
  }

  /** Opens the vault: asks safeStorage whether it can encrypt, and with which backend. */
  static async open(deps: VaultDeps): Promise<Vault> {
    const vault = new Vault(deps);
    await vault.#probe();
    vault.#lastStatus = JSON.stringify(vault.status());
    return vault;
  }

  status(): VaultStatus {
    const strength = strengthOf(this.#available, this.#backend);
    return statusOf({
      available: this.#available,
      backend: this.#backend,
      strength,
      policy: this.#policy(),
      weakAllowed: this.#weakAllowed,
      unsaved: this.#unsaved.mostPressing(),
      writePending: this.#unsaved.writePending,
      storeCopy: this.#storeCopy,
    });
  }

  onStatusChange(listener: (status: VaultStatus) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  async readSecret(name: SecretName): Promise<SecretRead> {
    assertSecretName(name);
    const known = this.#memory.get(name);
    if (known !== undefined) return known === null ? none : { kind: 'value', value: known };
    const { read, written } = await this.#queue.run(name, () => this.#load(name));
    await written;
    return read;
  }

  async writeSecret(name: SecretName, value: string): Promise<void> {
    assertSecretName(name);
    if (typeof value !== 'string' || value.length === 0) throw new TypeError(`The vault's '${name}' must be a non-empty string.`);
    this.#memory.know(name, value);
    await this.#persist(name);
  }

  async deleteSecret(name: SecretName): Promise<void> {
    assertSecretName(name);
    this.#memory.know(name, null);
    await this.#persist(name);
  }

  readToken = (): Promise<SecretRead> => this.readSecret('token');
  writeToken = (token: string): Promise<void> => this.writeSecret('token', token);
  deleteToken = (): Promise<void> => this.deleteSecret('token');

  readCachedAccount = (): CachedAccount | null => this.#accounts[0]!.read();
  writeCachedAccount = (account: CachedAccount): void => this.#accounts[0]!.write(account);
  clearCachedAccount = (): void => this.#accounts[0]!.clear();

  /** One account's token and cached profile, as the account state machine sees its vault. */
  forSlot(slot: AccountSlot): TokenVault {
    const name = tokenSecretOf(slot);
    const cached = this.#accounts[slot]!;
    return {
      readToken: () => this.readSecret(name),
      writeToken: (token) => this.writeSecret(name, token),
      deleteToken: () => this.deleteSecret(name),
      readCachedAccount: () => cached.read(),
      writeCachedAccount: (account) => cached.write(account),
      clearCachedAccount: () => cached.clear(),
    };
  }

  /** The slots that hold an account: a token (readable or not) or a cached profile. */
  occupiedSlots(): AccountSlot[] {
    return accountSlots.filter((slot) => {
      const known = this.#memory.get(tokenSecretOf(slot));
      if (typeof known === 'string') return true;
      if (known === undefined && this.#writer.get(storeKeys.secret(tokenSecretOf(slot))) !== undefined) return true;
      return this.#accounts[slot]!.read() !== null;
    });
  }

  /** The active account's slot as last chosen, or null when none was (a single-account store). */
  activeSlot(): AccountSlot | null {
    if (this.#activeSlot !== null) return this.#activeSlot;
    const saved = this.#writer.get(storeKeys.activeAccount);
    return accountSlots.find((slot) => slot === saved) ?? null;
  }

  /**
   * Remembers the active account for the next start. A disk that refuses only costs which
   * account is shown first after a restart, so it is logged, not retried.
   */
  setActiveSlot(slot: AccountSlot): void {
    if (this.activeSlot() === slot) return;
    this.#activeSlot = slot;
    const failed = (error: unknown) => this.#logger.log('warn', 'The active account could not be saved', { error: errorName(error) });
    try {
      this.#writer.set(storeKeys.activeAccount, slot).catch(failed);
    } catch (error) {
      failed(error);
    }
  }

  /**
   * The user's "Allow weaker encryption" choice. Allowing saves what was kept in memory;
   * revoking decrypts what was saved under the weak key into memory and removes it from disk.
   */
  async setWeakAllowed(allow: boolean): Promise<void> {
    if (typeof allow !== 'boolean') throw new TypeError('setWeakAllowed takes true or false.');
    if (allow === this.#weakAllowed) return;
    this.#weakAllowed = allow;
    this.#store.set(storeKeys.weakAllowed, allow);
    for (const name of secretNames) {
      if (this.#memory.get(name) === undefined) await this.readSecret(name);
      if (this.#memory.get(name) !== undefined) {
        await this.#persist(name);
        continue;
      }
      await this.#queue.run(name, async () => {
        if (this.#memory.get(name) !== undefined) return;
        // Unreadable for now; a weak blob still goes, since the user asked for none on disk.
        const record = records.decodeSecret(this.#store.get(storeKeys.secret(name)));
        if (!allow && record && !isStrongBackend(record.backend)) this.#store.delete(storeKeys.secret(name));
      });
    }
    this.#emit();
  }

  /**
   * Asks safeStorage again (call on resume, unlock and popover open): a keyring that has come
   * up gets the secrets that could not be saved, every write or deletion the disk refused is
   * tried again, and locked secrets are read on the next read.
   */
  async refresh(): Promise<void> {
    const before = this.#policy();
    await this.#probe();
    const retry = new Set(secretNames.filter((name) => this.#unsaved.has(storeKeys.secret(name))));
    if (before !== 'persisted' && this.#policy() === 'persisted') {
      for (const name of secretNames) if (typeof this.#memory.get(name) === 'string') retry.add(name);
    }
    for (const account of this.#accounts) account.retry();
    for (const name of retry) await this.#persist(name);
    this.#emit();
  }

  /**
   * The last chance before the app quits: deletions the disk refused are tried once more, at
   * once (a deletion needs no encryption), so a sign-out the disk has come round to accepting is
   * not undone by the next start.
   */
  saveDeletionsNow(): void {
    const gone: Record<string, undefined> = {};
    for (const name of secretNames) {
      if (this.#memory.get(name) === null && this.#unsaved.has(storeKeys.secret(name))) gone[storeKeys.secret(name)] = undefined;
    }
    for (const slot of accountSlots) {
      const key = storeKeys.cachedAccount(slot);
      if (this.#accounts[slot]!.read() === null && this.#unsaved.has(key)) gone[key] = undefined;
    }
    if (Object.keys(gone).length === 0) return;
    try {
      this.#store.update(gone);
      for (const key of Object.keys(gone)) this.#unsaved.saved(key);
    } catch (error) {
      this.#logger.log('error', 'A sign-out could not be saved before quitting', { error: errorName(error) });
    }
  }

  /** Clears the damaged-store notice once the user has seen it. */
  dismissStoreNotice(): void {
    this.#storeCopy = null;
    this.#emit();
  }

  /** Resolves once every write queued so far is on disk (or has failed and been reported). */
  async settled(): Promise<void> {
    await this.#queue.idle();
    await this.#writer.idle();
  }

  diagnostics(): VaultDiagnostics {
    const status = this.status();
    const secrets = {} as Partial<Record<SecretName, SecretPlacement>>;
    for (const name of secretNames) {
      const placement = placementOf(typeof this.#memory.get(name) === 'string', this.#writer.get(storeKeys.secret(name)) !== undefined);
      // The other accounts' tokens are listed only when they exist, so the report stays short.
      if (placement !== 'absent' || name === 'token' || name === 'attempt' || name === 'deviceAttempt') secrets[name] = placement;
    }
    return {
      backend: status.backend,
      available: status.available,
      strength: status.strength,
      persistence: status.persistence,
      weakAllowed: status.weakAllowed,
      storePath: this.#store.path,
      secrets,
      setAside: secretNames.filter((name) => this.#store.get(storeKeys.setAside(name)) !== undefined),
    };
  }

  #policy() {
    return persistenceOf(strengthOf(this.#available, this.#backend), this.#weakAllowed);
  }

  async #probe(): Promise<void> {
    try {
      this.#available = await this.#cipher.isAvailable();
    } catch (error) {
      this.#available = false;
      this.#logger.log('warn', 'Could not ask whether encryption is available', { error: errorName(error) });
    }
    // Read after isAvailable: on Linux the backend is only known once the encryptor is up.
    this.#backend = this.#cipher.backend();
  }

  /**
   * First read of a secret: runs in the secret's queue, after any write made before it. A
   * re-encryption it starts is handed back as `written`, for the caller to await outside the queue.
   */
  async #load(name: SecretName): Promise<{ read: SecretRead; written?: Promise<void> }> {
    const known = this.#memory.get(name);
    if (known !== undefined) return { read: known === null ? none : { kind: 'value', value: known } };
    const raw = this.#writer.get(storeKeys.secret(name));
    if (raw === undefined) {
      this.#memory.know(name, null);
      return { read: none };
    }
    const record = records.decodeSecret(raw);
    if (!record) return { read: this.#setAside(name, null, 'not a vault record') };
    if (!this.#available) {
      await this.#probe();
      this.#emit();
    }
    if (!this.#available || needsAbsentKeyring(record.backend, this.#backend)) return { read: locked };
    const generation = this.#memory.generation(name);
    try {
      const { text, shouldReEncrypt } = await this.#cipher.decrypt(records.ciphertextOf(record));
      if (!this.#memory.isCurrent(name, generation)) {
        // A write or delete made while decrypting wins; it already set the value in memory.
        const current = this.#memory.get(name);
        return { read: typeof current === 'string' ? { kind: 'value', value: current } : none };
      }
      this.#memory.know(name, text);
      // Re-encrypt when the OS rotated its key, when a better backend is now at hand, and remove
      // the blob when the policy no longer keeps it on disk.
      if (shouldReEncrypt || record.backend !== this.#backend || this.#policy() === 'memoryOnly') {
        const { written } = await this.#prepare(name, this.#memory.bump(name), this.#writer.begin());
        return { read: { kind: 'value', value: text }, written };
      }
      return { read: { kind: 'value', value: text } };
    } catch (error) {
      const failure = error instanceof CipherError ? error.failure : 'temporarily_unavailable';
      if (failure !== 'undecryptable') {
        this.#logger.log('info', 'A saved secret cannot be decrypted yet; it is kept', { secret: name, failure });
        return { read: locked };
      }
      return { read: this.#setAside(name, record, 'undecryptable') };
    }
  }

  /**
   * The blob can never be read: keep it aside if it is ciphertext (a keyring restored from
   * backup could still open it), drop it if it is not a vault record, and forget the secret.
   */
  #setAside(name: SecretName, record: records.SecretRecord | null, reason: string): SecretRead {
    try {
      if (record) this.#store.set(storeKeys.setAside(name), { at: new Date(this.#clock.now()).toISOString(), reason, record });
      this.#store.delete(storeKeys.secret(name));
    } catch (error) {
      this.#logger.log('error', 'An unreadable secret could not be set aside', { secret: name, error: errorName(error) });
    }
    this.#memory.know(name, null);
    this.#logger.log('warn', 'A saved secret could never be decrypted; it was set aside', { secret: name, reason });
    return lost;
  }

  /**
   * Saves the secret's current value where the policy says: encrypted on disk, or not on disk.
   * Resolves once the write has landed or failed (and been reported).
   */
  async #persist(name: SecretName): Promise<void> {
    const generation = this.#memory.bump(name);
    // Begun now, so changes made alongside (the cached account) wait and land in the same write.
    const change = this.#writer.begin();
    const { written } = await this.#queue.run(name, () => this.#prepare(name, generation, change));
    await written;
  }

  /**
   * Runs in the secret's queue: encrypts and hands the record to the writer. It does not wait
   * for the write itself (a write can hold the next change of the same secret, which waits in
   * this queue), and hands back the write's settling as `written` instead.
   */
  async #prepare(name: SecretName, generation: number, change: PendingChange): Promise<{ written: Promise<void> }> {
    const skipped = { written: Promise.resolve() };
    const value = this.#memory.get(name);
    if (!this.#memory.isCurrent(name, generation) || value === undefined) {
      change.drop();
      return skipped;
    }
    let record: records.SecretRecord | undefined;
    if (value !== null && this.#policy() !== 'memoryOnly') {
      try {
        record = records.encodeSecret(await this.#cipher.encrypt(value), this.#backend);
      } catch (error) {
        change.drop();
        this.#notSaved(name, value, error);
        return skipped;
      }
      if (!this.#memory.isCurrent(name, generation)) {
        change.drop();
        return skipped;
      }
    }
    const written = change.put(storeKeys.secret(name), record).then(
      () => {
        if (!this.#memory.isCurrent(name, generation)) return;
        this.#unsaved.saved(storeKeys.secret(name));
        this.#emit();
        // The disk takes writes again: what it refused before goes now, not at the next refresh.
        if (this.#unsaved.size > 0) void this.#retryOthers(name);
      },
      (error: unknown) => this.#notSaved(name, value, error),
    );
    return { written };
  }

  async #retryOthers(saved: SecretName): Promise<void> {
    for (const account of this.#accounts) account.retry();
    for (const name of secretNames) {
      if (name !== saved && this.#unsaved.has(storeKeys.secret(name))) await this.#persist(name);
    }
  }

  /** A write or a deletion that did not land: remembered, retried, and shown until it does. */
  #notSaved(name: SecretName, value: string | null, error: unknown): void {
    const failure = error instanceof CipherError ? error.failure : errorName(error);
    const change = value === null ? 'delete' : 'write';
    this.#logger.log('warn', value === null ? 'A secret could not be deleted from disk; the deletion is retried' : 'A secret could not be saved; it is kept in memory', {
      secret: name,
      failure,
    });
    // A write that failed for a later value than the one in memory is no longer the one that matters.
    if (this.#memory.get(name) !== value) return;
    // Nothing to delete when the keyring refused: only a disk failure leaves the old value behind.
    if (change === 'delete' && error instanceof CipherError) return;
    this.#unsaved.failed(storeKeys.secret(name), change, causeOf(error));
    this.#emit();
  }

  async #storeRecovered(copy: string): Promise<void> {
    this.#storeCopy = copy;
    this.#logger.log('warn', 'The store file was damaged; a copy was kept and the store started clean', { copy });
    this.#store.set(storeKeys.weakAllowed, this.#weakAllowed);
    for (const name of secretNames) {
      if (typeof this.#memory.get(name) === 'string') await this.#persist(name);
    }
    this.#emit();
  }

  #emit(): void {
    const status = this.status();
    const serialized = JSON.stringify(status);
    if (serialized === this.#lastStatus) return;
    this.#lastStatus = serialized;
    for (const listener of this.#listeners) listener(status);
  }
}
