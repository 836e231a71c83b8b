/**
 * The one key map of every player (lab, chapters, embed, compare): Space play/pause, ← →
 * step, Home/End jump, PageUp/PageDown change chapter (only /learn/N listens to those).
 * A key means the same thing wherever focus is, except where the focused control needs it:
 * typing fields, selects and sliders keep their keys, and a button or link outside the player
 * keeps Space and Enter (Space presses it, as everywhere on the web).
 */

export type PlayerAction = 'toggle' | 'back' | 'forward' | 'start' | 'end';
export type ChapterAction = 'prevChapter' | 'nextChapter';
export type KeyAction = PlayerAction | ChapterAction;

const KEYS: Record<string, KeyAction> = {
	' ': 'toggle',
	ArrowLeft: 'back',
	ArrowRight: 'forward',
	Home: 'start',
	End: 'end',
	PageUp: 'prevChapter',
	PageDown: 'nextChapter'
};

export const PLAYER_ACTIONS: ReadonlySet<KeyAction> = new Set<KeyAction>(['toggle', 'back', 'forward', 'start', 'end']);
export const CHAPTER_ACTIONS: ReadonlySet<KeyAction> = new Set<KeyAction>(['prevChapter', 'nextChapter']);

/** The attribute that marks a player's own controls: their buttons take every key of the map. */
export const PLAYER_ATTR = 'data-player';

export interface KeyLike {
	key: string;
	metaKey?: boolean;
	ctrlKey?: boolean;
	altKey?: boolean;
}

/** Minimal element interface (a DOM Element satisfies it), so the rule is testable without a DOM. */
export interface TargetLike {
	closest(selector: string): unknown;
}

/** What a key press means here, or null when the focused control keeps the key. */
export function keyAction(e: KeyLike, target: TargetLike | null): KeyAction | null {
	if (e.metaKey || e.ctrlKey || e.altKey) return null;
	const action = KEYS[e.key];
	if (!action || !target) return action ?? null;
	if (target.closest('textarea, select, [contenteditable=""], [contenteditable="true"]')) return null;
	const inPlayer = !!target.closest(`[${PLAYER_ATTR}]`);
	if (target.closest('input')) {
		// The player's scrubber: its own arrows/Home/End move it by one position, the same as
		// the map's (the browser does it); Space still plays.
		return inPlayer && action === 'toggle' ? action : null;
	}
	if (!inPlayer && action === 'toggle' && target.closest('button, [role="button"], a[href], summary')) return null;
	return action;
}
