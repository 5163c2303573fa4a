/**
 * Steering settings: the inputs of the three budget methods, the envelope the team chose, the margin rate,
 * the dashboard's status thresholds and the base figures of the indicator library.
 *
 *   steering: Y.Map<'lastYearBudget' | 'lastYearChangePct' | 'forecastRevenue' | 'revenuePct' |
 *     'envelope' | 'envelopeMethod' | 'envelopeSetBy' | 'envelopeSetAt' | 'marginRate' |
 *     'atRiskPct' | 'offTrackPct' | `figure:${BaseFigure}`, value>
 *
 * One flat map like `settings` (each field merges on its own). The envelope is written with who chose it and
 * when, in one transaction, so the four fields always describe the same choice (BUD-6).
 */
import type * as Y from 'yjs';
import * as v from 'valibot';
import { PlanError } from './errors.ts';
import {
	BASE_FIGURES,
	DEFAULT_KPI_THRESHOLDS,
	type BaseFigure,
	type BaseFigures,
	type KpiThresholds
} from './indicators.ts';
import type { Origin } from './origin.ts';
import { rootMap } from './schema.ts';
import { amountSchema, finiteNumber, nullish, parse } from './validate.ts';

export const BUDGET_METHODS = ['lastYear', 'revenuePct', 'bottomUp'] as const;
export type BudgetMethod = (typeof BUDGET_METHODS)[number];
export const ENVELOPE_METHODS = [...BUDGET_METHODS, 'custom'] as const;
export type EnvelopeMethod = (typeof ENVELOPE_METHODS)[number];

const pct = (min: number, max: number) => nullish(v.pipe(finiteNumber, v.minValue(min), v.maxValue(max)));

const steeringInput = v.strictObject({
	lastYearBudget: nullish(amountSchema),
	/** Last year's budget plus or minus this percent (−100..+1000). */
	lastYearChangePct: pct(-100, 1000),
	forecastRevenue: nullish(amountSchema),
	/** The envelope as this percent of forecast revenue. */
	revenuePct: pct(0, 100),
	/** Gross margin rate in percent, for the review's margin (REV-3). */
	marginRate: pct(0, 100),
	atRiskPct: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(100))),
	offTrackPct: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(1000))),
	figures: v.optional(v.record(v.picklist(BASE_FIGURES), v.nullable(amountSchema)))
});
export type UpdateSteeringProps = v.InferInput<typeof steeringInput>;

export interface Envelope {
	amount: number;
	method: EnvelopeMethod;
	/** The participant who chose it (null when written by the server or a migration). */
	setBy: string | null;
	setAt: number;
}

export interface Steering {
	lastYearBudget: number | null;
	lastYearChangePct: number | null;
	forecastRevenue: number | null;
	revenuePct: number | null;
	marginRate: number | null;
	thresholds: KpiThresholds;
	envelope: Envelope | null;
	figures: Record<BaseFigure, number | null>;
}

function numOrNull(map: Y.Map<unknown>, key: string): number | null {
	const v = map.get(key);
	return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** KPI-5: the at-risk threshold never exceeds the off-track one (both stored values are checked). */
export function updateSteering(doc: Y.Doc, props: UpdateSteeringProps, origin: Origin): void {
	const { figures, ...p } = parse(steeringInput, props);
	const map = rootMap(doc, 'steering');
	const current = selectSteering(doc).thresholds;
	const atRisk = p.atRiskPct ?? current.atRiskPct;
	const offTrack = p.offTrackPct ?? current.offTrackPct;
	if (atRisk > offTrack) {
		const field = p.atRiskPct !== undefined ? 'atRiskPct' : 'offTrackPct';
		throw new PlanError('invalid_input', field, `${field}: "at risk" must not exceed "off track"`);
	}
	doc.transact(() => {
		for (const [key, value] of Object.entries(p)) {
			if (value !== undefined && map.get(key) !== value) map.set(key, value);
		}
		for (const [figure, value] of Object.entries(figures ?? {})) {
			const key = `figure:${figure}`;
			if (value !== undefined && map.get(key) !== value) map.set(key, value);
		}
	}, origin);
}

export function selectSteering(doc: Y.Doc): Steering {
	const map = rootMap(doc, 'steering');
	const figures = Object.fromEntries(BASE_FIGURES.map((f) => [f, numOrNull(map, `figure:${f}`)])) as Record<
		BaseFigure,
		number | null
	>;
	const amount = numOrNull(map, 'envelope');
	const method = map.get('envelopeMethod');
	const setBy = map.get('envelopeSetBy');
	return {
		lastYearBudget: numOrNull(map, 'lastYearBudget'),
		lastYearChangePct: numOrNull(map, 'lastYearChangePct'),
		forecastRevenue: numOrNull(map, 'forecastRevenue'),
		revenuePct: numOrNull(map, 'revenuePct'),
		marginRate: numOrNull(map, 'marginRate'),
		thresholds: {
			atRiskPct: numOrNull(map, 'atRiskPct') ?? DEFAULT_KPI_THRESHOLDS.atRiskPct,
			offTrackPct: numOrNull(map, 'offTrackPct') ?? DEFAULT_KPI_THRESHOLDS.offTrackPct
		},
		envelope:
			amount === null
				? null
				: {
						amount,
						method: (ENVELOPE_METHODS as readonly unknown[]).includes(method)
							? (method as EnvelopeMethod)
							: 'custom',
						setBy: typeof setBy === 'string' ? setBy : null,
						setAt: numOrNull(map, 'envelopeSetAt') ?? 0
					},
		figures
	};
}

/** The stored base figures, for computeIndicators. */
export function selectBaseFigures(doc: Y.Doc): BaseFigures {
	return selectSteering(doc).figures;
}
