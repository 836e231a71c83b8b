/**
 * Projector mode: every text larger for the back row of a classroom (the defaults already
 * keep text at 14 px or more). On with `?projector=1` or the header's switch; the choice is
 * kept in localStorage and in the address bar while on.
 */
export const PROJECTOR_KEY = 'projector';

class Projector {
	on = $state(false);

	/** Call once in the browser: the URL wins over the saved choice. */
	init(): void {
		const v = new URLSearchParams(location.search).get(PROJECTOR_KEY);
		if (v === '1' || v === '0') this.on = v === '1';
		else this.on = localStorage.getItem('pagedkv-projector') === '1';
	}

	toggle(): void {
		this.on = !this.on;
		localStorage.setItem('pagedkv-projector', this.on ? '1' : '0');
		const url = new URL(location.href);
		if (this.on) url.searchParams.set(PROJECTOR_KEY, '1');
		else url.searchParams.delete(PROJECTOR_KEY);
		history.replaceState(history.state, '', url);
	}
}

export const projector = new Projector();
