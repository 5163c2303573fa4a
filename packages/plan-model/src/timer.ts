/**
 * The workshop timer's arithmetic (TIMER-1..TIMER-4), pure so that the server applies it with ITS clock
 * (`now` is always the server's epoch ms) and the model tests it without one.
 *
 * The timer is stored as its end instant `timerEndsAt`, not as seconds left, so every screen, late
 * joiners included, computes the same countdown from the server's time; while paused, `timerEndsAt` is
 * null and `timerPausedRemaining` keeps the ms left. Clients only read: they add the offset learnt from
 * the `time` exchange to their own clock.
 */
import type { WorkshopState } from './workshop.ts';

export type TimerFields = Pick<WorkshopState, 'timerEndsAt' | 'timerPausedRemaining' | 'timerDurationMs'>;
export type TimerCommand =
	| { action: 'start'; durationMs: number }
	| { action: 'extend'; byMs: number }
	| { action: 'pause' | 'resume' | 'stop' };

export type TimerStatus = 'idle' | 'running' | 'paused' | 'finished';

/** The next timer fields, or null when the command does not apply (pause an idle timer...). */
export function nextTimer(state: TimerFields, command: TimerCommand, now: number): TimerFields | null {
	switch (command.action) {
		case 'start':
			return {
				timerEndsAt: now + command.durationMs,
				timerPausedRemaining: null,
				timerDurationMs: command.durationMs
			};
		case 'pause':
			if (state.timerEndsAt === null) return null;
			return {
				...state,
				timerEndsAt: null,
				timerPausedRemaining: Math.max(0, state.timerEndsAt - now)
			};
		case 'resume':
			if (state.timerPausedRemaining === null) return null;
			return { ...state, timerEndsAt: now + state.timerPausedRemaining, timerPausedRemaining: null };
		case 'extend': {
			// Never before now: shortening a timer ends it at the earliest immediately.
			if (state.timerEndsAt !== null) {
				return {
					...state,
					timerEndsAt: Math.max(now, state.timerEndsAt + command.byMs),
					timerDurationMs: Math.max(0, (state.timerDurationMs ?? 0) + command.byMs)
				};
			}
			if (state.timerPausedRemaining !== null) {
				return {
					...state,
					timerPausedRemaining: Math.max(0, state.timerPausedRemaining + command.byMs),
					timerDurationMs: Math.max(0, (state.timerDurationMs ?? 0) + command.byMs)
				};
			}
			return null;
		}
		case 'stop':
			return { timerEndsAt: null, timerPausedRemaining: null, timerDurationMs: null };
	}
}

/** Ms left at `now` (the server's time as the client estimates it), and the timer's status. */
export function timerRemaining(
	state: TimerFields,
	now: number
): { remainingMs: number; status: TimerStatus } {
	if (state.timerEndsAt !== null) {
		const remainingMs = Math.max(0, state.timerEndsAt - now);
		return { remainingMs, status: remainingMs > 0 ? 'running' : 'finished' };
	}
	if (state.timerPausedRemaining !== null)
		return { remainingMs: state.timerPausedRemaining, status: 'paused' };
	return { remainingMs: 0, status: 'idle' };
}
