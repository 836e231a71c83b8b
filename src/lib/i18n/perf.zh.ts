/** 在后台线程模拟运行时的界面文案：进度与取消（展开到 `zh.ts`）。 */
import type { perfEn } from './perf.en';

export const perfZh: Record<keyof typeof perfEn, string> = {
	'run.simulate': '正在模拟… {pct}%',
	'run.index': '正在为事件建立索引… {pct}%',
	'run.cancel': '取消',
	'run.showing': '新的运行准备好之前，屏幕上仍显示当前这次运行。',
	'run.aria': '新运行的进度',
	'run.first': '运行准备好后才显示各项数字；其间页面照常可用。',
	'run.pending': '正在模拟这次运行：准备好后显示它的数字。',
	'run.none': '屏幕上还没有运行：改动任一设置即可模拟一次。',
	'learn.answerLoading': '正在计算答案…'
};
