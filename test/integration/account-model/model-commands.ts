import fc from 'fast-check';
import type { DiskErrorCode } from '../../harness/failing-disk';
import type { AccountSlot } from '../../../src/core/vault/records';
import type { ModelPerson, NetworkMode } from './model-server';
import type { ModelWorld } from './model-world';

/**
 * What the user did, as far as the invariants need it: the session they hold (the token of their
 * last completed sign-in), and whether their last word was a sign-out that must survive restarts.
 */
export interface AccountModel {
  /** Each person's session: the token of their last completed sign-in. */
  sessions: Map<string, string>;
  /** The people whose last word was a sign-out that must survive restarts. */
  signedOut: Set<string>;
  /** The sign-out could not reach a disk that still refused writes at quit: the user was told. */
  signOutAtRisk: boolean;
}

/** A fresh model: nobody signed in. */
export function emptyModel(): AccountModel {
  return { sessions: new Map(), signedOut: new Set(), signOutAtRisk: false };
}

type Command = fc.AsyncCommand<AccountModel, ModelWorld>;

const minute = 60_000;

/** After every command: the invariants a user relies on. Throws with what broke. */
export function checkInvariants(model: AccountModel, world: ModelWorld): void {
  const { accounts } = world.app;
  const list = accounts.list();
  // A completed sign-in is that person's session from now on.
  for (const { account } of list) {
    const person = personAt(account);
    if (person && account.token && account.token !== model.sessions.get(person) && world.serverAt(account.serverOrigin).issued.has(account.token)) {
      model.sessions.set(person, account.token);
      model.signedOut.delete(person);
      if (model.signedOut.size === 0) model.signOutAtRisk = false;
    }
  }
  for (const [person, session] of model.sessions) {
    const server = world.serverAt(person.split(' ')[0]!);
    const answer = server.lastAnswer.get(session);
    if (!(answer?.valid && server.sessions.has(session) && server.serverNow() < answer.expiresAt)) continue;
    const held = list.find(({ account }) => personAt(account) === person)?.account;
    if (!held) throw new Error(`${person}'s session is accepted by the server but the account is gone from the list`);
    if (held.state.kind === 'signedOut' || held.state.kind === 'expired') {
      throw new Error(
        `${person} shows '${held.state.kind}' while the server accepts the session for ${Math.round((answer.expiresAt - world.server.serverNow()) / minute)} more minutes (skew ${world.server.skewMs / minute} min)`,
      );
    }
  }
  const people = list.map(({ account }) => personAt(account)).filter(Boolean);
  if (new Set(people).size !== people.length) throw new Error(`One person is listed twice: ${people.join(', ')}`);
  if (list.length > 10) throw new Error(`${list.length} accounts, over the limit`);
  if (!list.some(({ slot }) => slot === accounts.activeSlot)) throw new Error('The active account is not in the list');
  const hung = world.hung();
  if (hung.length > 0) throw new Error(`Outlived its deadline: ${hung.join(', ')}`);
  for (const server of world.servers) {
    if (server.maxChecksInFlight > 1) throw new Error(`${server.maxChecksInFlight} session checks were in flight at once at ${server.origin}`);
    if (server.foreign.length > 0) throw new Error(`Sent to ${server.origin}, which did not issue it: ${server.foreign.join(', ')}`);
  }
  const leaks = world.leakedTokens();
  if (leaks.length > 0) throw new Error(`A token in plaintext on disk, in the view or in the log: ${leaks.join(', ')}`);
}

/** A person is someone at a server: the same user id at two servers is two people. */
function personAt(account: { serverOrigin: string; profile: { id: string } | null }): string | null {
  return account.profile ? `${account.serverOrigin} ${account.profile.id}` : null;
}

abstract class Step implements Command {
  check(): boolean {
    return true;
  }
  abstract act(model: AccountModel, world: ModelWorld): Promise<void>;
  async run(model: AccountModel, world: ModelWorld): Promise<void> {
    await this.act(model, world);
    checkInvariants(model, world);
  }
  abstract toString(): string;
}

