/**
 * The interface language as a rune. Paraglide compiles the typed messages (`$lib/paraglide/messages`);
 * this module makes its `getLocale()` read a `$state`, so every `m.key()` called in a template re-runs
 * when the locale changes: switching language re-renders in place, with no page reload (a reload would
 * drop the live connection).
 */
import { LOCALES, type Locale } from '@cap/protocol';
import { getLocale, overwriteGetLocale, overwriteSetLocale } from '#lib/paraglide/runtime.js';

function isLocale(value: unknown): value is Locale {
	return (LOCALES as readonly unknown[]).includes(value);
}

/** Paraglide's own detection (the stored choice, else French) gives the starting value. */
const detected = getLocale();
const state = $state<{ current: Locale }>({ current: isLocale(detected) ? detected : 'fr' });

function apply(next: Locale): void {
	state.current = next;
	try {
		// The key paraglide's localStorage strategy reads (see vite.config.ts).
		localStorage.setItem('cap.locale', next);
	} catch {
		// No storage (private mode, tests): the choice lasts for this page.
	}
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}

overwriteGetLocale(() => state.current);
overwriteSetLocale((next) => apply(next));

export const i18n = {
	get locale(): Locale {
		return state.current;
	},
	set: apply,
	/** True once this browser chose a language (the switch, or a plan's language adopted earlier). */
	chosen(): boolean {
		try {
			return localStorage.getItem('cap.locale') !== null;
		} catch {
			return false;
		}
	}
};
