/** Light/dark theme: follows prefers-color-scheme unless the user picks one (kept in localStorage). */
export type ThemeMode = 'auto' | 'light' | 'dark';

class Theme {
	mode = $state<ThemeMode>('auto');
	#systemDark = $state(false);

	get dark(): boolean {
		return this.mode === 'dark' || (this.mode === 'auto' && this.#systemDark);
	}

	/** Call once in the browser. */
	init(): void {
		const mq = window.matchMedia?.('(prefers-color-scheme: dark)');
		this.#systemDark = !!mq?.matches;
		mq?.addEventListener('change', (e) => (this.#systemDark = e.matches));
		const saved = localStorage.getItem('pagedkv-theme');
		if (saved === 'light' || saved === 'dark') this.mode = saved;
	}

	cycle(): void {
		this.mode = this.dark ? 'light' : 'dark';
		localStorage.setItem('pagedkv-theme', this.mode);
	}
}

export const theme = new Theme();