class StartSignIn extends Step {
  constructor(readonly via: 'scheme' | 'device') {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    await world.settle(`sign in (${this.via})`, world.app.account.signIn(this.via));
  }
  toString() {
    return `signIn(${this.via})`;
  }
}

class FinishInBrowser extends Step {
  constructor(readonly how: 'deep link' | 'paste') {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    if (!world.authorize) return;
    const { callback, code } = world.serverAt(new URL(world.authorize).origin).approve(world.authorize);
    const { account, accounts } = world.app;
    await world.settle(`browser answer (${this.how})`, this.how === 'paste' ? account.submitCode(code).then(() => {}) : accounts.receiveCallback(callback).then(() => {}));
  }
  toString() {
    return `approveInBrowser(${this.how})`;
  }
}

class ApproveDevice extends Step {
  async act(_model: AccountModel, world: ModelWorld) {
    for (const server of world.servers) server.approveDevices();
    await world.advance(6_000);
  }
  toString() {
    return 'approveOnPhone()';
  }
}

class Revalidate extends Step {
  constructor(readonly answer: 'valid' | 'revoked' | NetworkMode) {
    super();
  }
  async act(model: AccountModel, world: ModelWorld) {
    if (this.answer === 'revoked') {
      world.server.revokeAll();
      world.server.mode = 'ok';
    } else {
      world.server.mode = this.answer === 'valid' ? 'ok' : this.answer;
    }
    await world.settle(`revalidate (${this.answer})`, world.app.account.retry());
    void model;
  }
  toString() {
    return `revalidate(${this.answer})`;
  }
}

class PassTime extends Step {
  constructor(readonly ms: number) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    await world.advance(this.ms);
  }
  toString() {
    return `passTime(${this.ms / minute} min)`;
  }
}

/** The machine's clock is set wrong (or right again); the server's stays where it is. */
class JumpClock extends Step {
  constructor(readonly ms: number) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    world.server.skewMs += this.ms;
    await world.clock.jump(this.ms);
  }
  toString() {
    return `jumpClock(${this.ms / minute} min)`;
  }
}

/** The machine sleeps (time passes for everyone, no timer runs), then wakes. */
class SleepAndResume extends Step {
  constructor(readonly ms: number) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    await world.clock.jump(this.ms);
    const { vault, accounts } = world.app;
    await world.settle('resume', vault.refresh().then(() => accounts.systemResumed()));
  }
  toString() {
    return `sleep(${this.ms / minute} min)`;
  }
}

class SignOut extends Step {
  constructor(readonly online: boolean) {
    super();
  }
  async act(model: AccountModel, world: ModelWorld) {
    world.server.mode = this.online ? 'ok' : 'down';
    const person = personAt(world.app.account);
    await world.settle('sign out', world.app.account.signOut());
    signedOut(model, person ? [person] : []);
  }
  toString() {
    return `signOut(${this.online ? 'online' : 'offline'})`;
  }
}

function signedOut(model: AccountModel, people: string[]): void {
  for (const person of people) {
    model.sessions.delete(person);
    model.signedOut.add(person);
  }
  model.signOutAtRisk = false;
}

/** "Add another account": the next approval is `person`'s. */
class AddAccount extends Step {
  constructor(readonly person: ModelPerson) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    world.server.signsInAs = this.person;
    await world.settle('add account', world.app.accounts.add('scheme'));
  }
  toString() {
    return `addAccount(${this.person})`;
  }
}

/** "Add an account on another server": the other server's next approval is `person`'s. */
class AddAccountElsewhere extends Step {
  constructor(readonly person: ModelPerson) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    world.other.signsInAs = this.person;
    await world.settle('add account on another server', world.app.accounts.add('scheme', world.other.origin));
  }
  toString() {
    return `addAccountElsewhere(${this.person})`;
  }
}

/**
 * A mix-up (RFC 9207): the page the app opened is answered by the other server, whose callback
 * carries that server's code for the app's own state. The app must send the code nowhere.
 */
