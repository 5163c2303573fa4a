import { describe, expect, it } from 'vitest';
import { selectActions } from '../actions.ts';
import { selectThreads, startThread } from '../comments.ts';
import { addIdea, selectIdeas } from '../ideas.ts';
import { serverOrigin } from '../origin.ts';
import { promoteIdeas } from '../promotion.ts';
import { selectWorkshop, updateWorkshop } from '../workshop.ts';
import { addListItem, removeListItem } from '../lists.ts';
import { alice, bob, expectRefused, newPlan, pair } from '../test-utils.ts';
import {
	addMixOrientation,
	addPersona,
	addSwotItem,
	addWatchEntry,
	channelFit,
	removePersona,
	removeWatchEntry,
	selectActionContext,
	selectContextPrompts,
	selectMixOrientations,
	selectPersonas,
	selectSwot,
	selectWatchEntries,
	updateMixOrientation,
	updatePersona,
	updateSwotItem,
	updateWatchEntry
} from './index.ts';

describe('context: personae', () => {
	it('CTX-1 a persona has a name, structured texts, and links to live targets and channels', () => {
		const doc = newPlan();
		const seniors = addListItem(doc, 'targets', { name: 'Seniors' }, alice);
		const mail = addListItem(doc, 'channels', { name: 'Courrier' }, alice);
		expectRefused(doc, () => addPersona(doc, { name: ' ' }, alice), 'invalid_input', 'name');
		expectRefused(
			doc,
			() => addPersona(doc, { name: 'Jeanne', channelIds: ['nope'] }, alice),
			'not_found',
			'channelIds'
		);
		const id = addPersona(
			doc,
			{
				name: 'Jeanne, 68 ans',
				description: 'Retraitée, vit à Nantes',
				needs: 'Être rassurée\nUn interlocuteur',
				objections: 'Trop cher\n\n  Je ne commande pas en ligne  \n',
				tone: 'Vouvoiement, chaleureux',
				targetIds: [seniors],
				channelIds: [mail]
			},
			alice
		);
		const [persona] = selectPersonas(doc);
		expect(persona).toMatchObject({
			id,
			name: 'Jeanne, 68 ans',
			objectionList: ['Trop cher', 'Je ne commande pas en ligne'],
			targetIds: [seniors],
			channelIds: [mail]
		});
		removeListItem(doc, 'channels', { id: mail }, alice);
		expect(selectPersonas(doc)[0]?.channelIds).toEqual([]);
	});

	it('CTX-1 two people linking different channels to one persona at once keep both', () => {
		const { a, b, sync } = pair();
		const web = addListItem(a, 'channels', { name: 'Web' }, alice);
		const mail = addListItem(a, 'channels', { name: 'Courrier' }, alice);
		const id = addPersona(a, { name: 'Jeanne' }, alice);
		sync();
		updatePersona(a, { id, channelIds: [web] }, alice);
		updatePersona(b, { id, channelIds: [mail], tone: 'Chaleureux' }, bob);
		sync();
		expect(selectPersonas(a)).toEqual(selectPersonas(b));
		expect(selectPersonas(a)[0]?.channelIds).toEqual([web, mail].sort());
		expect(selectPersonas(a)[0]?.tone).toBe('Chaleureux');
	});

	it('CTX-2 a channel suggestion checks the persona’s reachable channels', () => {
		const doc = newPlan();
		const mail = addListItem(doc, 'channels', { name: 'Courrier' }, alice);
		const tiktok = addListItem(doc, 'channels', { name: 'TikTok' }, alice);
		const open = addPersona(doc, { name: 'Inconnu' }, alice);
		const jeanne = addPersona(doc, { name: 'Jeanne', channelIds: [mail] }, alice);
		expect(channelFit(doc, jeanne, mail)).toBe('reachable');
		expect(channelFit(doc, jeanne, tiktok)).toBe('unreachable');
		expect(channelFit(doc, open, tiktok)).toBe('unknown');
		expect(channelFit(doc, null, tiktok)).toBe('unknown');
		removePersona(doc, { id: jeanne }, alice);
		expect(channelFit(doc, jeanne, tiktok)).toBe('unknown');
	});
});

