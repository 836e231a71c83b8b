/**
 * 简体中文界面文案，键与 `en.ts` 完全相同（类型检查保证不多不少）。
 * 术语在每章第一次出现时附上英文原文，例如“预填充（prefill）”。
 */
import type { MessageKey } from './en';
import { tracesZh } from './traces.zh';
import { hostileZh } from './hostile.zh';
import { modelZh } from './model.zh';
import { bigmapZh } from './bigmap.zh';
import { perfZh } from './perf.zh';
import { fitZh } from './fit.zh';
import { classroomZh } from './classroom.zh';
import { learn2Zh } from './learn2.zh';
import { zhmodelZh } from './zhmodel.zh';

export const zh: Record<MessageKey, string> = {
	...tracesZh,
	...hostileZh,
	...modelZh,
	...bigmapZh,
	...perfZh,
	...fitZh,
	...classroomZh,
	...learn2Zh,
	...zhmodelZh,
	'app.title': 'PagedKV Lab',
	'app.tagline': '分页 KV 缓存推理的教学模拟器（vLLM 的 PagedAttention）。',
	'nav.home': '首页',
	'nav.learn': '教程',
	'nav.lab': '实验室',
	'nav.compare': '对比',
	'nav.model': '模型',
	'nav.embed': '嵌入',
	'theme.toggle': '切换浅色/深色主题',
	'theme.light': '浅色',
	'theme.dark': '深色',
	'theme.auto': '跟随系统',

	'home.lead':
		'语言模型会把读过的每个 token 都记成键和值，也就是 KV 缓存。同时服务大量请求时，这块显存就成了瓶颈。vLLM 像操作系统管理虚拟内存那样，把它切成固定大小的小块，几乎不浪费。',
	'home.lead2':
		'PagedKV Lab 一步一步地模拟这个显存管理器：连续批处理、块表、前缀缓存、写时复制、抢占与换出。每个事件都画出来，可以来回拖动查看。',
	'home.live': '实时演示：24 个块的小显存池，服务 6 个请求',
	'home.pages': '页面',
	'home.learn': '循序渐进的教程，一页讲一个概念。',
	'home.lab': '显存压力实验：拖动滑块，看浪费和抢占如何变化。',
	'home.compare': '同一负载下分页分配与连续分配（Orca 式）并排对比。',
	'home.model': '一个真实的小型 Transformer 逐 token 生成，把 K/V 写进分页的块里。',
	'home.embed': '无边框播放器，可用 iframe 嵌进博客文章。',

	'player.play': '播放',
	'player.pause': '暂停',
	'player.start': '回到开头',
	'player.end': '跳到结尾',
	'player.back': '后退一步',
	'player.forward': '前进一步',
	'player.scrub': '拖动浏览整个运行过程',
	'player.speed': '速度',
	'player.granularity': '粒度',
	'player.byStep': '按步',
	'player.byEvent': '按事件',
	'player.stepOf': '第 {step} 步 · 事件 {cursor}/{total}',
	'player.keys': '快捷键：空格 播放/暂停，← → 单步，Home/End 跳到首尾',

	'map.title': 'GPU 块池',
	'map.cpu': 'CPU 换出空间',
	'map.spans': '把 GPU 显存看成一行 token 槽位（连续分配器）',
	'map.legend.free': '空闲',
	'map.legend.cached': '已缓存、空闲（前缀可复用）',
	'map.legend.shared': '共享（引用计数 ≥ 2）',
	'map.zoom': '块的显示大小',
	'map.block': '块 {id}：{owner}，{fill}/{size} 个槽位已用，引用 {ref}{cached}',
	'map.block.free': '块 {id}：空闲{cached}',
	'map.cachedNote': '，已缓存',
	'map.aria': '{n} 个 GPU 块的显存图，{free} 个空闲',

	'table.title': '块表',
	'table.pick': '选中一个请求（点击时间线上的一行或某个块），查看它的块表。',
	'table.logical': '逻辑块',
	'table.physical': '物理块',
	'table.seq': '序列 {seq}',

	'timeline.title': '时间线',
	'timeline.hint': '点击某一步跳转过去；点击请求名选中它。',
	'status.waiting': '等待',
	'status.prefill': '预填充',
	'status.decode': '解码',
	'status.preempted': '被抢占',
	'status.swapped': '已换出',
	'status.finished': '已完成',
	'status.rejected': '被拒绝',
	'status.running': '运行中',

	'chart.title': '显存随步数变化',
	'chart.preemption': '抢占',
	'mem.tokenStates': 'token 状态',
	'mem.reserved': '预留',
	'mem.internalFragmentation': '内部碎片',
	'mem.externalFragmentation': '外部碎片',
	'mem.free': '空闲',

	'log.title': '事件日志',
	'log.type': '事件类型',
	'log.req': '请求',
	'log.all': '全部',
	'log.follow': '跟随',
	'log.count': '{shown} / {total} 个事件',

	'stats.title': '指标',
	'stats.running': '运行中',
	'stats.waiting': '等待中',
	'stats.swapped': '已换出',
	'stats.free': '空闲块',
	'stats.util': 'token 状态占比',
	'stats.throughput': '吞吐',
	'stats.ttft': 'TTFT 均值',
	'stats.preemptions': '抢占次数',
	'stats.finished': '已完成',
	'stats.prefixHits': '前缀命中 token',

	'lab.title': '实验室：显存压力实验',
	'lab.intro': '每个控件一改就立即重新模拟，播放器尽量停在原来那一步。整个运行状态都保存在链接里。',
	'lab.engine': '引擎',
	'lab.workload': '负载',
	'lab.blockSize': '块大小（token）',
	'lab.numGpuBlocks': 'GPU 块数',
	'lab.numCpuBlocks': 'CPU 换出块数',
	'lab.maxNumSeqs': '最大并发序列数',
	'lab.maxNumBatchedTokens': '每步 token 预算',
	'lab.maxModelLen': '最大模型长度',
	'lab.enablePrefixCaching': '前缀缓存',
	'lab.enableChunkedPrefill': '分块预填充',
	'lab.preemptionMode': '抢占方式',
	'lab.watermark': '水位线',
	'lab.allocator': '分配器',
	'lab.semantics': '规则（论文或 vLLM V1）',
	'lab.preset': '长度分布',
	'lab.numRequests': '请求数',
	'lab.ratePerStep': '每步到达数',
	'lab.promptLen': '提示词长度',
	'lab.outputLen': '输出长度',
	'lab.sharedPrefixLen': '共享前缀长度',
	'lab.sharedPrefixFraction': '共享前缀的请求比例',
	'lab.n': '并行采样数（n）',
	'lab.beamWidth': '束宽',
	'lab.seed': '随机种子',
	'lab.reset': '恢复默认',
	'lab.copyLink': '复制链接',
	'lab.copied': '链接已复制',
	'lab.copyFailed': '复制失败，链接就在地址栏里',
	'lab.export': '导出',
	'lab.exportEvents': '事件（JSONL）',
	'lab.exportSummary': '汇总（CSV）',
	'lab.exportPng': '显存图（PNG）',
	'lab.exportSvg': '显存图（SVG）',
	'lab.import': '导入请求轨迹（JSONL 或 CSV）',
	'lab.importOk': '已从 {file} 导入 {n} 个请求。（导入的轨迹不会写进链接。）',
	'lab.importClear': '改回生成的负载',
	'lab.error': '无法模拟这次运行：{msg}',
	'lab.summary': '整次运行的汇总',
	'lab.scenarios': '场景',
	'url.notice': '链接中的部分参数已调整：',
	'url.unknown': '未知参数“{key}”，已忽略',
	'url.clamped': '{key}={value} 超出范围，改用 {used}',
	'url.invalid': '{key}={value} 无效，改用 {used}',
	'url.v1': 'vLLM V1 只按重算抢占，没有换出空间，也没有 Orca 基线；改用 {used}',
	'url.config': '这些设置互相矛盾（{msg}），已改用默认值',

	'compare.title': '对比：分页分配与连续分配',
	'compare.intro':
		'同一负载分别交给 vLLM 的分页分配器和三种 Orca 式连续分配器。连续分配器必须为每个请求预先留出一整段空间，其中大部分都闲置着。',
	'compare.paper': '重现论文结论：20–38% 对 96%',
	'compare.paperNote': 'Kwon 等人（SOSP 2023）测得，连续分配的系统只有 20–38% 的 KV 显存真正存着 token 状态，而 vLLM 约为 96%。',
	'compare.table': '汇总',
	'compare.allocator': '分配器',
	'compare.tokenStates': 'token 状态占已用显存的比例',
	'compare.waste': '浪费占显存池的比例',
	'compare.avgBatch': '平均批大小',
	'compare.throughput': '吞吐（tok/s）',
	'compare.preemptions': '抢占次数',
	'compare.steps': '步数',

	'embed.open': '在 PagedKV Lab 中打开',
	'summary.steps': '步数',
	'summary.finished': '已完成',
	'summary.rejected': '被拒绝',
	'summary.preemptions': '抢占次数',
	'summary.prefixHitTokens': '前缀命中 token',
	'summary.peak': 'GPU 块峰值占用',
	'summary.avgBatch': '平均批大小',
	'summary.throughput': '吞吐（tok/s）',
	'summary.ttft': '首 token 延迟 p50 / p99（ms）',
	'summary.tpot': '每 token 延迟 p50 / p99（ms）',
	'summary.memory': 'token 状态 / 浪费，占显存池的比例（各步平均）',

	'common.ok': '好的',
	'lang.label': '语言',
	'map.size': '（{blocks} 块 × 每块 {size} 个槽位）',
	'map.fit': '自适应',
	'table.tokens': '{n} 个 token',
	'player.step': '第 {step} 步',
	'player.max': '最快',
	'scenario.prefix-chat.title': '共享前缀的对话',
	'scenario.pool-runs-out.title': '显存池耗尽',
	'scenario.beam-search.title': '束搜索',

	'learn.title': '教程：vLLM 为什么要给 KV 缓存分页',
	'learn.intro':
		'共十个短章节，每章几段说明，旁边是该章配置好的实时模拟。用按钮或 PageUp / PageDown 翻页（空格和 ← → 控制实时演示）；每章都有独立链接，全班可以打开同一页。',
	'learn.contents': '章节',
	'learn.start': '从第 1 章开始',
	'learn.next': '下一章',
	'learn.back': '上一章',
	'learn.progress': '第 {n} 章，共 {total} 章',
	'learn.keys': 'PageUp / PageDown 翻章 · 空格 播放 · ← → 单步',
	'learn.question': '动手试试',
	'learn.reveal': '显示答案',
	'learn.hide': '隐藏答案',
	'learn.live': '实时演示',
	'learn.controls': '调一调',

	'learn.tokens.prompt': '提示词',
	'learn.tokens.output': '输出',
	'learn.tokens.waiting': '第 0 步之前：还什么都没算。',
	'learn.tokens.prefill': '第 {step} 步（预填充）：{n} 个提示词 token 一次算完，同时得到第一个输出 token。',
	'learn.tokens.decode': '第 {step} 步（解码）：新生成一个 token，这是第 {k} 个。',
	'learn.tokens.done': '完成：共生成 {n} 个 token，每步一个。',

	'learn.phase.prompt': '提示词长度（token）',
	'learn.phase.output': '输出长度（token）',
	'learn.phase.prefill': '预填充：1 步，{ms} ms',
	'learn.phase.decode': '解码：{n} 步，{ms} ms',
	'learn.phase.share': '解码占总时间的 {pct}（每步 {per} ms）。',
	'learn.phase.model': '成本模型：OPT-13B，fp16，单张 A100-40GB（粗略估算，假设已注明）。',
	'learn.phase.timeline': '时间线上的三个请求：各有一步预填充，之后每输出一个 token 就是一步解码。',

	'learn.measure.title': '在本机实测：有无 KV 缓存的解码速度',
	'learn.measure.note':
		'按下按钮才开始测量（上面的图已经加载了模型：英文 1.7 MB，中文 2.6 MB）；有显卡时只需几秒，没有显卡可能要一分钟以上。',
	'learn.measure.button': '开始测量',
	'learn.measure.again': '再测一次',
	'learn.measure.loading': '正在加载模型…',
	'learn.measure.running': '正在测量：上下文 {ctx}，{method}…',
	'learn.measure.context': '上下文（token）',
	'learn.measure.cached': '使用 KV 缓存',
	'learn.measure.recompute': '不用缓存（重算）',
	'learn.measure.speedup': '加速比',
	'learn.measure.unit': 'token/秒',
	'learn.measure.done': '测量后端：{backend}；每格解码 {steps} 步，取 {rounds} 轮中最好的一次。',
	'learn.measure.failed':
		'模型无法在这里运行（{msg}）。结论不受影响：有缓存时，每步解码只需计算一个 token；没有缓存，就得把整个上下文重算一遍。',

	'learn.calc.len': '每个请求的 token 数',
	'learn.calc.reqs': '同时运行的请求数',
	'learn.calc.perToken': '每个 token 的 KV，OPT-13B fp16：2 × 40 层 × 5120 × 2 字节 = {kb} KB',
	'learn.calc.total': '{reqs} 个请求 × {len} 个 token = {gb} GB KV 缓存',
	'learn.calc.budget': 'A100-40GB 放下 26 GB 权重后，留给 KV 的约 12 GB',
	'learn.calc.fits': '放得下（占预算的 {pct}）',
	'learn.calc.over': '放不下：是预算的 {x} 倍',
	'learn.calc.chart': '一个小显存池随着请求解码逐步填满（显存随步数变化）：',

	'learn.compare.ratio': '分页与 orca-max 的吞吐之比：{ratio}×',

	'learn.c10.openLab': '用这些设置打开实验室',
	'learn.c10.openCompare': '对比全部四种分配器',
	'learn.c10.contents': '回到章节列表',

	'learn.c1.title': '什么是推理',
	'learn.c1.p1':
		'语言模型只做一件事：根据已有的文本，预测下一个 token（一个词，或词的一部分）。推理（inference），就是运行模型来生成回答。',
	'learn.c1.p2':
		'提示词（prompt）整段输入；回答则一个 token 一个 token 地产生：每生成一个新 token，就接到文本末尾，再送回模型去预测下一个。',
	'learn.c1.p3': '在实时演示里逐步播放：灰色的是提示词，每一步恰好多出一个彩色 token，直到回答完成。',
	'learn.c1.prompt': '请问|法国|的|首都|是',
	'learn.c1.output': '巴黎|。|它|以|博物馆|和|美食|闻名',
	'learn.c1.q': '生成这 8 个输出 token 需要几步？第一个输出 token 是在哪一步产生的？',
	'learn.c1.a': '8 步，编号 0 到 7。第 0 步读入整段提示词，同时就产出第一个输出 token；之后每一步恰好再多一个。',

	'learn.c2.title': '预填充与解码',
	'learn.c2.p1': '生成分两个阶段。预填充（prefill）在一步之内读完整段提示词：所有 token 并行计算，GPU 的算力被充分利用。',
	'learn.c2.p2':
		'随后是解码（decode）：每步只产生一个 token，而且每一步都依赖上一步的结果，只能串行进行。哪怕一步只算一个 token，也要把模型的全部权重从显存读一遍，所以解码受限于显存带宽，而不是算力。',
	'learn.c2.p3':
		'演示区的条形图用的是 OPT-13B 在单张 A100 上的成本模型，也就是论文里的设置。拖动长度试试：预填充只是短短一步，几百步解码才占了几乎全部时间。',
	'learn.c2.q': '提示词 512 个 token、回答 256 个 token 时，解码占总时间的多少？如果回答只有 16 个 token 呢？',
	'learn.c2.a':
		'约 {share}：256 步解码共 {decode} ms，而整段预填充只要 {prefill} ms。即使只输出 16 个 token，解码仍占 {share16}，因为每一步解码的代价都相当于把权重完整读一遍。',

	'learn.c3.title': 'KV 缓存',
	'learn.c3.p1':
		'为了预测下一个 token，注意力机制要拿最新的 token 和之前的每一个 token 作比较。为此，每一层都会把每个 token 变换成一个键向量（K，key）和一个值向量（V，value）。',
	'learn.c3.p2':
		'已有 token 的键和值不会再变。所以不必每一步都把整段文本重算一遍，引擎把它们留在显存里，这就是 KV 缓存（KV cache）；每步解码只需为新来的那一个 token 计算 K 和 V。',
	'learn.c3.p3':
		'演示区一步一步画出了这个差别：没有缓存时，每一步都要为整个上下文重新计算 K 和 V；有缓存时只算新的一列。图的下方可以直接在本机上测一测：一个真实的 4 层字符级 GPT（用钦定版圣经训练）就在你的浏览器里运行。它先用缓存解码，再不用缓存、每步重算整个上下文，分别在三种上下文长度下计时。',
	'learn.c3.q': '点击“开始测量”。上下文从 32 增长到 256 个 token 时，缓存带来的加速比怎么变化？',
	'learn.c3.a':
		'上下文越长，加速比越大。没有缓存时，每一步都要重算之前所有 token，代价随长度增长；有缓存时，每一步只处理一个 token。具体数字取决于你的设备；模型这么小，短上下文时每步的固定开销会掩盖一部分差距。',

	'learn.c4.title': '为什么显存是瓶颈',
	'learn.c4.p1':
		'KV 缓存（KV cache）并不小。OPT-13B 有 40 层，每层为每个 token 存 5120 维的 K 和 V，fp16 每个数 2 字节：每个 token 就是 800 KB。一条 2048 token 的序列要占 1.6 GB。',
	'learn.c4.p2':
		'而且它每解码一步就多一个 token 的量；回答会有多长，不到模型停下来谁也不知道。40 GB 的 A100 放下 26 GB 权重后，留给缓存的只有约 12 GB。',
	'learn.c4.p3': '能同时运行多少个请求，即批大小（batch size），就由这块显存决定；而批越大，推理服务才越便宜。用计算器试试。',
	'learn.c4.q': 'KV 缓存有 12 GB 时，能同时放下多少个 2048 token 的请求？512 token 的呢？',
	'learn.c4.a':
		'2048 token 的请求能放 {long} 个，512 token 的能放 {short} 个（12 GB ÷ 800 KB ≈ {slots} 个 token 槽位）。可是请求的长度要到结束才知道，简单的分配器只能按最坏情况预留。',

	'learn.c5.title': '连续预留及其浪费',
	'learn.c5.p1':
		'在 vLLM 之前，Orca 等系统把每个请求的缓存放在一段连续的显存里。由于最终长度未知，只能按最大长度预先留足：这里每个请求留 128 个 token 槽位。',
	'learn.c5.p2':
		'于是有三种浪费。预留（reservation）：为以后才生成的 token 占着的槽位。内部碎片（internal fragmentation）：请求提前结束、始终没用上的预留。外部碎片（external fragmentation）：空闲显存被切成小段，放不下下一个请求。',
	'learn.c5.p3':
		'演示区的横条把 GPU 显存画成一行 token 槽位，只有深蓝色部分存着真正的 token。论文测得，这类系统只有 20–38% 的 KV 显存真正存着 token 状态。',
	'learn.c5.q': '把分配器换成 orca-oracle，它事先知道每个请求的最终长度。哪种浪费消失了，哪些还在？',
	'learn.c5.a':
		'内部碎片降为零，因为每段空间恰好等于最终长度。但预留仍在（为尚未生成的 token 占着显存），段与段之间的外部碎片也还在。只要要求连续存放，即使有完美的预言也会浪费显存。',

	'learn.c6.title': '分页：块与块表',
	'learn.c6.p1':
		'vLLM 借用了操作系统虚拟内存的思路，即分页（paging）：把缓存切成固定大小的块（block），这里每块 8 个 token，每个块可以放在显存的任意位置。',
	'learn.c6.p2':
		'每条序列有一张块表（block table），把逻辑块 0、1、2… 映射到物理块编号。只有最后一块写满了才分配新块，所以占用的显存随实际长度增长，不需要任何预留。',
	'learn.c6.p3': '唯一的浪费是每条序列最后一块里没用完的部分：每条序列不到一块。点击显存图中的块或某个请求，查看它的块表。',
	'learn.c6.q': '已选中 r0：它的物理块是挨在一起的吗？再把块大小改成 32，图表里的内部碎片会怎样？',
	'learn.c6.a':
		'不必相邻：块表让每个逻辑块指向当时任意一个空闲块。改块大小时显存总量不变（64 个 8 槽位的块变成 16 个 32 槽位的块）。块大小为 32 时，最后一块最多浪费 31 个槽位，内部碎片随之变多，能同时运行的请求也变少；块越小浪费越少，但块表越长。vLLM 默认用 16。',

	'learn.c7.title': '共享：写时复制与前缀缓存',
	'learn.c7.p1':
		'有了块，共享就很便宜。并行采样（parallel sampling，n > 1）或束搜索（beam search）时，同一请求的各条序列都从同一段提示词出发：它们共享这些块，每个块记录有多少条序列在用它，即引用计数（reference count）。',
	'learn.c7.p2':
		'当某条序列要往一个仍被共享的块里写入时，引擎先把这个块复制一份，交给写入者独用，这就是写时复制（copy-on-write）。其余的块照旧共享。',
	'learn.c7.p3':
		'前缀缓存（prefix caching）更进一步：每个写满的块都有一个哈希，由父块的哈希和本块的 token 一起算出，所以哈希相同就意味着从开头到这里的整个前缀都相同。之后开头相同的请求（比如共用同一段系统提示词）按哈希找到这些块，直接复用，不必重算。',
	'learn.c7.q':
		'这里三个请求各采样 n = 3 个回答，并共享 8 个 token 的前缀。在 r0 的块表里，哪些物理块同时出现在三条序列中？显存图里块上的数字又是什么意思？',
	'learn.c7.a':
		'写满的提示词块出现在每一张块表里：物理上只有一份，被共享，块上的数字就是它的引用计数（r1、r2 在缓存中命中的前缀块计数更高）。最后那个没写满的块在各个采样开始分岔时被写时复制，从此每条序列各有一份。',

	'learn.c8.title': '显存压力：抢占',
	'learn.c8.p1':
		'分页让更多请求得以同时运行，于是迟早会遇到显存池耗尽：某条运行中的序列需要新块，却已没有空闲块。这时调度器会抢占（preemption）一个请求，释放它的块。',
	'learn.c8.p2':
		'重算（recompute）直接丢掉被抢占者的缓存，把它放回等待队列的最前面，之后对提示词和已生成的部分重新做一次预填充。换出（swap）则把它的块复制到 CPU 内存，等有空位时再换回来：不用重算，但要走 PCIe 传输。',
	'learn.c8.p3':
		'这里 12 个长请求共用 32 个块。时间线上的三角形标出了每次抢占；显存图上方的按钮可以直接跳到第一次抢占。把抢占方式换成 swap，看看 CPU 换出空间如何被填满。本章之后一节讲今天的 vLLM 有哪些不同。',
	'learn.c8.q': '播放到第一次抢占。最先被抢占的是哪个请求？为什么是它？',
	'learn.c8.a': '是 {req}，发生在第 {step} 步。vLLM 从运行队列的末尾开始抢占，也就是最晚到达的请求，这样最早的请求能持续推进、先完成。',

	'learn.c9.title': '连续批处理与吞吐',
	'learn.c9.p1':
		'一步解码算 1 条序列和算 30 条，耗时差不多：反正权重都只读一遍。所以吞吐取决于批大小，而批大小又受限于显存里能放下多少份缓存。',
	'learn.c9.p2':
		'批怎样补位也很重要。静态批处理（static batching）中，一批要等其中最长的请求结束才算完，先完成的请求留下的座位只能空着。Orca（OSDI ’22）提出了按迭代调度（iteration-level scheduling），也就是现在所说的连续批处理（continuous batching）：每一步结束后，完成的请求立即离开，等待的请求随即加入。vLLM 沿用了 Orca 的调度，它改变的是显存管理。',
	'learn.c9.p3':
		'Orca 仍给每个请求预留一段连续空间，所以同样的显存只能同时容纳少数几个请求。分页几乎没有浪费，同样的显存能放下更多请求，批就一直保持得很大。表格里的 paged、orca-max、orca-oracle 都用连续批处理、显存也相同，差别只来自显存管理。论文报告，在相同延迟下，vLLM 的吞吐是 Orca 的 2–4 倍。',
	'learn.c9.q': '表格里的三次运行都用连续批处理。对比 paged 和 orca-max：平均批大小大了多少？吞吐高了多少？限制 orca-max 批大小的是什么？',
	'learn.c9.a':
		'在这个负载上，分页的平均批大小为 {pagedBatch}，orca-max 只有 {orcaBatch}，吞吐是后者的 {ratio} 倍。两者都用连续批处理，所以提升来自显存：orca-max 给每个请求预留 {maxLen} 个 token 槽位，而显存池一共只有 {slots} 个。就连事先知道所有长度、等于作弊的 orca-oracle，也只有 {oracleBatch}。',

	'learn.c10.title': '自己动手',
	'learn.c10.p1':
		'至此，整个显存管理器你都见过了：块与块表（block table）、写时复制（copy-on-write）式的共享、前缀缓存（prefix caching）、抢占（preemption）和连续批处理。实验室把所有旋钮都放在了一起。',
	'learn.c10.p2': '点击“用这些设置打开实验室”，就会以第 9 章的负载和设置打开实验室。一次只改一项，观察浪费、批大小和抢占次数的变化。',
	'learn.c10.q': '在实验室里把 GPU 块数（现在是 96）调大，直到不再发生抢占。最少多少个块，这个负载能一次抢占都不发生？',
	'learn.c10.a':
		'{blocks} 个块（每块 {blockSize} 个 token）：把 GPU 块数设为 {blocks}，实验室的汇总显示抢占 0 次；设为 {below} 时是 {belowPreemptions} 次。本章的 96 个块会抢占 {startPreemptions} 次：限制这个批的正是显存。',

	'model.title': '真实模型，逐个 token',
	'model.intro':
		'一个小型的字符级 Transformer 就在你的浏览器里运行，背后是与实验室其他部分相同的引擎。它的键和值（K/V）写进引擎分配的物理块：看预填充（prefill）填满块，每个解码（decode）步追加一个 token，相同前缀命中缓存，并行采样通过写时复制（copy-on-write，CoW）分叉。',
	'model.loading': '正在加载 {model} 模型…… {pct}',
	'model.fallback': '此处无法使用 WebGL，模型改在 {backend} 后端（backend）上运行（更慢，结果相同）。',
	'model.failed': '模型无法运行：{msg}',
	'model.waitLoad': '权重正在下载（几 MB）……',
	'model.empty': '选择一组提示词或自己输入，然后点“生成”。在此之前只下载词表（几 kB，用来检查提示）。',
	'model.outputs': '生成的文本',
	'model.outputsHint': '灰色是提示词，粗体是生成的内容。选择一个序列来查看它。',
	'model.mapHint': '每个格子是一个物理块，里面的字是 K/V 存放在该块槽位里的 token。点击一个块，可在下方查看它的 K/V。',
	'model.attn.title': '最新 token 的注意力（attention）',
	'model.attn.none': '请选择一个至少已计算了一个 token 的序列。',
	'model.attn.layer': '层',
	'model.attn.head': '头',
	'model.attn.mean': '各头平均',
	'model.attn.fromPool': '键（K）是通过块表（block table）从分页池中读出的。',
	'model.attn.dense': '这个序列的块已释放：权重改为稠密重算（数值相同）。',
	'model.attn.aria': '对 {n} 个位置的注意力权重；最大的 {top} 落在“{char}”上',
	'model.attn.slot': '位置 {pos} · 块 {block} 的第 {offset} 个槽位 · 权重 {w}',
	'model.attn.legend':
		'查询（query）是带边框的“{char}”，即已计算的 {n} 个 token 中的最后一个。颜色越深，权重越大；每个方框是一个物理块，按块表顺序排列。',
	'model.kv.title': '一个块的 K/V',
	'model.kv.block': '块',
	'model.kv.follow': '序列的最新块（#{block}）',
	'model.kv.note': '块 #{block}，第 {layer} 层：{size} 个槽位中有 {fill} 个存有 token。行是槽位，列是“头 × 头维度”。',
	'model.kv.aria': '该块的 {kind} 值热力图，{rows} 行 {cols} 列',
	'model.model': '模型',
	'model.name.kjv': '英文（钦定版圣经）',
	'model.name.zh': '中文（谚语、经典、现代文、唐诗宋词）',
	'model.presets': '提示词组',
	'model.preset.batch': '三条英文提示',
	'model.preset.prefix': '共享前缀',
	'model.preset.fork': 'n = 3 个样本',
	'model.preset.poems': '唐诗三首',
	'model.preset.poemsFork': '春晓 n = 3',
	'model.prompts': '提示词，每行一条',
	'model.promptsHint':
		'每行是一个请求，每个请求比上一个晚 3 步到达，于是后来的请求会加入正在运行的批次。模型没见过的字符会在下方列出，生成之前就能看到。',
	'model.n': '样本数 n',
	'model.maxTokens': '最多生成 token 数',
	'model.temperature': '温度（temperature）',
	'model.topK': 'Top-k（0 = 全部）',
	'model.seed': '随机种子',
	'model.blockSize': '块大小',
	'model.numBlocks': 'GPU 块数',
	'model.samplingHint': '温度为 0 即贪心解码：n 个样本会完全相同。温度大于 0 时，它们在分叉后各走各的，共享的最后一块在写入时被复制。',
	'model.generate': '生成',
	'model.resume': '继续',
	'model.pace': '每步之间暂停：{ms} 毫秒',
	'model.stat.backend': '后端',
	'model.stat.tps': '每秒 token 数（实测）',
	'model.stat.kv': '已用 KV 字节',
	'model.stat.kvTitle': '{blocks} 个块 × {size} 个槽位 × 每 token {per} 字节',
	'model.stat.blocks': '已用块数',
	'model.stat.step': '步',
	'model.stat.generated': '已生成 token',
	'model.stat.hits': '前缀命中 token',
	'model.stat.cow': '分叉 / CoW 复制'
};
