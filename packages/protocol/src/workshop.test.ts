import { describe, expect, it } from 'vitest';
import {
	normalizeJoinCode,
	parseWorkshopMessage,
	parseWorkshopServerMessage,
	serverClockOffset,
	WORKSHOP_AGENDA
} from './index.ts';

describe('workshop messages', () => {
	it('accepts each command with its fields', () => {
		const ok = [
			{ t: 'phase', phase: 'silentWriting' },
			{ t: 'timer', action: 'start', durationMs: 300_000 },
			{ t: 'timer', action: 'extend', byMs: -60_000 },
			{ t: 'timer', action: 'pause' },
			{
				t: 'settings',
				locked: true,
				maxVotesPerGroup: null,
				prompts: [{ id: 'p', kind: 'lever', text: 'Vendre ?', lever: 'savoirVendre' }]
			},
			{ t: 'settings', criteriaWeights: { relevance: 1, impact: 2, skills: 1, time: 1, budget: 0 } },
			{ t: 'reveal', what: 'votes' },
			{ t: 'resetVotes' },
			{ t: 'secondRound', topN: 5 },
			{ t: 'addIdea', title: 'Salon', tags: { levers: ['price'] } },
			{ t: 'editIdea', ideaId: 'abc', detail: null },
			{ t: 'removeDraft', ideaId: 'abc' },
			{ t: 'typing', text: '' },
			{ t: 'typing', text: 'Webinaire' },
			{ t: 'vote', ideaId: 'abc', delta: -1 },
			{ t: 'score', ideaId: 'abc', criterion: 'impact', value: null },
			{ t: 'ready', ready: true },
			{ t: 'time', clientSentAt: 1 },
			{ t: 'status' },
			{ t: 'promote', groupIds: ['g'] }
		];
		for (const m of ok) expect(parseWorkshopMessage(JSON.stringify({ ...m, id: '1' })).ok, m.t).toBe(true);
	});

	it('CTX-6 CTX-7 accepts a prompt on a context record and ideas tagged with the context they answer', () => {
		const ok = [
			{
				t: 'settings',
				prompts: [{ id: 'p', kind: 'swotItem', refId: 'threat1', text: 'Acme casse les prix' }]
			},
			{
				t: 'addIdea',
				title: 'Offre',
				tags: { swotItemIds: ['threat1'], personaIds: ['p1'], watchEntryIds: [] }
			}
		];
		for (const m of ok) expect(parseWorkshopMessage(JSON.stringify({ ...m, id: '1' })).ok, m.t).toBe(true);
		const bad = { t: 'addIdea', title: 'Offre', tags: { rumourIds: ['x'] }, id: '1' };
		expect(parseWorkshopMessage(JSON.stringify(bad)).ok).toBe(false);
	});

	it('refuses malformed commands and names the field', () => {
		expect(parseWorkshopMessage('nope')).toEqual({ ok: false, id: '', error: 'not JSON' });
		expect(parseWorkshopMessage('{"t":"status"}')).toEqual({ ok: false, id: '', error: 'id' });
		const bad: [object, string][] = [
			[{ t: 'phase', phase: 'party' }, 'phase'],
			[{ t: 'timer', action: 'start', durationMs: 10 }, 'durationMs'],
			[{ t: 'vote', ideaId: 'a', delta: 0 }, 'delta'],
			[{ t: 'vote', ideaId: 'a', delta: 1.5 }, 'delta'],
			[{ t: 'score', ideaId: 'a', criterion: 'impact', value: 6 }, 'value'],
			[{ t: 'addIdea', title: '  ' }, 'title'],
			[{ t: 'addIdea', title: 'x', tags: { colour: ['red'] } }, 'tags.colour'],
			[{ t: 'settings', criteriaWeights: { impact: 1 } }, 'criteriaWeights'],
			[{ t: 'promote' }, 'ideaIds'],
			[{ t: 'promote', ideaIds: ['a'], keyResultIds: [''] }, 'keyResultIds'],
			[{ t: 'promote', ideaIds: ['a'], ownerId: 5 }, 'ownerId'],
			[{ t: 'typing', text: 'x'.repeat(201) }, 'text'],
			[{ t: 'typing' }, 'text'],
			[{ t: 'timer', action: 'rewind' }, 'action'],
			[{ t: 'settings', prompts: [{ id: 'p', kind: 'lever', text: 1 }] }, 'prompts'],
			[{ t: 'hack' }, 't'],
			[{ phase: 'brief' }, 't']
		];
		for (const [m, field] of bad)
			expect(parseWorkshopMessage(JSON.stringify({ ...m, id: '7' }))).toEqual({
				ok: false,
				id: '7',
				error: field
			});
	});

	it('hands the server only the fields of the command, and reads an id it can answer', () => {
		const parsed = parseWorkshopMessage(
			JSON.stringify({ id: '1', t: 'vote', ideaId: 'a', delta: 2, participantId: 'someone-else' })
		);
		expect(parsed).toEqual({ ok: true, message: { id: '1', t: 'vote', ideaId: 'a', delta: 2 } });
		expect(parseWorkshopMessage('[1]')).toEqual({ ok: false, id: '', error: 'not an object' });
		expect(parseWorkshopMessage('{"id":"","t":"status"}')).toEqual({ ok: false, id: '', error: 'id' });
	});

	it('reads refusals and time replies, and nothing that is not a reply', () => {
		expect(parseWorkshopServerMessage('{"t":"ack","id":"1","ok":false,"error":"locked"}')).toEqual({
			t: 'ack',
			id: '1',
			ok: false,
			error: 'locked'
		});
		expect(parseWorkshopServerMessage('{"t":"time","id":"2","serverNow":5,"clientSentAt":1}')).toEqual({
			t: 'time',
			id: '2',
			serverNow: 5,
			clientSentAt: 1
		});
		for (const bad of ['{"t":"ack","id":"1","ok":"yes"}', '{"t":"ack","ok":true}', 'null', '{', '"ack"'])
			expect(parseWorkshopServerMessage(bad), bad).toBeNull();
	});

	it('parses replies, estimates the clock offset, normalises codes', () => {
		expect(parseWorkshopServerMessage('{"t":"ack","id":"1","ok":true}')).toEqual({
			t: 'ack',
			id: '1',
			ok: true
		});
		expect(parseWorkshopServerMessage('{"t":"other","id":"1"}')).toBeNull();
		expect(serverClockOffset({ serverNow: 1_100, clientSentAt: 1_000 }, 1_000)).toBe(100);
		expect(normalizeJoinCode(' ab3d-4f7k ')).toBe('AB3D4F7K');
		expect(normalizeJoinCode('AB3D4F')).toBeNull();
		expect(normalizeJoinCode('AB0D4F7K')).toBeNull();
		expect(WORKSHOP_AGENDA[0]).toBe('setup');
	});
});