class MixUp extends Step {
  async act(_model: AccountModel, world: ModelWorld) {
    if (!world.authorize) return;
    const opened = new URL(world.authorize).origin;
    const wrong = world.servers.find((server) => server.origin !== opened)!;
    const { callback } = wrong.approve(world.authorize);
    await world.settle('callback from the other server', world.app.accounts.receiveCallback(callback).then(() => {}));
  }
  toString() {
    return 'mixUp()';
  }
}

/** One click on another account in the list. */
class SwitchAccount extends Step {
  constructor(readonly index: number) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    const list = world.app.accounts.list();
    world.app.accounts.select(list[this.index % list.length]!.slot as AccountSlot);
  }
  toString() {
    return `switchAccount(${this.index})`;
  }
}

class SignOutOne extends Step {
  constructor(readonly index: number) {
    super();
  }
  async act(model: AccountModel, world: ModelWorld) {
    world.server.mode = 'ok';
    const list = world.app.accounts.list();
    const { slot, account } = list[this.index % list.length]!;
    const person = personAt(account);
    await world.settle('sign out of one', world.app.accounts.signOut(slot));
    signedOut(model, person ? [person] : []);
  }
  toString() {
    return `signOutOne(${this.index})`;
  }
}

class SignOutAll extends Step {
  async act(model: AccountModel, world: ModelWorld) {
    world.server.mode = 'ok';
    const people = world.app.accounts.list().flatMap(({ account }) => personAt(account) ?? []);
    await world.settle('sign out of all', world.app.accounts.signOutAll());
    signedOut(model, people);
  }
  toString() {
    return 'signOutAll()';
  }
}

class DiskFault extends Step {
  constructor(readonly fault: { operation: 'write' | 'rename'; code: DiskErrorCode } | null) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    world.disk.heal();
    if (this.fault) world.disk.fail(this.fault.operation, this.fault.code);
  }
  toString() {
    return this.fault ? `diskFails(${this.fault.operation}, ${this.fault.code})` : 'diskHeals()';
  }
}

class KeyringFault extends Step {
  constructor(readonly locked: boolean) {
    super();
  }
  async act(_model: AccountModel, world: ModelWorld) {
    world.safeStorage.mode = this.locked ? 'locked' : 'strong';
  }
  toString() {
    return this.locked ? 'keyringLocks()' : 'keyringUnlocks()';
  }
}

/** Quit and start again over the same files and keyring. */
class Restart extends Step {
  async act(model: AccountModel, world: ModelWorld) {
    const { unsaved } = world.quit();
    if (unsaved) {
      // What never reached the disk may be gone at the next start (a sign-in) or back (a
      // sign-out on a disk that still refuses writes); the popover said so while it ran.
      model.sessions.clear();
      if (model.signedOut.size > 0 && world.disk.failing) model.signOutAtRisk = true;
    }
    await world.boot();
    if (!model.signOutAtRisk) {
      for (const { account } of world.app.accounts.list()) {
        const person = personAt(account);
        if (person && model.signedOut.has(person) && (account.token !== null || !['signedOut', 'signingIn'].includes(account.state.kind))) {
          throw new Error(`${person}'s completed sign-out came back after a restart: '${account.state.kind}'`);
        }
      }
    }
  }
  toString() {
    return 'restart()';
  }
}

const diskCodes: DiskErrorCode[] = ['ENOSPC', 'EIO', 'EACCES', 'EROFS'];
/** How the server (or what stands in front of it) answers; LATCHKEY_MODEL_SKIP can name any of them too. */
const revalidateAnswers = (['valid', 'revoked', 'down', 'stalled', 'html'] as const).filter((answer) => !(process.env.LATCHKEY_MODEL_SKIP ?? '').split(',').includes(answer));

