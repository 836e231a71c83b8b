/** Frames per second over a sliding window of animation frames (for the render bench). */
export class FpsMeter {
	/** Calls `report(fps, frames)` about twice a second until the returned stop() is called. */
	start(report: (fps: number, frames: number) => void): () => void {
		let raf = 0;
		let frames = 0;
		let windowStart = performance.now();
		let windowFrames = 0;
		const tick = (now: number) => {
			frames++;
			windowFrames++;
			if (now - windowStart >= 500) {
				report((windowFrames * 1000) / (now - windowStart), frames);
				windowStart = now;
				windowFrames = 0;
			}
			raf = requestAnimationFrame(tick);
		};
		raf = requestAnimationFrame(tick);
		return () => cancelAnimationFrame(raf);
	}
}
