/** 大型 KV 缓存池地图（PoolMap.canvas.svelte）的界面文字（并入 `zh.ts`）。 */
import type { bigmapEn } from './bigmap.en';

export const bigmapZh: Record<keyof typeof bigmapEn, string> = {
	'bigmap.aria': 'KV 缓存池共 {n} 个块，已用 {used} 个：按 + 和 − 缩放，方向键在块之间移动',
	'bigmap.zoomIn': '放大',
	'bigmap.zoomOut': '缩小',
	'bigmap.fit': '显示整个池',
	'bigmap.view': '第 {first}–{last} 块，共 {n} 块 · 每块 {px} 像素',
	'bigmap.hint': '指向或点按一个块即可查看。滚轮或双指缩放，拖动平移；地图获得焦点时，← ↑ → ↓ 移动，+ − 缩放，0 显示整个池。',
	'bigmap.block': '块 {id}：{kind}{owner}，{fill}/{size} 个槽位，引用 {ref}',
	'bigmap.owner': '，{owner}',
	'bigmap.tokens': '词元',
	'bigmap.kind.free': '空闲',
	'bigmap.kind.used': '使用中',
	'bigmap.kind.shared': '共享',
	'bigmap.kind.cached': '空闲，仍在缓存中',
	'bigmap.kind.null': '空块（vLLM V1 的占位块）',
	'bigmap.legend.used': '被一个请求使用',
	'bigmap.legend.shared': '共享（引用 > 1）',
	'bigmap.legend.cached': '空闲，仍在缓存中',
	'bigmap.legend.free': '空闲',
	'bigmap.legend.null': '空块',
	'bigmap.legend.filled': '已填槽位（词元状态）',
	'bigmap.legend.tail': '已占用块中的空槽位（放大后可见）',
	'bigmap.legend.byRequest': '放大后每个请求显示为各自的颜色',
	'bigmap.legend.zoomed': '已放大：每个块显示为所属请求的颜色，空闲但仍缓存时颜色较浅，已用槽位从下往上填充'
};
