/** 请求轨迹导入与示例轨迹选择器的界面文案（展开进 `zh.ts`），键与 `traces.en.ts` 相同。 */
import type { tracesEn } from './traces.en';

export const tracesZh: Record<keyof typeof tracesEn, string> = {
	'traces.formats': '可读取本站 JSONL、Mooncake 与通义千问百炼（Qwen-Bailian）JSONL、Azure 与 BurstGPT CSV（见 docs/traces.md）。',
	'traces.sample': '或运行一条示例轨迹',
	'traces.samplePick': '— 选择示例 —',
	'traces.sample.mooncake': 'Mooncake：共享前缀',
	'traces.sample.bailian': '通义千问百炼：多轮对话',
	'traces.sample.azure': 'Azure LLM 推理（CSV）',
	'traces.sample.burstgpt': 'BurstGPT（CSV）',
	'traces.sample.pagedkv': '本站 JSONL：按毫秒到达、并行采样、束搜索',
	'traces.loading': '正在加载 {file}…',
	'traces.skipped': '已跳过 {n} 个失败请求（没有输出）。',
	'traces.sampleConfig': '显存池已按示例设置：{blocks} 个块，每块 {size} 个 token，最大长度 {len}。',
	'traces.fetchFailed': '无法加载 {file}：{msg}'
};
