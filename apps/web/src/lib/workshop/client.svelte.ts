/**
 * The workshop's client side: what every workshop screen reads and the one place that talks to the
 * server's workshop authority (`@cap/protocol` workshop.ts).
 *
 * - Shared state: plan-model selectors through `sync.read` inside `$derived`s.
 * - Private state (my silent-writing drafts, my hidden votes and scores) lives in my private document,
 *   opened read-only on the plan's websocket: the server writes it, nobody else ever loads it.
 * - Writes the CRDT cannot enforce (phase, timer, reveal, ideas during silent writing, votes, scores,
 *   ready, promotion) are stateless commands; each resolves with the server's acknowledgement.
 * - The server clock is the only clock: `offset` comes from the `time` exchange, so a countdown read
 *   from `timerEndsAt` is the same on every screen, late joiners included.
 */
import { selectIdeaGroups, selectIdeas, selectScores, selectVotes, selectWorkshop } from '@cap/plan-model';
import type { HocuspocusProvider } from '@hocuspocus/provider';
import {
	can,
	parseWorkshopServerMessage,
	privateDocumentName,
	serverClockOffset,
	WORKSHOP_RETRY_MS,
	type WorkshopClientMessage,
	type WorkshopError
} from '@cap/protocol';
import * as Y from 'yjs';
import type { PlanSync } from '#lib/sync/plan.svelte.ts';
import { acquirePrivateDoc, type PrivateDoc } from './private-doc.ts';
import { readPrivate } from './state.ts';

export type Ack =
	| {
			ok: true;
			ideaId?: string;
			actionIds?: string[];
			voted?: string[];
			scored?: string[];
			ideaCounts?: Record<string, number>;
			typing?: string[];
	  }
	| { ok: false; error: WorkshopError | 'timeout' | 'offline'; message?: string };

/** A client message without its id (the client numbers them). */
type Command = WorkshopClientMessage extends infer M ? (M extends unknown ? Omit<M, 'id'> : never) : never;

const ACK_TIMEOUT_MS = 8000;
/** How long after the last keystroke typed text is kept on the server (IDEA-10). */
const TYPING_DEBOUNCE_MS = 400;

export class WorkshopClient {
	readonly sync: PlanSync;
	/** Server clock minus this browser's clock, in ms. */
	offset = $state(0);
	/** Ticks four times a second, for countdowns. */
	now = $state(Date.now());
	/** Who has hidden votes / scores (facilitator only, from the `status` command). */
	voted = $state<string[]>([]);
	scored = $state<string[]>([]);
	/** How many ideas each participant wrote, and who has typed text not added yet (facilitator only). */
	ideaCounts = $state<Record<string, number>>({});
	typing = $state<string[]>([]);

