/**
 * Workbooks as French marketing teams keep them (docs/method.md, "The spreadsheet it replaces"), built
 * with exceljs so every fixture can be regenerated and read: the template's tabs with a merged title row,
 * the team's own header words, statuses like "Terminé" and "En attente", dates typed as text, empty
 * cells and a formula; an English file with its Settings tab missing; a lone "Feuil1" with months as
 * periods. `expected` is what each action must become once imported, by name, so a test asserts that
 * every action lands with its owner, workstream, period, person-days and status.
 */
import type ExcelJS from 'exceljs';

type Excel = typeof ExcelJS;
type Status = 'todo' | 'in_progress' | 'done' | 'dropped';

export interface Landed {
	owner: string;
	workstream: string;
	period: string;
	personDays: number;
	status: Status;
}

export interface TeamWorkbook {
	name: string;
	bytes: ArrayBuffer;
	expected: Record<string, Landed>;
	/** Periods the plan must end with, and their dates. */
	periods: Record<string, [string, string]>;
}

const utc = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

const FR_STATUS: Record<Status, string[]> = {
	todo: ['A faire', 'En attente', 'Non commencé', 'à lancer'],
	in_progress: ['En cours', 'Démarré'],
	done: ['Terminé', 'Fait', 'Réalisé'],
	dropped: ['Annulé', 'Abandonné']
};

const OWNERS = ['Julie Martin', 'Marc Le Gall', 'Sophie Bernard', 'Karim Haddad'];
const WORKSTREAMS = ['Digital', 'Salons et événements', 'Relations presse', 'Fidélisation', 'Force de vente'];
const ACTIONS = [
	'Newsletter clients mensuelle',
	'Refonte de la page produits',
	'Campagne LinkedIn Ads',
	'Salon SIAL',
	'Webinaire distributeurs',
	'Communiqué de presse lancement',
	'Programme de parrainage',
	'Kit de vente commerciaux',
	'Jeu concours Instagram',
	'Catalogue 2027',
	'Étude de satisfaction',
	'Salon Gourmet Sélection',
	'Tournée des enseignes',
	'Vidéo témoignage client',
	'Campagne Google Ads',
	'Livre blanc export',
	'Opération fête des mères',
	'Formation argumentaire',
	'Carte de fidélité',
	'Dégustations en magasin',
	'Relance devis non signés',
	'Article blog recettes',
	'Partenariat influenceurs',
	'Plaquette institutionnelle',
	'Bilan trimestriel ventes'
];

