/** 模型工作线程（/model 页与第 3 章测量）的文字，展开到 zh.ts。 */
import type { modelEn } from './model.en';

export const modelZh: Record<keyof typeof modelEn, string> = {
	'model.cancel': '取消',
	'model.choosingBackend': '正在挑选最快的后端：在浏览器提供的每个后端上各计时几步解码……',
	'model.backendTimings': '实测几步解码后选定：{list}',
	'model.backendFallback': '地址中指定的后端在这里无法启动；模型改在 {backend} 上运行。',
	'learn.measure.stop': '停止',
	'learn.measure.choosing': '正在挑选最快的后端……',
	'learn.measure.progress': '已完成 {done}/{total} 项测量，约剩 {eta} 秒',
	'learn.measure.stopped': '已停止。已测得的行会保留；按“开始测量”可重新开始。'
};
