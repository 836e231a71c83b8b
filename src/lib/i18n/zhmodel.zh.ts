/** /model：中文模型、博客的示例提示、不认识的字和 K/V 热力图说明。 */
import type { zhmodelEn } from './zhmodel.en';

export const zhmodelZh: Record<keyof typeof zhmodelEn, string> = {
	'model.preset.blogEn': 'vLLM 的示例提示（英文）',
	'model.preset.blogZh': '博客里的提示（中文）',
	'model.unknown.ok': '模型认识这些提示里的每一个字。',
	'model.unknown.some': '模型从没见过这些提示里的 {count} 个字符：',
	'model.unknown.times': '{n} 次',
	'model.unknown.asToken': '模型把它们都读成 �，即“没学过的字”这个词元，提示的长度不变。',
	'model.unknown.dropped': '它们会被丢掉：模型读到的提示里没有这些字。换另一个模型试试？',
	'model.unknown.vocabFailed': '无法下载词表来检查提示：{msg}',
	'model.kv.guide.title': '怎么看这两张热力图',
	'model.kv.guide.row': '一行是块里的一个槽位：左边是写在这里的词元，右边是它在这一层的键（K）或值（V）向量。“–”行是空槽位，颜色变淡。',
	'model.kv.guide.col': '一列是这个向量的 {dim} 个数之一，按注意力头分组（{heads} 个头 × {hd}，顶部标出）。',
	'model.kv.guide.colour': '颜色就是数值：红为正，蓝为负，白接近 0；每张图的色阶到它自己绝对值最大的数为止（标题里的 |max|）。',
	'model.kv.guide.lookTitle': '看什么',
	'model.kv.guide.look1': '行一旦写入就不再变化：每个解码步只会添加新行。这就是缓存：每个词元的 K/V 只算一次，之后每一步都来读它。',
	'model.kv.guide.look2':
		'竖条纹（某一列在每一行都是同一种颜色）几乎与词元无关；一行与一行之间变化的列，才是词元之间的区别。同一个字出现两次，两行相似但不相同：位置（第 0 层之后还有上下文）也混在里面。',
	'model.kv.guide.look3':
		'换一层看看：第 0 层的一行只来自这个字和它的位置；后面的层还混入了前文。并行采样（n > 1）的几个序列读的是共享块的同样几行，直到写时复制（copy-on-write）给其中一个复制出自己的块。',
	'model.kv.head': '头 {h}'
};