/** The template workbook a French team keeps: four tabs, 25 actions, six sprints listed in Réglages. */
export async function frenchTemplate(excel: Excel): Promise<TeamWorkbook> {
	const wb = new excel.Workbook();
	const periods: Record<string, [string, string]> = {};
	// ---- Réglages: a merged title, then side-by-side lists under the team's own headers.
	const settings = wb.addWorksheet('Réglages');
	settings.getCell('A1').value = 'RÉGLAGES DU PLAN 2027';
	settings.mergeCells('A1:J1');
	settings.getRow(3).values = [
		'Période',
		'Date de début',
		'Date de fin',
		null,
		'Responsables',
		'Capacité (J/H par période)',
		null,
		'Chantiers',
		null,
		'Canaux'
	];
	for (let i = 0; i < 6; i++) {
		const start = utc(2027, 1 + 2 * i, 1);
		const end = utc(2027, 2 + 2 * i, i === 0 ? 28 : 30);
		const name = `Sprint ${i + 1}`;
		periods[name] = [start.toISOString().slice(0, 10), end.toISOString().slice(0, 10)];
		// The third sprint's start was typed as text, as people do.
		settings.getRow(4 + i).values = [name, i === 2 ? '01/05/2027' : start, end];
	}
	OWNERS.forEach((o, i) => {
		settings.getCell(4 + i, 5).value = o;
		settings.getCell(4 + i, 6).value = 8 + i;
	});
	WORKSTREAMS.forEach((w, i) => (settings.getCell(4 + i, 8).value = w));
	['E-mailing', 'Réseaux sociaux', 'Salons'].forEach((c, i) => (settings.getCell(4 + i, 10).value = c));

	// ---- Objectifs: business → marketing → key results with baseline and target.
	const objectives = wb.addWorksheet('Objectifs');
	objectives.getCell('A1').value = 'OBJECTIFS 2027';
	objectives.mergeCells('A1:G1');
	objectives.getRow(2).values = [
		'Objectif business',
		'Objectif marketing',
		'Résultat cible',
		'Valeur de départ',
		'Valeur cible',
		'Priorité',
		'Échéance'
	];
	objectives.getRow(3).values = [
		'Croître de 10 % en GMS',
		'Générer des leads qualifiés',
		'Leads qualifiés par mois',
		40,
		80,
		'Haute',
		'31/12/2027'
	];
	objectives.getRow(4).values = [
		'Croître de 10 % en GMS',
		'Générer des leads qualifiés',
		'Coût par lead',
		45,
		30,
		'Moyenne',
		'31/12/2027'
	];
	objectives.getRow(5).values = [
		'Gagner en notoriété',
		'Notoriété de la marque',
		'Notoriété assistée',
		20,
		35,
		'Élevée',
		'décembre 2027'
	];

	// ---- Suivi des actions: a merged title row, the team's words, a few holes and a formula.
	const ws = wb.addWorksheet('Suivi des actions');
	ws.getCell('A1').value = 'PLAN D’ACTIONS COMMERCIALES ET MARKETING 2027';
	ws.mergeCells('A1:M1');
	ws.getCell('A2').value = 'Mis à jour par Julie';
	ws.getRow(3).values = [
		'N°',
		'Action',
		'Chantier',
		'Description',
		'Résultat cible',
		'Priorité',
		'Responsables',
		'Estimation (J/H)',
		'Période',
		'Date de début',
		'Date de fin',
		'Statut',
		'Budget (€)'
	];
	const expected: Record<string, Landed> = {};
	const statuses = Object.keys(FR_STATUS) as Status[];
	ACTIONS.forEach((name, i) => {
		const sprint = i % 6;
		const [start] = periods[`Sprint ${sprint + 1}`]!;
		const status = statuses[i % 4]!;
		const word = FR_STATUS[status][i % FR_STATUS[status].length]!;
		const days = 1 + (i % 7) + (i % 2 ? 0.5 : 0);
		const land: Landed = {
			owner: OWNERS[i % 4]!,
			workstream: WORKSTREAMS[i % 5]!,
			period: `Sprint ${sprint + 1}`,
			personDays: days,
			status
		};
		expected[name] = land;
		const r = 4 + i;
		const startDate = new Date(`${start}T00:00:00Z`);
		startDate.setUTCDate(startDate.getUTCDate() + 3);
		const endDate = new Date(startDate);
		endDate.setUTCDate(endDate.getUTCDate() + 10);
		const text = (d: Date) =>
			`${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
		ws.getRow(r).values = [
			i + 1,
			name,
			// The workstream in lower case for one, with a trailing space for another: the same list item.
			i === 5 ? land.workstream.toLowerCase() : i === 6 ? `${land.workstream} ` : land.workstream,
			i % 3 === 0 ? null : `Action ${name.toLowerCase()} pour l’année`,
			i % 2 === 0 ? 'Leads qualifiés par mois' : i % 5 === 0 ? 'Coût par lead' : null,
			i % 3 === 0 ? 'Haute' : i % 3 === 1 ? 'Moyenne' : 'Basse',
			// One action has two people: the first is the owner, the other is said.
			i === 7 ? `${land.owner}, Karim Haddad` : land.owner,
			// Person-days written as French decimals for some.
			i % 4 === 1 ? `${String(days).replace('.', ',')} j` : days,
			land.period,
			i % 5 === 2 ? text(startDate) : i === 9 ? 'bientôt' : startDate,
			i % 5 === 3 ? text(endDate) : endDate,
			word,
			i % 4 === 0 ? null : i === 3 ? ({ formula: 'H7*450', result: 2025 } as never) : 500 + i * 100
		];
	});

	// ---- Actions par période: the view a team prints, read by Cap but not imported.
	const view = wb.addWorksheet('Actions par période');
	view.getRow(1).values = ['Période', 'Début', 'Fin', 'Nombre d’actions', 'Jours-homme'];
	view.getRow(2).values = ['Sprint 1', utc(2027, 1, 1), utc(2027, 2, 28), 5, 14];
	return {
		name: 'plan-marketing-2027.xlsx',
		bytes: (await wb.xlsx.writeBuffer()) as ArrayBuffer,
		expected,
		periods
	};
}

const EN_STATUS: Record<Status, string[]> = {
	todo: ['Not started', 'On hold'],
	in_progress: ['In progress'],
	done: ['Completed', 'Done'],
	dropped: ['Cancelled']
};

/** An English file, one tab named "Action plan": no Réglages, sprints dated only by their rows. */
export async function englishActionPlan(excel: Excel): Promise<TeamWorkbook> {
	const wb = new excel.Workbook();
	const ws = wb.addWorksheet('Action plan');
	ws.getRow(1).values = [
		'Task',
		'Owner',
		'Workstream',
		'Effort (man-days)',
		'Sprint',
		'Start date',
		'Due date',
		'Status',
		'Priority'
	];
	const expected: Record<string, Landed> = {};
	const statuses = Object.keys(EN_STATUS) as Status[];
	const periods: Record<string, [string, string]> = {
		'Sprint A': ['2027-02-01', '2027-02-19'],
		'Sprint B': ['2027-03-01', '2027-03-26']
	};
	ACTIONS.slice(0, 12).forEach((fr, i) => {
		const name = `${fr} (EN)`;
		const status = statuses[i % 4]!;
		const sprint = i % 2 ? 'Sprint B' : 'Sprint A';
		const land: Landed = {
			owner: OWNERS[(i + 1) % 4]!,
			workstream: WORKSTREAMS[(i + 2) % 5]!,
			period: sprint,
			personDays: 2 + (i % 3),
			status
		};
		expected[name] = land;
		const [first, last] = periods[sprint]!;
		// The sprint's first and last day appear on its first and last row; the rows between sit inside.
		const start = i < 2 ? first : i % 2 ? '2027-03-08' : '2027-02-08';
		const end = i >= 10 ? last : i % 2 ? '2027-03-12' : '2027-02-12';
		ws.addRow([
			name,
			land.owner,
			land.workstream,
			land.personDays,
			sprint,
			new Date(`${start}T00:00:00Z`),
			new Date(`${end}T00:00:00Z`),
			EN_STATUS[status][i % EN_STATUS[status].length],
			i % 2 ? 'High' : 'Low'
		]);
	});
	return { name: 'action-plan.xlsx', bytes: (await wb.xlsx.writeBuffer()) as ArrayBuffer, expected, periods };
}

/** A lone "Feuil1": the tab keeps Excel's default name, periods are months, the owner is the "pilote". */
export async function loneSheet(excel: Excel): Promise<TeamWorkbook> {
	const wb = new excel.Workbook();
	const ws = wb.addWorksheet('Feuil1');
	ws.getRow(1).values = ['Intitulé', 'Pilote', 'Pôle', 'Charge (jours)', 'Mois', 'Avancement'];
	const expected: Record<string, Landed> = {};
	const months = ['janvier 2027', 'février 2027', 'mars 2027'];
	const words = ['Fait', 'En cours', 'À faire', 'Abandonnée'];
	const codes: Status[] = ['done', 'in_progress', 'todo', 'dropped'];
	ACTIONS.slice(12).forEach((name, i) => {
		const land: Landed = {
			owner: OWNERS[i % 4]!,
			workstream: WORKSTREAMS[i % 5]!,
			period: months[i % 3]!,
			personDays: 1 + i,
			status: codes[i % 4]!
		};
		expected[name] = land;
		ws.addRow([name, land.owner, land.workstream, land.personDays, land.period, words[i % 4]]);
	});
	return {
		name: 'Classeur1.xlsx',
		bytes: (await wb.xlsx.writeBuffer()) as ArrayBuffer,
		expected,
		periods: {
			'janvier 2027': ['2027-01-01', '2027-01-31'],
			'février 2027': ['2027-02-01', '2027-02-28'],
			'mars 2027': ['2027-03-01', '2027-03-31']
		}
	};
}
