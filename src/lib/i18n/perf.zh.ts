/** 在后台线程模拟运行时的界面文案：进度与取消（展开到 `zh.ts`）。 */
import type { perfEn } from './perf.en';

export const perfZh: Record<keyof typeof perfEn, string> = {
	'run.simulate': '正在模拟… {pct}%',
	'run.index': '正在为事件建立索引… {pct}%',
	'run.cancel': '取消',
	'run.showing': '新的运行准备好之前，屏幕上仍显示当前这次运行。',
	'run.aria': '新运行的进度'
};
