/** 错误页与拒绝输入时的提示（issue 14），键与 `hostile.en.ts` 相同。 */
import type { hostileEn } from './hostile.en';

export const hostileZh: Record<keyof typeof hostileEn, string> = {
	'errors.notFound.title': '找不到这个页面',
	'errors.notFound.body': '{path} 没有页面。可能是链接拼错了，也可能页面已经搬走。',
	'errors.notFound.chapter': '没有“{chapter}”这一章：教程共有第 {first} 至第 {last} 章。',
	'errors.other.title': '出了点问题',
	'errors.other.body': '这个页面无法显示（错误 {status}）。',
	'errors.try': '可以去这些地方看看：',
	'errors.home': '首页',
	'errors.learn': '教程（逐章学习）',
	'errors.lab': '实验室'
};
