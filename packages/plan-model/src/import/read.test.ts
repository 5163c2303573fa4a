import { describe, expect, it } from 'vitest';
import { inferDirection, priorityByMeaning, readDateText, statusByMeaning } from './read.ts';

describe('IMP-1 dates typed as text', () => {
	it('reads the ways French and English teams write a day', () => {
		expect(readDateText('15/03/2027')).toBe('2027-03-15');
		expect(readDateText('5/3/27')).toBe('2027-03-05');
		expect(readDateText('15.03.2027')).toBe('2027-03-15');
		expect(readDateText('15-03-2027')).toBe('2027-03-15');
		expect(readDateText('2027-03-15')).toBe('2027-03-15');
		expect(readDateText('15 mars 2027')).toBe('2027-03-15');
		expect(readDateText('1er février 2027')).toBe('2027-02-01');
		expect(readDateText('March 15, 2027')).toBe('2027-03-15');
		expect(readDateText('15 March 2027')).toBe('2027-03-15');
		expect(readDateText(46461)).toBe('2027-03-15');
	});
	it('reads a month alone as its first day, or its last at an end', () => {
		expect(readDateText('mars 2027')).toBe('2027-03-01');
		expect(readDateText('Février 2028', 'end')).toBe('2028-02-29');
		expect(readDateText('déc. 2027', 'end')).toBe('2027-12-31');
	});
	it('gives null for what is not a day', () => {
		for (const t of ['bientôt', '31/02/2027', '2027', 'T3', '', '13/13/2027'])
			expect(readDateText(t)).toBeNull();
	});
});

describe('IMP-2 status and priority words by meaning', () => {
	it('reads the words teams use', () => {
		expect(statusByMeaning('Terminé')).toBe('done');
		expect(statusByMeaning('TERMINÉE')).toBe('done');
		expect(statusByMeaning('En attente')).toBe('todo');
		expect(statusByMeaning('à faire')).toBe('todo');
		expect(statusByMeaning('Non commencé')).toBe('todo');
		expect(statusByMeaning('En cours - 50 %')).toBe('in_progress');
		expect(statusByMeaning('Annulé')).toBe('dropped');
		expect(statusByMeaning('Completed')).toBe('done');
		expect(statusByMeaning('in_progress')).toBe('in_progress');
		expect(statusByMeaning('Peut-être')).toBeNull();
		expect(priorityByMeaning('Élevée')).toBe('high');
		expect(priorityByMeaning('P2')).toBe('medium');
		expect(priorityByMeaning('faible')).toBe('low');
		expect(priorityByMeaning('???')).toBeNull();
	});
});

describe('IMP-3 direction from the figures', () => {
	it('a target below the baseline falls, anything else rises', () => {
		expect(inferDirection(40, 30)).toBe('decrease');
		expect(inferDirection(30, 40)).toBe('increase');
		expect(inferDirection(null, 30)).toBe('increase');
		expect(inferDirection(30, 30)).toBe('increase');
	});
});