/** Every command by name, with the arguments fast-check may pick, and how often it is picked. */
export const accountCommands: Record<string, { weight: number; command: fc.Arbitrary<Command> }> = {
  signIn: { weight: 3, command: fc.constantFrom('scheme' as const, 'device' as const).map((via) => new StartSignIn(via)) },
  approveInBrowser: { weight: 3, command: fc.constantFrom('deep link' as const, 'paste' as const).map((how) => new FinishInBrowser(how)) },
  approveOnPhone: { weight: 1, command: fc.constant(new ApproveDevice()) },
  revalidate: { weight: 3, command: fc.constantFrom(...revalidateAnswers).map((answer) => new Revalidate(answer)) },
  passTime: { weight: 2, command: fc.integer({ min: 1, max: 30 }).map((minutes) => new PassTime(minutes * minute)) },
  jumpClock: { weight: 1, command: fc.integer({ min: -4 * 60, max: 4 * 60 }).filter((m) => m !== 0).map((minutes) => new JumpClock(minutes * minute)) },
  sleep: { weight: 1, command: fc.integer({ min: 1, max: 4 * 60 }).map((minutes) => new SleepAndResume(minutes * minute)) },
  signOut: { weight: 2, command: fc.boolean().map((online) => new SignOut(online)) },
  disk: {
    weight: 2,
    command: fc
      .option(fc.record({ operation: fc.constantFrom('write' as const, 'rename' as const), code: fc.constantFrom(...diskCodes) }), { freq: 2 })
      .map((fault) => new DiskFault(fault)),
  },
  keyring: { weight: 1, command: fc.boolean().map((locked) => new KeyringFault(locked)) },
  restart: { weight: 2, command: fc.constant(new Restart()) },
  addAccount: { weight: 2, command: fc.constantFrom('u1' as const, 'u2' as const).map((person) => new AddAccount(person)) },
  addAccountElsewhere: { weight: 2, command: fc.constantFrom('u1' as const, 'u2' as const).map((person) => new AddAccountElsewhere(person)) },
  mixUp: { weight: 1, command: fc.constant(new MixUp()) },
  switchAccount: { weight: 1, command: fc.nat(9).map((index) => new SwitchAccount(index)) },
  signOutOne: { weight: 1, command: fc.nat(9).map((index) => new SignOutOne(index)) },
  signOutAll: { weight: 1, command: fc.constant(new SignOutAll()) },
};

/** The commands for `fc.commands`, each repeated by its weight, without those named in `skip`. */
export function weightedCommands(skip: readonly string[] = []): fc.Arbitrary<Command>[] {
  return Object.entries(accountCommands)
    .filter(([name]) => !skip.includes(name))
    .flatMap(([, { weight, command }]) => Array.from({ length: weight }, () => command));
}

/** Single steps by name, to write a sequence by hand (a shrunk counterexample kept as a regression). */
export const step = {
  signIn: (via: 'scheme' | 'device') => new StartSignIn(via),
  approveInBrowser: (how: 'deep link' | 'paste' = 'deep link') => new FinishInBrowser(how),
  approveOnPhone: () => new ApproveDevice(),
  revalidate: (answer: 'valid' | 'revoked' | NetworkMode) => new Revalidate(answer),
  passTime: (minutes: number) => new PassTime(minutes * minute),
  jumpClock: (minutes: number) => new JumpClock(minutes * minute),
  sleep: (minutes: number) => new SleepAndResume(minutes * minute),
  signOut: (online: boolean) => new SignOut(online),
  diskFails: (operation: 'write' | 'rename', code: DiskErrorCode) => new DiskFault({ operation, code }),
  diskHeals: () => new DiskFault(null),
  keyring: (locked: boolean) => new KeyringFault(locked),
  restart: () => new Restart(),
  addAccount: (person: ModelPerson) => new AddAccount(person),
  addAccountElsewhere: (person: ModelPerson) => new AddAccountElsewhere(person),
  mixUp: () => new MixUp(),
  switchAccount: (index: number) => new SwitchAccount(index),
  signOutOne: (index: number) => new SignOutOne(index),
  signOutAll: () => new SignOutAll(),
};