describe('context: watch', () => {
	it('CTX-3 a watch entry has a kind, a subject, an http(s) source, a calendar day and tags', () => {
		const doc = newPlan();
		const karim = addListItem(doc, 'members', { name: 'Karim' }, alice);
		expectRefused(
			doc,
			() =>
				addWatchEntry(doc, { kind: 'competitor', subject: 'Acme', sourceUrl: 'javascript:alert(1)' }, alice),
			'invalid_input',
			'sourceUrl'
		);
		expectRefused(
			doc,
			() => addWatchEntry(doc, { kind: 'trend', subject: 'IA', seenOn: '2027-02-30' }, alice),
			'invalid_input',
			'seenOn'
		);
		expectRefused(
			doc,
			() => addWatchEntry(doc, { kind: 'rumour' as never, subject: 'x' }, alice),
			'invalid_input',
			'kind'
		);
		const old = addWatchEntry(
			doc,
			{ kind: 'trend', subject: 'Seniors connectés', seenOn: '2026-10-01' },
			alice
		);
		const undated = addWatchEntry(doc, { kind: 'trend', subject: 'Sans date' }, alice);
		const recent = addWatchEntry(
			doc,
			{
				kind: 'competitor',
				subject: 'Acme',
				observed: 'Baisse de prix de 10 % sur la gamme senior',
				sourceUrl: 'https://acme.example/promo',
				seenOn: '2026-11-20',
				notedById: karim,
				tags: ['prix', 'seniors']
			},
			alice
		);
		expect(selectWatchEntries(doc).map((e) => e.id)).toEqual([recent, old, undated]);
		expect(selectWatchEntries(doc)[0]).toMatchObject({ notedById: karim, tags: ['prix', 'seniors'] });
		removeListItem(doc, 'members', { id: karim }, alice);
		expect(selectWatchEntries(doc)[0]?.notedById).toBeNull();
	});

	it('CTX-3 tags added at once by two people are both kept', () => {
		const { a, b, sync } = pair();
		const id = addWatchEntry(a, { kind: 'competitor', subject: 'Acme', tags: ['prix'] }, alice);
		sync();
		updateWatchEntry(a, { id, tags: ['prix', 'salon'] }, alice);
		updateWatchEntry(b, { id, tags: ['prix', 'seniors'] }, bob);
		sync();
		expect(selectWatchEntries(a)[0]?.tags).toEqual(['prix', 'salon', 'seniors']);
		expect(selectWatchEntries(a)).toEqual(selectWatchEntries(b));
	});
});

describe('context: SWOT', () => {
	it('CTX-4 items sit in one of four quadrants, linked to live personae and watch entries', () => {
		const doc = newPlan();
		const jeanne = addPersona(doc, { name: 'Jeanne' }, alice);
		const acme = addWatchEntry(doc, { kind: 'competitor', subject: 'Acme' }, alice);
		expectRefused(
			doc,
			() => addSwotItem(doc, { quadrant: 'threat', text: 'x', watchEntryIds: ['ghost'] }, alice),
			'not_found',
			'watchEntryIds'
		);
		expectRefused(
			doc,
			() => addSwotItem(doc, { quadrant: 'threat', text: '' }, alice),
			'invalid_input',
			'text'
		);
		const threat = addSwotItem(
			doc,
			{ quadrant: 'threat', text: 'Acme casse les prix', personaIds: [jeanne], watchEntryIds: [acme] },
			alice
		);
		const strength = addSwotItem(doc, { quadrant: 'strength', text: 'Réseau d’agences' }, alice);
		let board = selectSwot(doc);
		expect(board.threat.map((i) => i.id)).toEqual([threat]);
		expect(board.strength.map((i) => i.id)).toEqual([strength]);
		expect(board.threat[0]).toMatchObject({ personaIds: [jeanne], watchEntryIds: [acme] });
		updateSwotItem(doc, { id: strength, quadrant: 'weakness' }, alice);
		removeWatchEntry(doc, { id: acme }, alice);
		board = selectSwot(doc);
		expect(board.weakness.map((i) => i.id)).toEqual([strength]);
		expect(board.threat[0]?.watchEntryIds).toEqual([]);
	});
});

describe('context: marketing mix', () => {
	it('CTX-5 an orientation’s move belongs to its lever; a change of lever drops a move it lacks', () => {
		const doc = newPlan();
		const shop = addListItem(doc, 'channels', { name: 'Boutique en ligne' }, alice);
		expectRefused(
			doc,
			() => addMixOrientation(doc, { lever: 'price', text: 'Prix stables', move: 'launch' }, alice),
			'invalid_input',
			'move'
		);
		const id = addMixOrientation(
			doc,
			{ lever: 'place', text: 'Ouvrir la vente en ligne', move: 'enter', channelId: shop },
			alice
		);
		addMixOrientation(doc, { lever: 'product', text: 'Gamme senior', move: 'launch' }, alice);
		expect(selectMixOrientations(doc)[0]).toMatchObject({ lever: 'place', move: 'enter', channelId: shop });
		updateMixOrientation(doc, { id, lever: 'promotion' }, alice);
		expect(selectMixOrientations(doc)[0]).toMatchObject({ lever: 'promotion', move: null });
	});
});

