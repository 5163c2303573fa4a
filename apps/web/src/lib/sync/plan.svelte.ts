/**
 * The one bridge between the plan's Yjs document and Svelte runes.
 *
 * - Connection: a HocuspocusProvider on `ws(s)://<this host>/collab`, authenticated by the session token,
 *   on a websocket that sends no frame over the server's limit (wire.ts). Its status, first sync,
 *   unsynced-change count and refusal reason become `$state`, summed up in `syncState`
 *   (connecting / saved / saving / offline / refused).
 * - Reads: one `version` counter bumped after every transaction (plan-model's observePlan); each
 *   selector is a `$derived` that re-runs only when read after a change, so unseen sections cost nothing.
 * - Writes: wrappers over plan-model commands with the origin `{kind:'user', participantId}`. They never
 *   throw: a PlanError comes back as `{ ok: false, error }` for the form to show next to the field.
 * - Presence: this participant's AwarenessUser (section, focused field) and everyone's, de-duplicated.
 * - Undo: this participant's own edits only (undo.svelte.ts).
 * - Offline: the plan document (never a private one) is also kept in IndexedDB, so edits and comments
 *   made offline survive a reload and reach the server on the next connection.
 * - Refused changes: when the server refuses an update (a role, a workshop lock, a race with a deletion)
 *   or a change is too large to send, the plan is rebuilt on the server's copy with every other change of
 *   this device (recovery.ts) and handed to `onRecovered`, which opens a new PlanSync on it (the plan
 *   shell does); `dropped` names what was not kept until the person dismisses it.
 *
 * Components read `sync.settings`, `sync.members`... and write through `sync.run(...)` (the settings
 * section through lib/settings/commands.ts, e.g. `updateSettings(sync, ...)`); they never touch a Y.Map.
 */
import { HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import {
	isPlanError,
	mayWrite,
	observePlan,
	watchOverwrites,
	type OverwriteWatch,
	type PlanRootKey,
	PlanError,
	selectList,
	selectPeriods,
	selectSettings,
	userOrigin,
	type Origin
} from '@cap/plan-model';
import { CLOSE_REASONS, COLLAB_PATH, planDocumentName, type AwarenessUser } from '@cap/protocol';
import { IndexeddbPersistence } from 'y-indexeddb';
import * as Y from 'yjs';
import type { StoredSession } from '../session.ts';
import { Listeners } from './listeners.ts';
import { Peers } from './peers.svelte.ts';
import {
	DROPPED_CHANGE_REASONS,
	fetchServerCopy,
	TOO_LARGE_TO_SEND,
	type DroppedChange
} from './recovery.ts';
import { SessionRenewal } from './renewal.ts';
import { OwnUndo } from './undo.svelte.ts';
import { FramedSocket } from './wire.ts';

export { DROPPED_CHANGE_REASONS, type DroppedChange } from './recovery.ts';
export { UNDO_CAPTURE_MS, UNDO_SCOPE } from './undo.svelte.ts';

export type SyncState =
	| { kind: 'connecting' }
	| { kind: 'saved' }
	| { kind: 'saving'; pending: number }
	| { kind: 'offline'; pending: number }
	| { kind: 'refused'; reason: string };

export type CommandResult<T = void> = { ok: true; value: T } | { ok: false; error: PlanError };

export interface PlanSyncOptions {
	session: StoredSession;
	/** False in unit tests: the document lives in memory only. */
	connect?: boolean;
	/** Called when the server refuses an expired token; resolves to a renewed session, or null. */
	renewSession?: (session: StoredSession) => Promise<StoredSession | null>;
	doc?: Y.Doc;
	/** A change dropped by the instance this one replaces, shown until dismissed. */
	dropped?: DroppedChange | null;
	/** `doc` was rebuilt after a refusal (recovery.ts): a refusal before it is saved leaves out the rest. */
	rebuilt?: boolean;
	/**
	 * Called once the server refused a change and the plan was rebuilt without it (recovery.ts): this
	 * instance is done (the caller destroys it and opens a new one on `doc`, with `rebuilt`). Without it
	 * the refusal is shown as is.
	 */
	onRecovered?: (recovered: { doc: Y.Doc; dropped: DroppedChange | null }) => void;
}

/** The IndexedDB database that keeps a plan document on this device. */
export function localStoreName(planId: string): string {
	return `cap-plan-${planId}`;
}

export function collabUrl(location: Pick<Location, 'protocol' | 'host'>): string {
	return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${COLLAB_PATH}`;
}

export class PlanSync {
	readonly doc: Y.Doc;
	session = $state() as StoredSession;

	/** Bumped after every transaction that changed the document; every selector below depends on it. */
	#version = $state(0);
	status = $state<WebSocketStatus>(WebSocketStatus.Connecting);
	/** True once the first sync with the server completed (before that the document is empty). */
	loaded = $state(false);
	unsynced = $state(0);
	refusal = $state<string | null>(null);
	/** The changes of this device that were not kept (see the module comment), until dismissed. */
	dropped = $state<DroppedChange | null>(null);
	/** True from a refusal until the plan was rebuilt. */
	recovering = $state(false);
	#onRecovered: PlanSyncOptions['onRecovered'];
	/** This instance's plan was rebuilt after a refusal and not saved since (recovery.ts). */
	#rebuilt = false;
	#everConnected = $state(false);
	#readonlyScope = $state(false);
	#online = $state(typeof navigator === 'undefined' ? true : navigator.onLine);
	readonly #peers: Peers;
	/** Everyone here now, this participant first, one entry per participant (several tabs count once). */
	get peers(): AwarenessUser[] {
		return this.#peers.all;
	}

	readonly #undo: OwnUndo;
	/** Whether `undo()` / `redo()` would do something: this participant has edits to revert / reapply. */
	get canUndo(): boolean {
		return this.#undo.canUndo;
	}
	get canRedo(): boolean {
		return this.#undo.canRedo;
	}
	/** The local copy of the plan document (null in unit tests and without IndexedDB). */
	#store: IndexeddbPersistence | null = null;
	/** True once the local copy was read into the document. */
	storeLoaded = $state(false);

	/** Values of this device replaced by someone who had not seen them (OVR-1), shown by LiveField. */
	readonly overwrites: OverwriteWatch;

	#provider: HocuspocusProvider | null = null;
	/** The provider's websocket (the workshop's private document shares it). */
	#socket: FramedSocket | null = null;
	/** The live provider (null in unit tests), for editors that share its awareness (carets). */
	get provider(): HocuspocusProvider | null {
		return this.#provider;
	}
	#stop: (() => void)[] = [];
	#renewSession: PlanSyncOptions['renewSession'];
	#renewAttempted = false;

	constructor(options: PlanSyncOptions) {
		this.doc = options.doc ?? new Y.Doc();
		this.session = options.session;
		this.#renewSession = options.renewSession;
		this.#onRecovered = options.onRecovered;
		this.dropped = options.dropped ?? null;
		this.#rebuilt = options.rebuilt ?? false;
		this.#peers = new Peers(options.session);
		this.#stop.push(observePlan(this.doc, () => this.#version++));
		this.overwrites = watchOverwrites(this.doc);
		this.#stop.push(() => this.overwrites.destroy());
		this.#undo = new OwnUndo(this.doc, this.origin);
		this.#stop.push(() => this.#undo.destroy());
		if (typeof window !== 'undefined') {
			const online = () => (this.#online = true);
			const offline = () => {
				this.#online = false;
				this.#loadFromStore();
			};
			window.addEventListener('online', online);
			window.addEventListener('offline', offline);
			this.#stop.push(() => {
				window.removeEventListener('online', online);
				window.removeEventListener('offline', offline);
			});
		}
		if (options.connect !== false) {
			this.#openStore();
			this.#connect();
			const renewSession = this.#renewSession;
			if (renewSession) {
				const renewal = new SessionRenewal({
					current: () => this.session,
					renew: renewSession,
					renewed: async (session) => {
						this.session = session;
						await this.#provider?.sendToken();
						this.#tokenListeners.call();
					}
				});
				this.#stop.push(() => renewal.stop());
			}
		} else this.loaded = true;
	}

	// ---- Session renewal (renewal.ts) ---------------------------------------------------------------
	/** Told when a renewed token was sent on the open connection (the workshop's private document). */
	readonly #tokenListeners = new Listeners();
	/** Told when a new provider replaced the old one (see onProviderChanged). */
	readonly #providerListeners = new Listeners();

	/**
	 * Registers `listener` for a new provider (a new connection: after the session was renewed on a
	 * refusal), so what is bound to the old one moves over (the workshop's private document and its
	 * command answers); returns how to stop.
	 */
	onProviderChanged(listener: () => void): () => void {
		return this.#providerListeners.add(listener);
	}

	/** Registers `listener` for token renewals on the open connection; returns how to stop. */
	onTokenRenewed(listener: () => void): () => void {
		return this.#tokenListeners.add(listener);
	}

	// ---- Reads -------------------------------------------------------------------------------------
	/**
	 * Runs a plan-model selector; reading the version makes the calling $derived depend on every
	 * document change. Section modules build their own `$derived` reads on this.
	 */
	read<T>(select: (doc: Y.Doc) => T): T {
		void this.#version;
		return select(this.doc);
	}

	settings = $derived.by(() => this.read((doc) => selectSettings(doc)));
	members = $derived.by(() => this.read((doc) => selectList(doc, 'members')));
	workstreams = $derived.by(() => this.read((doc) => selectList(doc, 'workstreams')));
	channels = $derived.by(() => this.read((doc) => selectList(doc, 'channels')));
	productLines = $derived.by(() => this.read((doc) => selectList(doc, 'productLines')));
	targets = $derived.by(() => this.read((doc) => selectList(doc, 'targets')));
	periods = $derived.by(() => this.read((doc) => selectPeriods(doc)));

	/**
	 * The role may edit the plan (plan-model's write table, AUTH-2), and the server did not restrict this
	 * connection to reading.
	 */
	canEdit = $derived(mayWrite(this.session.role, 'settings') && !this.#readonlyScope);

	syncState = $derived.by((): SyncState => {
		if (this.refusal) return { kind: 'refused', reason: this.refusal };
		if (this.recovering) return { kind: 'connecting' };
		const connected = this.status === WebSocketStatus.Connected;
		if (!this.#online || (!connected && this.#everConnected)) {
			return { kind: 'offline', pending: this.unsynced };
		}
		if (!connected || !this.loaded) return { kind: 'connecting' };
		return this.unsynced > 0 ? { kind: 'saving', pending: this.unsynced } : { kind: 'saved' };
	});

	/** Other participants focused on `key` (e.g. "settings:title"), for the "X is editing" hint. */
	othersFocusedOn(key: string): AwarenessUser[] {
		return this.peers.filter((p) => p.focus === key && p.participantId !== this.session.participantId);
	}

	// ---- Writes ------------------------------------------------------------------------------------
	// A cache of identities, not UI state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	readonly #origins = new Map<string, Origin>();
	/**
	 * This participant's origin. The same object for the whole session: Yjs's UndoManager tracks
	 * origins by identity, so "undo only my own edits" needs one stable object per participant.
	 */
	get origin(): Origin {
		const id = this.session.participantId;
		let origin = this.#origins.get(id);
		if (!origin) {
			origin = userOrigin(id);
			this.#origins.set(id, origin);
		}
		return origin;
	}

	/**
	 * Runs one plan-model command that edits the plan; read-only participants are refused here, before
	 * the document. Section modules call their commands through this.
	 */
	run<T>(command: (doc: Y.Doc, origin: Origin) => T): CommandResult<T> {
		if (!this.canEdit) {
			return { ok: false, error: new PlanError('forbidden', null, 'This role may not edit the plan') };
		}
		return this.#attempt(command);
	}

	/**
	 * Whether this participant may write comments (commenters included; the server checks the rest), unless
	 * the server made this connection read-only (a room code's participant, whose part is the workshop).
	 */
	canComment = $derived(mayWrite(this.session.role, 'comments') && !this.#readonlyScope);

	/**
	 * Resolves true once the server has acknowledged every change made so far (the sync state reads
	 * "saved"), false if it has not after `timeoutMs`.
	 */
	whenSaved(timeoutMs = 10_000): Promise<boolean> {
		return new Promise((resolve) => {
			let stop = () => {};
			const timer = setTimeout(() => finish(false), timeoutMs);
			const finish = (saved: boolean) => {
				clearTimeout(timer);
				stop();
				resolve(saved);
			};
			stop = $effect.root(() => {
				$effect(() => {
					if (this.syncState.kind === 'saved') queueMicrotask(() => finish(true));
				});
			});
		});
	}

	/** Whether this participant may write `field` of `root`'s records (plan-model's write table, AUTH-2). */
	canWrite(root: PlanRootKey, field?: string): boolean {
		return mayWrite(this.session.role, root, field) && !this.#readonlyScope;
	}

	/** Runs a comment command (start, reply, edit, react, mark read): open to commenters too. */
	runComment<T>(command: (doc: Y.Doc, origin: Origin) => T): CommandResult<T> {
		if (!this.canComment) {
			return { ok: false, error: new PlanError('forbidden', null, 'This role may not comment') };
		}
		return this.#attempt(command);
	}

	#attempt<T>(command: (doc: Y.Doc, origin: Origin) => T): CommandResult<T> {
		try {
			return { ok: true, value: command(this.doc, this.origin) };
		} catch (error) {
			if (isPlanError(error)) return { ok: false, error };
			throw error;
		}
	}

	// ---- Undo -------------------------------------------------------------------------------------
	/**
	 * Reverts this participant's last edit (a group of edits made within UNDO_CAPTURE_MS), and only theirs:
	 * what others changed meanwhile stays. Returns whether there was something to undo.
	 */
	undo(): boolean {
		return this.canEdit && this.#undo.undo();
	}
	/** Reapplies the last undone edit. */
	redo(): boolean {
		return this.canEdit && this.#undo.redo();
	}
	/** Closes the current undo group, so the next edit is undone on its own. */
	undoBoundary(): void {
		this.#undo.boundary();
	}

	// ---- Presence (peers.svelte.ts) ----------------------------------------------------------------
	/** The name of whoever wrote with Yjs client `client`, if they were seen here, else null. */
	nameOfClient(client: number): string | null {
		return this.#peers.nameOfClient(client);
	}

	setSection(section: string): void {
		this.#peers.set({ section });
	}
	setFocus(focus: string | null): void {
		this.#peers.set({ focus });
	}

	// ---- Connection --------------------------------------------------------------------------------
	/**
	 * Keeps the plan document in IndexedDB: opened before the connection, so a reload while the server
	 * is unreachable shows (and later sends) what was written offline. Only the shared plan document is
	 * stored here; private documents never touch the device's storage.
	 */
	#openStore(): void {
		if (typeof indexedDB === 'undefined') return;
		let store: IndexeddbPersistence;
		try {
			store = new IndexeddbPersistence(localStoreName(this.session.planId), this.doc);
		} catch {
			return; // Storage refused (private browsing...): the app works online only.
		}
		this.#store = store;
		void store.whenSynced.then(() => {
			if (this.#store !== store) return;
			this.storeLoaded = true;
			if (!this.#online || this.status === WebSocketStatus.Disconnected) this.#loadFromStore();
		});
	}

	/**
	 * Offline (or the server unreachable), the local copy is all there is: show it rather than wait. Only
	 * a copy that holds a plan counts; online, `loaded` waits for the server as before.
	 */
	#loadFromStore(): void {
		if (this.storeLoaded && this.doc.getMap('meta').size > 0) this.loaded = true;
	}

	#connect(): void {
		const name = planDocumentName(this.session.planId);
		const socket = new FramedSocket(
			{ url: collabUrl(window.location) },
			// A change too large to send at all: rebuild the plan without it, as after a refusal.
			{ onTooLarge: (documentName) => documentName === name && void this.#recover(TOO_LARGE_TO_SEND) }
		);
		const provider = new HocuspocusProvider({
			websocketProvider: socket,
			name,
			document: this.doc,
			token: () => this.session.token,
			onStatus: ({ status }) => {
				this.status = status;
				if (status === WebSocketStatus.Connected) this.#everConnected = true;
				else if (status === WebSocketStatus.Disconnected) this.#loadFromStore();
			},
			onAuthenticated: ({ scope }) => {
				this.refusal = null;
				// A later expiry may be repaired again.
				this.#renewAttempted = false;
				this.#readonlyScope = scope === 'readonly';
			},
			onAuthenticationFailed: ({ reason }) => void this.#refused(reason),
			onSynced: ({ state }) => {
				if (state) this.loaded = true;
			},
			onUnsyncedChanges: ({ number }) => {
				this.unsynced = number;
				// Everything of a rebuilt plan is saved: a later refusal is judged on its own again.
				if (number === 0) this.#rebuilt = false;
			},
			// A refused update closes the document connection: drop the change and reload the server's copy.
			onClose: ({ event }) => {
				if (DROPPED_CHANGE_REASONS.includes(event.reason)) void this.#recover(event.reason);
				// The token ran out on an open connection: renew and reconnect (nothing unsent is lost).
				if (event.reason === CLOSE_REASONS.tokenExpired) void this.#refused(event.reason);
			},
			onAwarenessChange: () => this.#peers.refresh()
		});
		this.#peers.attach(provider, this.#provider, this.doc.clientID);
		provider.attach();
		const replaced = this.#provider !== null;
		this.#provider = provider;
		this.#socket = socket;
		if (replaced) this.#providerListeners.call();
	}

	/** Closes the connection: the provider, then its websocket (which the provider does not own). */
	#disconnect(): void {
		this.#peers.detach();
		this.#provider?.destroy();
		this.#socket?.destroy();
		this.#provider = null;
		this.#socket = null;
	}

	/** Hides the notice of a dropped change. */
	dismissDropped(): void {
		this.dropped = null;
	}

	/**
	 * The server refused a change (or one is too large to send): stop sending (the provider would resend
	 * it with every later update), fetch the server's copy, rebuild the plan on it without the refused
	 * change (recovery.ts), forget the local copy and hand over.
	 */
	async #recover(reason: string): Promise<void> {
		if (this.recovering) return;
		this.recovering = true;
		// After the current message is handled: this may run inside the socket's own send or message.
		await Promise.resolve();
		this.#disconnect();
		// The rebuild's code (and the server's rules it checks with) loads with the first refusal.
		const [{ rebuildAfterRefusal: rebuild }, server] = await Promise.all([
			import('./rebase.ts'),
			this.#onRecovered
				? fetchServerCopy(
						collabUrl(window.location),
						planDocumentName(this.session.planId),
						() => this.session.token
					)
				: null
		]);
		if (!server || !this.#onRecovered) {
			this.recovering = false;
			this.refusal = reason;
			return;
		}
		const store = this.#store;
		this.#store = null;
		// The local copy holds the refused change too: delete it, the next instance stores the rebuilt plan.
		await store?.clearData();
		// Rebuilt last, with nothing awaited after: what is typed until the hand-over is in it.
		const { doc, dropped } = rebuild(server, this.doc, {
			reason,
			writer: { role: this.session.role, participantId: this.session.participantId },
			origin: this.origin,
			again: this.#rebuilt
		});
		server.destroy();
		// A notice not yet dismissed goes on, with what this refusal left out added to it.
		const shown = this.dropped;
		this.#onRecovered({
			doc,
			dropped:
				shown && dropped ? { reason, records: [...shown.records, ...dropped.records] } : (dropped ?? shown)
		});
	}

	/**
	 * Token problems are repaired once, silently, by joining again with the stored invite (and the old
	 * token, so an expired one keeps the participant id): expiry, but also a token signed with a rotated
	 * secret or kept for another plan. Anything else, or a failed repair, is shown to the person.
	 */
	async #refused(reason: string): Promise<void> {
		const repairable: string[] = [
			CLOSE_REASONS.tokenExpired,
			CLOSE_REASONS.tokenInvalid,
			CLOSE_REASONS.wrongPlan
		];
		if (repairable.includes(reason) && this.#renewSession && !this.#renewAttempted) {
			this.#renewAttempted = true;
			const renewed = await this.#renewSession(this.session);
			if (renewed) {
				this.session = renewed;
				// Destroyed but kept until its successor is in place, so listeners are told of the change.
				const [previous, previousSocket] = [this.#provider, this.#socket];
				previous?.destroy();
				this.#connect();
				previousSocket?.destroy();
				return;
			}
		}
		this.refusal = reason;
	}

	destroy(): void {
		for (const stop of this.#stop) stop();
		this.#disconnect();
		void this.#store?.destroy();
		this.#store = null;
	}
}
