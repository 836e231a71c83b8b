/** 为第 13、10 号议题新增的教程插图文字（中文）；与 `learn2.en.ts` 键相同。 */
import type { learn2En } from './learn2.en';

export const learn2Zh: Record<keyof typeof learn2En, string> = {
	'learn.kv.title': '有缓存和没有缓存时的解码，一步一步看',
	'learn.kv.text': '起初神创造天地。地是空虚混沌',
	'learn.kv.without': '没有缓存：每一步都为每个位置重算 K 和 V',
	'learn.kv.with': '有 KV 缓存：之前的 K、V 直接读出，只算新的一列',
	'learn.kv.step0': '第 0 步（预填充）：两种情况都要为全部 {n} 个提示词 token 计算 K 和 V。',
	'learn.kv.step': '第 {step} 步（解码）：上下文共 {n} 个 token。',
	'learn.kv.computed': '本步计算',
	'learn.kv.read': '从缓存读取',
	'learn.kv.rows': '本步计算的行数：{n}',
	'learn.kv.total': '到目前为止（整次运行）计算过的 K/V 行数：没有缓存 {a} 行，有缓存 {b} 行。一行是一个位置所有层的 K 和 V。',
	'learn.kv.caption':
		'这张图按 token 序列画出（每个字符 token 一列，K 和 V 代表所有层），不是模型的真实数值。下方的测量就是让真实模型做同样的事并计时。',
	'learn.kv.loading': '正在加载 {model} 模型{progress}，以画出它自己的 K 和 V……加载完成前，图里只画出位置。',
	'learn.kv.failed': '模型没能加载（{msg}）。图里只画出位置，不是模型的数值。',
	'learn.kv.real':
		'颜色和数字是 {model} 模型对这段文字算出的真实 K 和 V，在 worker 中计算（{backend}）：第 {layer} 层（共 {layers} 层），第 {head} 个头（共 {heads} 个），每个位置取前 {dims} 个数（共 {hd} 个，从上到下一条一个）。两种方式的每一步都是一次真实的前向计算，计数就是它算了多少行。',
	'learn.kv.scale': 'K 或 V 的数值：',
	'learn.kv.pick': '位置 {pos}“{ch}”，第 {step} 步',
	'learn.kv.pickHint': '（点上方的字可换一个位置）',
	'learn.kv.position': '位置 {pos}',
	'learn.kv.again': '{kv} 重算（没有缓存）',
	'learn.kv.fromCache': '{kv} 从缓存读取',
	'learn.kv.new': '{kv} 本步计算（有缓存）',
	'learn.kv.same':
		'数字相同：重算是白做的功。本步重算的 K/V 与缓存里的相比，在全部 {layers} 层、每个位置全部 {numbers} 个数上，最大差别是 {diff}。',
	'learn.kv.rounding': '{diff}（float32 舍入误差）',
	'learn.kv.numbers': '第 1–{dims} 个数（共 {hd} 个）',
	'learn.anim.play': '播放',
	'learn.anim.pause': '暂停',
	'learn.anim.back': '后退一步',
	'learn.anim.forward': '前进一步',
	'learn.anim.step': '步',

	'learn.hash.title': '哈希链：一个写满的块的哈希 = H(父块的哈希, 本块的 token)',
	'learn.hash.note':
		'每个哈希都包含父块的哈希，所以哈希相同意味着从头到这里的整个前缀都相同，而不只是这一块相同。每一行是一张块表（r0 的每条序列，其他请求各取第一条）；块下方的色条标出持有它的每一个请求。',
	'learn.hash.off': '前缀缓存已关闭：不计算哈希，也不查找。',
	'learn.hash.partial': '未写满',
	'learn.hash.holders': '持有者：{list}',
	'learn.hash.seq': '{req} 序列 {seq}',

	'learn.callout.preempted': '第 {step} 步：{req} 被抢占（{mode}）。',
	'learn.callout.cow': '第 {step} 步：{req} 写入前先把块 {from} 复制到块 {to}（写时复制）。',
	'learn.callout.prefix_hit': '第 {step} 步：{req} 在前缀缓存中命中块 {block}。',
	'learn.callout.jump.preempted': '跳到这次抢占',
	'learn.callout.jump.cow': '跳到这次复制',
	'learn.callout.jump.prefix_hit': '跳到这次命中',
	'learn.callout.here': '正在显示',
	'learn.callout.none.preempted': '这次运行没有发生抢占。',
	'learn.callout.none.cow': '这次运行没有发生写时复制。',
	'learn.callout.none.prefix_hit': '这次运行没有前缀缓存命中。',

	'learn.batch.title': '静态批处理与连续批处理：8 个请求，同样 128 个 token 槽位',
	'learn.batch.static': '静态批处理：一批要等其中最长的请求结束才算完',
	'learn.batch.orca': '连续批处理（Orca，OSDI ’22），连续预留',
	'learn.batch.paged': '连续批处理加分页（vLLM）',
	'learn.batch.limit.static': '每个请求预留 {len} 个槽位：放得下 {k} 个',
	'learn.batch.limit.orca': '每个请求预留 {len} 个槽位：放得下 {k} 个',
	'learn.batch.limit.paged': 'token 来了才分配 {bs} 个槽位的块：{k} 个同时运行',
	'learn.batch.done': '{steps} 步后全部完成',
	'learn.batch.idle': '座位空闲或未使用',
	'learn.batch.caption':
		'每根横条是一个请求，从它的第一步画到最后一步，占用显存允许的某个座位。Orca 按迭代调度，座位一空出来就有请求补上；分页改变的是能放下多少个座位。图由引擎的事件画出（静态批处理：让引擎一次只跑一批）。',
	'learn.batch.table': '第 9 章的 40 个请求，三者都用连续批处理，显存相同：',

	'learn.v1.title': '从论文到今天的 vLLM',
	'learn.v1.p1':
		'第 1–8 章讲的是 2023 年的论文。vLLM 现在的引擎（V1）保留了分页的块和前缀缓存（prefix caching），但有四处不同。下面是同样 5 个请求（每个采样 2 个回答）、同样 32 个块，分别按两套规则运行。',
	'learn.v1.p2':
		'块 0 是空块（null block）：V1 把它留作占位、从不分配，所以 vLLM 的日志和测试里块号从 1 开始，32 个块的显存池实际可用 31 个。',
	'learn.v1.p3':
		'抢占（preemption）只剩重算一种。V1 没有换出（swap）空间，也不支持 --preemption-mode（vLLM issue #18115）：维护者认为在 V1 里重算更高效。如今要用 CPU 内存，得通过 KV 卸载连接器（KV offloading connector）。',
	'learn.v1.p4':
		'n > 1 的请求会拆成 n 个子请求（vLLM PR #10980）。它们只通过前缀缓存共享提示词中写满的块；最后那个没写满的块由每个子请求各自计算，所以不再有写时复制（copy-on-write）。束搜索在引擎之外完成。',
	'learn.v1.p5':
		'vLLM 报告的 kv_cache_usage = 1 − 空闲块数 ÷（块数 − 1）。没有请求持有的缓存块算作空闲，所以使用率可能很低，前缀缓存却仍在命中。我们的显存分类则按每个槽位里装的是什么来划分同一个池。',
	'learn.v1.paper': 'paper（2023 论文）：写时复制，可换出到 32 个 CPU 块',
	'learn.v1.v1': 'v1（今天的 vLLM）：子请求，只能重算',
	'learn.v1.preemptions': '抢占次数（整次运行）',
	'learn.v1.cow': '写时复制次数（整次运行）',
	'learn.v1.hits': '前缀缓存命中（整次运行）',
	'learn.v1.hitsValue': '{queries} 个 token 中命中 {hits} 个',
	'learn.v1.steps': '完成所需步数（整次运行）',
	'learn.v1.usage': 'kv_cache_usage，vLLM 的公式（本步）',
	'learn.v1.tokens': 'token 状态占显存池的比例（本步）',
	'learn.v1.cpu': 'CPU 上的块（本步）',
	'learn.v1.none': '无：没有换出空间'
};