describe('context: workshop prompts and comments', () => {
	it('CTX-6 prompts list threats first, then personae objections, then the watch', () => {
		const doc = newPlan();
		const acme = addWatchEntry(
			doc,
			{ kind: 'competitor', subject: 'Acme', observed: 'Lance une offre seniors', seenOn: '2026-11-02' },
			alice
		);
		const jeanne = addPersona(doc, { name: 'Jeanne', objections: 'Trop cher\nPas en ligne' }, alice);
		addPersona(doc, { name: 'Paul' }, alice);
		const strength = addSwotItem(doc, { quadrant: 'strength', text: 'Réseau' }, alice);
		const threat = addSwotItem(doc, { quadrant: 'threat', text: 'Acme casse les prix' }, alice);
		const prompts = selectContextPrompts(doc);
		expect(prompts.map((p) => [p.kind, p.sourceId, p.text])).toEqual([
			['threat', threat, 'Acme casse les prix'],
			['strength', strength, 'Réseau'],
			['objection', jeanne, 'Trop cher'],
			['objection', jeanne, 'Pas en ligne'],
			['competitor', acme, 'Lance une offre seniors']
		]);
		expect(new Set(prompts.map((p) => p.key)).size).toBe(prompts.length);
	});

	it('CMT-1 every context item can carry a comment thread', () => {
		const doc = newPlan();
		const targets = {
			persona: addPersona(doc, { name: 'Jeanne' }, alice),
			watchEntry: addWatchEntry(doc, { kind: 'trend', subject: 'IA' }, alice),
			swotItem: addSwotItem(doc, { quadrant: 'threat', text: 'Acme' }, alice),
			mixOrientation: addMixOrientation(doc, { lever: 'price', text: 'Stables' }, alice)
		};
		for (const [targetType, targetId] of Object.entries(targets))
			startThread(doc, { targetType: targetType as 'persona', targetId, body: 'À revoir' }, bob);
		expect(
			selectThreads(doc)
				.map((t) => t.targetType)
				.sort()
		).toEqual(['mixOrientation', 'persona', 'swotItem', 'watchEntry']);
	});
});

describe('context: what ideas and actions answer', () => {
	it('CTX-6 a workshop prompt may name a persona, a SWOT item or a watch entry', () => {
		const doc = newPlan();
		const threat = addSwotItem(doc, { quadrant: 'threat', text: 'Acme casse les prix' }, alice);
		updateWorkshop(
			doc,
			{ prompts: [{ id: 'p1', kind: 'swotItem', refId: threat, text: 'Acme casse les prix' }] },
			serverOrigin()
		);
		expect(selectWorkshop(doc).prompts).toEqual([
			{ id: 'p1', kind: 'swotItem', refId: threat, text: 'Acme casse les prix' }
		]);
	});

	it('CTX-7 an idea carries the persona, SWOT item and watch entry it answers, and promotion carries them to the action', () => {
		const doc = newPlan();
		const mail = addListItem(doc, 'channels', { name: 'Courrier' }, alice);
		const jeanne = addPersona(doc, { name: 'Jeanne', channelIds: [mail] }, alice);
		const acme = addWatchEntry(doc, { kind: 'competitor', subject: 'Acme' }, alice);
		const threat = addSwotItem(doc, { quadrant: 'threat', text: 'Acme casse les prix' }, alice);
		expectRefused(
			doc,
			() => addIdea(doc, { title: 'x', tags: { swotItemIds: ['ghost'] } }, alice),
			'not_found',
			'tags.swotItemIds'
		);
		const ideaId = addIdea(
			doc,
			{
				title: 'Offre fidélité seniors',
				tags: { swotItemIds: [threat], personaIds: [jeanne], watchEntryIds: [acme], channelIds: [mail] }
			},
			alice
		);
		expect(selectIdeas(doc)[0]?.tags).toMatchObject({
			swotItemIds: [threat],
			personaIds: [jeanne],
			watchEntryIds: [acme]
		});
		const [actionId] = promoteIdeas(doc, { ideaIds: [ideaId] }, alice);
		const action = selectActions(doc).find((a) => a.id === actionId);
		expect(action?.channelId).toBe(mail);
		expect(action?.descriptionText).toContain(
			'Répond à : menace « Acme casse les prix » ; persona Jeanne ; veille Acme'
		);
		expect(selectActionContext(doc, actionId!)).toEqual({
			personaIds: [jeanne],
			swotItemIds: [threat],
			watchEntryIds: [acme]
		});
		removePersona(doc, { id: jeanne }, alice);
		expect(selectActionContext(doc, actionId!).personaIds).toEqual([]);
	});
});