	#privVersion = $state(0);
	/** My private document: shared with the other workshop screens of this websocket (private-doc.ts). */
	#priv: Y.Doc = new Y.Doc();
	#privHeld: PrivateDoc | null = null;
	// Callbacks awaiting an acknowledgement, not UI state: nothing renders from it.
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#pending = new Map<string, (ack: Ack) => void>();
	/** What each pending command sends, to send it again with the same id after a reconnection. */
	// eslint-disable-next-line svelte/prefer-svelte-reactivity
	#unanswered = new Map<string, string>();
	/**
	 * Command ids are this page's random prefix and a counter: unique across tabs and reloads.
	 * getRandomValues, not randomUUID: a workshop served over plain HTTP on a LAN has no secure context.
	 */
	readonly #idPrefix = Array.from(crypto.getRandomValues(new Uint8Array(6)), (b) =>
		b.toString(16).padStart(2, '0')
	).join('');
	#seq = 0;
	#stop: (() => void)[] = [];

	constructor(sync: PlanSync) {
		this.sync = sync;
		const tick = setInterval(() => (this.now = Date.now()), 250);
		this.#stop.push(() => clearInterval(tick));
		this.#bind();
		// A new connection (the session renewed after a refusal): move the private document and the command
		// answers over to it, or drafts and acknowledgements would be awaited on the closed one.
		this.#stop.push(
			sync.onProviderChanged(() => {
				this.#unbind();
				this.#bind();
				this.#privVersion++;
			})
		);
		const reprobe = setInterval(() => this.probe(), 30_000);
		this.#stop.push(() => clearInterval(reprobe));
	}

	/** What is tied to the current provider, undone by #unbind. */
	#bound: (() => void)[] = [];

	#bind(): void {
		const provider = this.sync.provider;
		if (provider) {
			this.#privHeld = acquirePrivateDoc(
				provider.configuration.websocketProvider,
				privateDocumentName(this.sync.session.planId, this.sync.session.participantId),
				() => this.sync.session.token
			);
			this.#priv = this.#privHeld.doc;
		}
		const priv = this.#priv;
		const onUpdate = () => this.#privVersion++;
		priv.on('update', onUpdate);
		this.#bound.push(() => priv.off('update', onUpdate));
		if (!provider || !this.#privHeld) return;
		const onStateless = ({ payload }: { payload: string }) => this.#receive(payload);
		provider.on('stateless', onStateless);
		this.#bound.push(() => provider.off('stateless', onStateless));
		const privProvider = this.#privHeld.provider;
		this.#bound.push(this.sync.onTokenRenewed(() => void privProvider.sendToken()));
		const probe = () => {
			this.probe();
			// Commands sent before a connection dropped may not have arrived: the same ids, run at most once.
			for (const payload of this.#unanswered.values()) provider.sendStateless(payload);
		};
		// Each (re)connection measures the clock again; so does a periodic probe (laptops sleep, clocks drift).
		provider.on('synced', probe);
		this.#bound.push(() => provider.off('synced', probe));
		this.probe();
	}

	#unbind(): void {
		for (const stop of this.#bound) stop();
		this.#bound = [];
		if (this.#privHeld) this.#privHeld.release();
		else this.#priv.destroy();
		this.#privHeld = null;
	}

	destroy(): void {
		clearTimeout(this.#typingTimer);
		for (const stop of this.#stop) stop();
		for (const resolve of this.#pending.values()) resolve({ ok: false, error: 'offline' });
		this.#pending.clear();
		this.#unanswered.clear();
		this.#unbind();
	}

	// ---- Reads -------------------------------------------------------------------------------------
	get me(): string {
		return this.sync.session.participantId;
	}
	isFacilitator = $derived.by(() => can(this.sync.session.role, 'facilitate'));
	/** Ideas, votes and scores are open to commenters too; grouping and merging edit the plan. */
	canParticipate = $derived.by(() => can(this.sync.session.role, 'comment'));

	state = $derived.by(() => this.sync.read(selectWorkshop));
	/** Grouping and merging write the plan: editors and facilitators, and only the facilitator when locked. */
	canBoard = $derived.by(() => this.sync.canEdit && (!this.state.locked || this.isFacilitator));
	/** Participants (not the facilitator) may not add, edit or move ideas while the facilitator locked editing. */
	lockedForMe = $derived.by(() => this.state.locked && !this.isFacilitator);
	/** Anonymous workshop: no author is shown to anyone, the facilitator included, and no idea focus in presence. */
	anonymous = $derived(this.state.anonymous);
	/** The live workshop's fields (agenda phase, reveal flags, prompts, ready marks...), same object as state. */
	extras = $derived(this.state);
	phase = $derived(this.extras.phase);
	ideas = $derived.by(() => this.sync.read(selectIdeas));
	liveIdeas = $derived(this.ideas.filter((i) => i.mergedInto === null));
	groups = $derived.by(() => this.sync.read(selectIdeaGroups));
	votes = $derived.by(() => this.sync.read(selectVotes));
	scores = $derived.by(() => this.sync.read(selectScores));
	private = $derived.by(() => {
		void this.#privVersion;
		// Root types must be named before they read: an unnamed root stays a generic type with no JSON.
		return readPrivate({
			drafts: this.#priv.getMap('drafts').toJSON(),
			votes: this.#priv.getMap('votes').toJSON(),
			scores: this.#priv.getMap('scores').toJSON()
		});
	});
	drafts = $derived(this.private.drafts);

	/** My votes: hidden ones from my private document until the reveal, then the published ones. */
	myVotes = $derived.by((): Record<string, number> =>
		this.extras.votesRevealed ? (this.votes.byParticipant[this.me]?.perIdea ?? {}) : this.private.votes
	);
	myVotesUsed = $derived(Object.values(this.myVotes).reduce((a, b) => a + b, 0));
	myVotesLeft = $derived(Math.max(0, this.state.voteBudget - this.myVotesUsed));
	isReady = $derived.by(() => this.extras.ready.includes(this.sync.session.participantId));

	/** Ideas open to voting in this round. */
	ballot = $derived.by(() => {
		const round = this.extras.roundIdeaIds;
		return round ? this.liveIdeas.filter((i) => round.includes(i.id)) : this.liveIdeas;
	});

	/** Milliseconds left (server clock), or null when no timer is set. */
	remaining = $derived.by((): number | null => {
		const { timerEndsAt, timerPausedRemaining } = this.state;
		if (timerEndsAt !== null) return Math.max(0, timerEndsAt - (this.now + this.offset));
		return timerPausedRemaining;
	});
	timerRunning = $derived(this.state.timerEndsAt !== null);

	// ---- Transport ---------------------------------------------------------------------------------
	probe(): void {
		this.#provider()?.sendStateless(
			JSON.stringify({ t: 'time', id: `t${++this.#seq}`, clientSentAt: Date.now() })
		);
	}

	#provider(): HocuspocusProvider | null {
		return this.sync.provider;
	}

	#receive(payload: string): void {
		const msg = parseWorkshopServerMessage(payload);
		if (!msg) return;
		if (msg.t === 'time') {
			this.offset = Math.round(serverClockOffset(msg, Date.now()));
			return;
		}
		const resolve = this.#pending.get(msg.id);
		if (!resolve) return;
		const sent = this.#unanswered.get(msg.id);
		if (!msg.ok && msg.error === 'unavailable' && sent !== undefined) {
			// The plan's server did not answer in time: the same command again, until the ack timeout.
			setTimeout(() => {
				if (this.#pending.has(msg.id)) this.#provider()?.sendStateless(sent);
			}, WORKSHOP_RETRY_MS);
			return;
		}
		this.#pending.delete(msg.id);
		this.#unanswered.delete(msg.id);
		if (msg.ok) {
			resolve({
				ok: true,
				ideaId: msg.ideaId,
				actionIds: msg.actionIds,
				voted: msg.voted,
				scored: msg.scored,
				ideaCounts: msg.ideaCounts,
				typing: msg.typing
			});
		} else {
			resolve({ ok: false, error: msg.error, message: msg.message });
		}
	}

	/** Sends one command to the workshop authority; resolves with its acknowledgement. */
	send(command: Command): Promise<Ack> {
		const provider = this.#provider();
		if (!provider) return Promise.resolve({ ok: false, error: 'offline' });
		const id = `${this.#idPrefix}-${++this.#seq}`;
		const payload = JSON.stringify({ ...command, id });
		return new Promise((resolve) => {
			this.#pending.set(id, resolve);
			this.#unanswered.set(id, payload);
			provider.sendStateless(payload);
			setTimeout(() => {
				this.#unanswered.delete(id);
				if (this.#pending.delete(id)) resolve({ ok: false, error: 'timeout' });
			}, ACK_TIMEOUT_MS);
		});
	}

	/**
	 * Silent writing: keeps what this participant typed and has not added yet on the server, so the reveal
	 * publishes it (IDEA-10). Sent a short while after the typing stops, and at once when asked (`flush`).
	 */
	#typed = '';
	#typingTimer: ReturnType<typeof setTimeout> | undefined;
	keepTyped(text: string, flush = false): void {
		clearTimeout(this.#typingTimer);
		const send = () => {
			const clean = text.trim();
			if (clean === this.#typed) return;
			this.#typed = clean;
			void this.send({ t: 'typing', text: clean.slice(0, 200) });
		};
		if (flush) send();
		else this.#typingTimer = setTimeout(send, TYPING_DEBOUNCE_MS);
	}
	/** The typed text the server keeps for this participant ('' when none). */
	get typedKept(): string {
		return this.#typed;
	}
	/** After an idea was added (or the reveal published the text) the server forgot it; so does this client. */
	typedAdded(): void {
		clearTimeout(this.#typingTimer);
		this.#typed = '';
	}

	/** Facilitator: who has voted / scored so far (ids only, never what they chose). */
	async refreshStatus(): Promise<void> {
		const ack = await this.send({ t: 'status' });
		if (ack.ok) {
			this.voted = ack.voted ?? [];
			this.scored = ack.scored ?? [];
			this.ideaCounts = ack.ideaCounts ?? {};
			this.typing = ack.typing ?? [];
		}
	}
}
