import {
	addListItem,
	addPersona,
	addSwotItem,
	initPlan,
	selectContextPrompts,
	selectPersonas,
	userOrigin,
	type IdeaTags
} from '@cap/plan-model';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	answerBadges,
	channelAdvice,
	contextTags,
	matchesAnswer,
	titleWithAnswers,
	toWorkshopPrompt
} from './workshop.ts';

const me = userOrigin('me');
const noTags: IdeaTags = {
	levers: [],
	channelIds: [],
	targetIds: [],
	objectiveIds: [],
	personaIds: [],
	swotItemIds: [],
	watchEntryIds: []
};

describe('the context in the workshop', () => {
	it('CTX-6 CTX-7 a round on a SWOT threat tags its ideas with the threat, and they read and filter by it', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'Plan', year: 2027 }, me);
		const threat = addSwotItem(doc, { quadrant: 'threat', text: 'Acme casse les prix' }, me);
		const jeanne = addPersona(doc, { name: 'Jeanne' }, me);
		const [prompt] = selectContextPrompts(doc);
		const workshopPrompt = toWorkshopPrompt(prompt!, 'p1');
		expect(workshopPrompt).toEqual({
			id: 'p1',
			kind: 'swotItem',
			refId: threat,
			text: 'Menace : Acme casse les prix'
		});
		const tags = { ...noTags, ...contextTags(workshopPrompt, jeanne) } as IdeaTags;
		expect(tags).toMatchObject({ swotItemIds: [threat], personaIds: [jeanne], watchEntryIds: [] });
		const names = {
			personas: new Map([[jeanne, 'Jeanne']]),
			swot: new Map([[threat, { quadrant: 'threat' as const, text: 'Acme casse les prix' }]]),
			watch: new Map<string, string>()
		};
		expect(answerBadges(tags, names).map((b) => b.text)).toEqual([
			'Menace : Acme casse les prix',
			'Persona : Jeanne'
		]);
		expect(matchesAnswer(tags, `swotItem:${threat}`)).toBe(true);
		expect(matchesAnswer(noTags, `swotItem:${threat}`)).toBe(false);
		expect(matchesAnswer(noTags, '')).toBe(true);
		expect(titleWithAnswers('Carte fidélité', answerBadges(tags, names))).toBe(
			'Carte fidélité (Menace : Acme casse les prix, Persona : Jeanne)'
		);
		expect(titleWithAnswers('Jeu', answerBadges(noTags, names))).toBe('Jeu');
	});

	it('CTX-2 the channel advice says when the persona aimed at is not reached by the channel', () => {
		const doc = new Y.Doc();
		initPlan(doc, { title: 'Plan', year: 2027 }, me);
		const mail = addListItem(doc, 'channels', { name: 'Courrier' }, me);
		const tiktok = addListItem(doc, 'channels', { name: 'TikTok' }, me);
		addPersona(doc, { name: 'Jeanne', channelIds: [mail] }, me);
		const [jeanne] = selectPersonas(doc);
		const name = (id: string) => (id === mail ? 'Courrier' : 'TikTok');
		expect(channelAdvice(doc, jeanne, tiktok, name)).toEqual({
			reached: false,
			text: "Jeanne n'est pas joignable par ce canal : ses canaux sont Courrier."
		});
		expect(channelAdvice(doc, jeanne, mail, name)?.reached).toBe(true);
		expect(channelAdvice(doc, undefined, mail, name)).toBeNull();
	});
});
