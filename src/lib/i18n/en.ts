/**
 * Every UI string in English, one flat object of keys; `zh.ts` has the same keys (the type
 * checker enforces it). `{name}` placeholders are filled by `t()` in `./index.ts`.
 */
import { tracesEn } from './traces.en';
import { hostileEn } from './hostile.en';
import { modelEn } from './model.en';
import { bigmapEn } from './bigmap.en';
import { perfEn } from './perf.en';
import { fitEn } from './fit.en';
import { classroomEn } from './classroom.en';
import { learn2En } from './learn2.en';
import { zhmodelEn } from './zhmodel.en';

export const en = {
	...tracesEn,
	...hostileEn,
	...modelEn,
	...bigmapEn,
	...perfEn,
	...fitEn,
	...classroomEn,
	...learn2En,
	...zhmodelEn,
	'app.title': 'PagedKV Lab',
	'app.tagline': 'An educational simulator of paged KV-cache inference (vLLM’s PagedAttention).',
	'nav.home': 'Home',
	'nav.learn': 'Learn',
	'nav.lab': 'Lab',
	'nav.compare': 'Compare',
	'nav.model': 'Model',
	'nav.embed': 'Embed',
	'theme.toggle': 'Toggle light/dark theme',
	'theme.light': 'Light',
	'theme.dark': 'Dark',
	'theme.auto': 'Auto',

	'home.lead':
		'A language model remembers every token it has read as keys and values (the KV cache). Serving many requests at once, that memory is the bottleneck. vLLM splits it into small fixed-size blocks, like pages of virtual memory, so almost nothing is wasted.',
	'home.lead2':
		'PagedKV Lab simulates that memory manager step by step: continuous batching, block tables, prefix caching, copy-on-write, preemption and swapping, and draws every event so you can scrub back and forth through it.',
	'home.live': 'Live: a small pool of 24 blocks serving six requests',
	'home.pages': 'Pages',
	'home.learn': 'A guided walkthrough, one idea a page.',
	'home.lab': 'Memory-pressure experiments: drag a slider, watch waste and preemptions change.',
	'home.compare': 'The same workload under paged and contiguous (Orca-style) allocators, side by side.',
	'home.model': 'A real small transformer, token by token, writing K/V into paged blocks.',
	'home.embed': 'A chrome-less player for an iframe in a blog post.',

	'player.play': 'Play',
	'player.pause': 'Pause',
	'player.start': 'Jump to start',
	'player.end': 'Jump to end',
	'player.back': 'Step back',
	'player.forward': 'Step forward',
	'player.scrub': 'Scrub through the run',
	'player.speed': 'Speed',
	'player.granularity': 'Granularity',
	'player.byStep': 'Step by step',
	'player.byEvent': 'Event by event',
	'player.stepOf': 'step {step} · event {cursor}/{total}',
	'player.keys': 'Keys: Space play/pause, ← → step, Home/End jump',

	'map.title': 'GPU block pool',
	'map.cpu': 'CPU swap space',
	'map.spans': 'GPU memory as one line of token slots (contiguous allocator)',
	'map.legend.free': 'free',
	'map.legend.cached': 'cached, free (reusable prefix)',
	'map.legend.shared': 'shared (ref count 2+)',
	'map.zoom': 'Block size on screen',
	'map.block': 'Block {id}: {owner}, {fill}/{size} slots, ref {ref}{cached}',
	'map.block.free': 'Block {id}: free{cached}',
	'map.cachedNote': ', cached',
	'map.aria': 'Memory map of {n} GPU blocks; {free} free',

	'table.title': 'Block tables',
	'table.pick': 'Select a request (click a lane or a block) to see its block table.',
	'table.logical': 'logical',
	'table.physical': 'physical',
	'table.seq': 'seq {seq}',

	'timeline.title': 'Timeline',
	'timeline.hint': 'Click a step to jump there; click a request to select it.',
	'status.waiting': 'waiting',
	'status.prefill': 'prefill',
	'status.decode': 'decode',
	'status.preempted': 'preempted',
	'status.swapped': 'swapped',
	'status.finished': 'finished',
	'status.rejected': 'rejected',
	'status.running': 'running',

	'chart.title': 'Memory over steps',
	'chart.preemption': 'preemption',
	'mem.tokenStates': 'token states',
	'mem.reserved': 'reserved',
	'mem.internalFragmentation': 'internal fragmentation',
	'mem.externalFragmentation': 'external fragmentation',
	'mem.free': 'free',

	'log.title': 'Event log',
	'log.type': 'Event type',
	'log.req': 'Request',
	'log.all': 'all',
	'log.follow': 'follow',
	'log.count': '{shown} of {total} events',

	'stats.title': 'Figures',
	'stats.running': 'running',
	'stats.waiting': 'waiting',
	'stats.swapped': 'swapped',
	'stats.free': 'free blocks',
	'stats.util': 'token states',
	'stats.throughput': 'throughput',
	'stats.ttft': 'TTFT (mean)',
	'stats.preemptions': 'preemptions',
	'stats.finished': 'finished',
	'stats.prefixHits': 'prefix-hit tokens',

	'lab.title': 'Lab: memory-pressure experiments',
	'lab.intro':
		'Every control re-runs the simulation at once; the player stays on the same step when it can. The whole run lives in the URL.',
	'lab.engine': 'Engine',
	'lab.workload': 'Workload',
	'lab.blockSize': 'Block size (tokens)',
	'lab.numGpuBlocks': 'GPU blocks',
	'lab.numCpuBlocks': 'CPU swap blocks',
	'lab.maxNumSeqs': 'Max sequences',
	'lab.maxNumBatchedTokens': 'Token budget per step',
	'lab.maxModelLen': 'Max model length',
	'lab.enablePrefixCaching': 'Prefix caching',
	'lab.enableChunkedPrefill': 'Chunked prefill',
	'lab.preemptionMode': 'Preemption mode',
	'lab.watermark': 'Watermark',
	'lab.allocator': 'Allocator',
	'lab.semantics': 'Rules (paper or vLLM V1)',
	'lab.preset': 'Length distribution',
	'lab.numRequests': 'Requests',
	'lab.ratePerStep': 'Arrivals per step',
	'lab.promptLen': 'Prompt length',
	'lab.outputLen': 'Output length',
	'lab.sharedPrefixLen': 'Shared prefix length',
	'lab.sharedPrefixFraction': 'Shared-prefix fraction',
	'lab.n': 'Parallel samples (n)',
	'lab.beamWidth': 'Beam width',
	'lab.seed': 'Seed',
	'lab.reset': 'Reset to defaults',
	'lab.copyLink': 'Copy link',
	'lab.copied': 'Link copied',
	'lab.copyFailed': 'Copy failed; the link is in the address bar',
	'lab.export': 'Export',
	'lab.exportEvents': 'Events (JSONL)',
	'lab.exportSummary': 'Summary (CSV)',
	'lab.exportPng': 'Map (PNG)',
	'lab.exportSvg': 'Map (SVG)',
	'lab.import': 'Import a trace (JSONL or CSV)',
	'lab.importOk': 'Imported {n} requests from {file}. (An imported trace is not part of the link.)',
	'lab.importClear': 'Back to the generated workload',
	'lab.error': 'This run could not be simulated: {msg}',
	'lab.summary': 'Summary of the whole run',
	'lab.scenarios': 'Scenarios',
	'url.notice': 'Some link values were adjusted:',
	'url.unknown': 'unknown parameter “{key}” ignored',
	'url.clamped': '{key}={value} is out of range; using {used}',
	'url.invalid': '{key}={value} is not valid; using {used}',
	'url.v1': 'vLLM V1 preempts by recompute only and has no swap space or Orca baselines; using {used}',
	'url.config': 'the settings did not fit together ({msg}); using defaults',

	'compare.title': 'Compare: paged vs contiguous allocation',
	'compare.intro':
		'The same workload under vLLM’s paged allocator and three Orca-style contiguous ones. Contiguous allocators must reserve a span per request up front: most of it sits unused.',
	'compare.paper': 'Show the paper’s point: 20–38% used vs 96%',
	'compare.paperNote':
		'Kwon et al. (SOSP 2023) measured that contiguous systems keep only 20–38% of KV memory as actual token states; vLLM keeps about 96%.',
	'compare.table': 'Summary',
	'compare.allocator': 'allocator',
	'compare.tokenStates': 'token states, % of memory in use',
	'compare.waste': 'waste, % of pool',
	'compare.avgBatch': 'avg batch',
	'compare.throughput': 'throughput (tok/s)',
	'compare.preemptions': 'preemptions',
	'compare.steps': 'steps',

	'embed.open': 'Open in PagedKV Lab',
	'summary.steps': 'steps',
	'summary.finished': 'finished',
	'summary.rejected': 'rejected',
	'summary.preemptions': 'preemptions',
	'summary.prefixHitTokens': 'prefix-hit tokens',
	'summary.peak': 'peak GPU blocks',
	'summary.avgBatch': 'avg batch size',
	'summary.throughput': 'throughput (tok/s)',
	'summary.ttft': 'TTFT p50 / p99 (ms)',
	'summary.tpot': 'TPOT p50 / p99 (ms)',
	'summary.memory': 'token states / waste, % of pool (mean over steps)',
	'common.ok': 'OK',
	'lang.label': 'Language',
	'map.size': '({blocks} × {size} slots)',
	'map.fit': 'fit',
	'table.tokens': '{n} tokens',
	'player.step': 'step {step}',
	'player.max': 'max',
	'scenario.prefix-chat.title': 'A prefix-sharing chat',
	'scenario.pool-runs-out.title': 'A pool that runs out',
	'scenario.beam-search.title': 'Beam search',

	'learn.title': 'Learn: why vLLM pages its KV cache',
	'learn.intro':
		'Ten short chapters, each a few sentences beside a live simulation it sets up. Change chapter with the buttons or PageUp / PageDown (Space and ← → drive the live view); every chapter has its own link, so a class can open the same page.',
	'learn.contents': 'Chapters',
	'learn.start': 'Start with chapter 1',
	'learn.next': 'Next',
	'learn.back': 'Back',
	'learn.progress': 'Chapter {n} of {total}',
	'learn.keys': 'PageUp / PageDown: chapter · Space play · ← → step',
	'learn.question': 'Try it',
	'learn.reveal': 'Show the answer',
	'learn.hide': 'Hide the answer',
	'learn.live': 'Live view',
	'learn.controls': 'Change it',

	'learn.tokens.prompt': 'prompt',
	'learn.tokens.output': 'output',
	'learn.tokens.waiting': 'Before step 0: nothing computed yet.',
	'learn.tokens.prefill': 'Step {step} (prefill): all {n} prompt tokens in one go, and the first output token.',
	'learn.tokens.decode': 'Step {step} (decode): one new token, number {k}.',
	'learn.tokens.done': 'Finished: {n} tokens generated, one per step.',

	'learn.phase.prompt': 'Prompt length (tokens)',
	'learn.phase.output': 'Output length (tokens)',
	'learn.phase.prefill': 'prefill: 1 step, {ms} ms',
	'learn.phase.decode': 'decode: {n} steps, {ms} ms',
	'learn.phase.share': 'Decode takes {pct} of the time ({per} ms per step).',
	'learn.phase.model': 'Cost model: OPT-13B, fp16, one A100-40GB (rough, stated assumptions).',
	'learn.phase.timeline': 'Three requests on the timeline: one prefill step each, then one decode step per output token.',

	'learn.measure.title': 'Decode speed on this device, with and without the KV cache',
	'learn.measure.note':
		'The measurement runs when you press the button (the picture above already loaded the model, 1.7 MB in English, 2.6 MB in Chinese); it takes a few seconds on a GPU, a minute or more without one.',
	'learn.measure.button': 'Measure',
	'learn.measure.again': 'Measure again',
	'learn.measure.loading': 'Loading the model…',
	'learn.measure.running': 'Measuring: context {ctx}, {method}…',
	'learn.measure.context': 'context (tokens)',
	'learn.measure.cached': 'with KV cache',
	'learn.measure.recompute': 'without cache (recompute)',
	'learn.measure.speedup': 'speed-up',
	'learn.measure.unit': 'tokens/s',
	'learn.measure.done': 'Measured on {backend}: {steps} decode steps per cell, best of {rounds}.',
	'learn.measure.failed':
		'The model could not run here ({msg}). The point stands without it: with a cache a decode step computes one token; without one it recomputes the whole context.',

	'learn.calc.len': 'Tokens per request',
	'learn.calc.reqs': 'Requests at once',
	'learn.calc.perToken': 'KV per token, OPT-13B fp16: 2 × 40 layers × 5,120 × 2 B = {kb} KB',
	'learn.calc.total': '{reqs} × {len} tokens = {gb} GB of KV cache',
	'learn.calc.budget': 'KV budget on an A100-40GB after 26 GB of weights: 12 GB',
	'learn.calc.fits': 'fits ({pct} of the budget)',
	'learn.calc.over': 'does not fit: {x}× the budget',
	'learn.calc.chart': 'A small pool filling up as requests decode (memory over steps):',

	'learn.compare.ratio': 'paged ÷ orca-max throughput: {ratio}×',

	'learn.c10.openLab': 'Open the lab with these settings',
	'learn.c10.openCompare': 'Compare all four allocators',
	'learn.c10.contents': 'Back to the chapter list',

	'learn.c1.title': 'What inference is',
	'learn.c1.p1':
		'A language model does one thing: given the text so far, it predicts the next token (a word, or a piece of one). Inference means running the model to produce an answer.',
	'learn.c1.p2':
		'The prompt goes in whole. Then the answer comes out one token at a time: each new token is appended to the text and fed back in to predict the one after it.',
	'learn.c1.p3':
		'Step through the live view: the grey tokens are the prompt, and every step adds exactly one coloured token until the answer is complete.',
	'learn.c1.prompt': 'The|capital|of|France|is',
	'learn.c1.output': 'Paris|.|It|is|known|for|its|museums',
	'learn.c1.q': 'How many steps does it take to produce the 8 output tokens, and which step produces the first one?',
	'learn.c1.a':
		'8 steps, numbered 0 to 7. Step 0 reads the whole prompt and already produces the first output token; every later step adds exactly one more.',

	'learn.c2.title': 'Prefill and decode',
	'learn.c2.p1':
		'Generation has two phases. Prefill reads the whole prompt in one step: its tokens are processed in parallel, which keeps the GPU’s arithmetic units busy.',
	'learn.c2.p2':
		'Decode then produces one token per step, and each step needs the token before it, so the steps run one after another. Even a one-token step must read every weight of the model from memory: decode is bound by memory bandwidth, not arithmetic.',
	'learn.c2.p3':
		'The bars use the cost model of OPT-13B on one A100, the paper’s setting. Drag the lengths: prefill is one short step, while hundreds of decode steps take almost all the time.',
	'learn.c2.q': 'With a 512-token prompt and a 256-token answer, what share of the time goes to decode? And with a 16-token answer?',
	'learn.c2.a':
		'About {share}: 256 decode steps take {decode} ms, the whole prefill {prefill} ms. Even with 16 output tokens decode takes {share16}, because every decode step costs about as much as reading the weights once.',

	'learn.c3.title': 'The KV cache',
	'learn.c3.p1':
		'To predict the next token, attention compares the newest token with every earlier one. For this, each layer turns every token into a key vector (K) and a value vector (V).',
	'learn.c3.p2':
		'The keys and values of earlier tokens never change. So instead of recomputing them for the whole text at every step, the engine keeps them in GPU memory, the KV cache, and each decode step computes K and V for the one new token only.',
	'learn.c3.p3':
		'The live view draws that difference step by step: without a cache every step computes K and V for the whole context again; with it, one new column. Under the picture, measure it on this device: a real 4-layer character-level GPT, trained on the King James Bible, runs in your browser. It decodes with the cache and then without it, recomputing the whole context every step, at three context lengths.',
	'learn.c3.q': 'Press Measure. How does the cache’s speed-up change as the context grows from 32 to 256 tokens?',
	'learn.c3.a':
		'The speed-up grows with the context. Without a cache every step recomputes all earlier tokens, so its cost grows with the length; a cached step handles one token. The exact numbers depend on your device, and on a model this small fixed per-step costs hide part of the gap at short contexts.',

	'learn.c4.title': 'Why memory is the bottleneck',
	'learn.c4.p1':
		'The cache is big. OPT-13B stores K and V for 40 layers of 5,120 numbers each, in 2-byte fp16: 800 KB for every token. One 2,048-token sequence needs 1.6 GB.',
	'learn.c4.p2':
		'It grows by one token’s worth at every decode step, and nobody knows how long the answer will be until the model stops. The weights take 26 GB of a 40 GB A100, leaving about 12 GB for the cache.',
	'learn.c4.p3':
		'How many requests can run together, the batch size, is set by that memory, and a large batch is what makes serving cheap. Try the calculator.',
	'learn.c4.q': 'With 12 GB for the KV cache, how many requests of 2,048 tokens fit at once? And of 512 tokens?',
	'learn.c4.a':
		'{long} requests of 2,048 tokens, or {short} of 512 tokens (12 GB ÷ 800 KB ≈ {slots} token slots). But a request’s length is only known when it ends, so a simple allocator has to plan for the worst case.',

	'learn.c5.title': 'Contiguous reservation and its waste',
	'learn.c5.p1':
		'Systems before vLLM, such as Orca, kept each request’s cache in one contiguous span of memory. Since the final length is unknown, they reserve the maximum up front: here 128 token slots per request.',
	'learn.c5.p2':
		'Three kinds of waste follow. Reserved slots wait for tokens that come later. Internal fragmentation is reservation a request never uses because it ends early. External fragmentation is free memory cut into gaps too small for the next request.',
	'learn.c5.p3':
		'The bar is GPU memory as one line of token slots; only the dark blue part holds real tokens. The paper measured that such systems keep just 20–38% of KV memory as actual token states.',
	'learn.c5.q':
		'Switch the allocator to orca-oracle, which knows every final length in advance. Which kinds of waste disappear, and which remain?',
	'learn.c5.a':
		'Internal fragmentation drops to zero, since every span is exactly the final length. Reserved slots remain (memory held for tokens not generated yet), and so does external fragmentation between spans. Even a perfect oracle wastes memory when spans must be contiguous.',

	'learn.c6.title': 'Paging: blocks and block tables',
	'learn.c6.p1':
		'vLLM borrows the operating system’s virtual memory. The cache is cut into fixed-size blocks, here 8 tokens each, and a block can sit anywhere in GPU memory.',
	'learn.c6.p2':
		'Each sequence has a block table that maps its logical blocks 0, 1, 2… to physical block ids. A new block is allocated only when the last one is full, so memory follows the actual length and nothing is reserved.',
	'learn.c6.p3':
		'The only waste is the unused tail of each sequence’s last block: less than one block per sequence. Click a block in the map, or a request, to see its block table.',
	'learn.c6.q':
		'r0 is selected: are its physical blocks next to each other? Then set the block size to 32: what happens to internal fragmentation in the chart?',
	'learn.c6.a':
		'They need not be adjacent: the block table points each logical block wherever a free block was. The memory stays the same when you change the block size (64 blocks of 8 become 16 blocks of 32). With 32-token blocks a last block can waste up to 31 slots, so internal fragmentation grows and fewer requests fit; smaller blocks waste less but make longer tables. vLLM defaults to 16.',

	'learn.c7.title': 'Sharing: copy-on-write and prefix caching',
	'learn.c7.p1':
		'Blocks make sharing cheap. With parallel sampling (n > 1) or beam search, all sequences of a request start from the same prompt: they share its blocks, and each block counts the sequences that use it (its reference count).',
	'learn.c7.p2':
		'When a sequence writes into a block that others still share, the engine first copies the block and gives the writer its own copy: copy-on-write. Everything else stays shared.',
	'learn.c7.p3':
		'Prefix caching goes further: each full block gets a hash of its parent block’s hash and its own tokens, so equal hashes mean equal whole prefixes. A later request with the same beginning, such as a shared system prompt, finds those blocks by hash and reuses them instead of computing them again.',
	'learn.c7.q':
		'Three requests each sample n = 3 answers and share an 8-token prefix. In r0’s block tables, which physical blocks appear in all three sequences, and what do the numbers on the blocks in the map mean?',
	'learn.c7.a':
		'The full prompt blocks appear in every table: one physical copy, shared, with the reference count shown on the block (higher still for the prefix blocks that r1 and r2 found in the cache). The last, partly filled block is copied on write when the samples diverge, so from there each sequence has its own.',

	'learn.c8.title': 'Memory pressure: preemption',
	'learn.c8.p1':
		'Paging lets many requests in, so sooner or later the pool runs out: a running sequence needs a new block and none is free. The scheduler then preempts a request to free its blocks.',
	'learn.c8.p2':
		'Recompute drops the victim’s cache and puts it back at the front of the queue; later it runs prefill again over its prompt and what it had generated. Swap instead copies its blocks to CPU memory and brings them back when there is room: no recomputation, but traffic over PCIe.',
	'learn.c8.p3':
		'Here twelve long requests share 32 blocks. Triangles on the timeline mark preemptions; the button above the map jumps to the first one. Switch the mode to swap and watch the CPU swap space fill. After this chapter: what vLLM does differently today.',
	'learn.c8.q': 'Play until the first preemption. Which request is preempted first, and why that one?',
	'learn.c8.a':
		'{req}, at step {step}. vLLM preempts from the back of the running queue, the request that arrived last, so the oldest requests keep making progress and finish first.',

	'learn.c9.title': 'Continuous batching and throughput',
	'learn.c9.p1':
		'A decode step costs about the same for 1 sequence as for 30: the weights are read once either way. Throughput therefore comes from batch size, and the batch is limited by how many caches fit in memory.',
	'learn.c9.p2':
		'How a batch is refilled matters too. With static batching a batch runs until its longest request ends, and finished requests leave their seats idle. Orca (OSDI ’22) introduced iteration-level scheduling, now called continuous batching: after every step, finished requests leave and waiting ones join. vLLM keeps Orca’s scheduling; what it changes is memory.',
	'learn.c9.p3':
		'Orca still reserved a contiguous span per request, so memory seated only a few requests at once. Paging wastes almost nothing, so the same memory seats more and the batch stays large. In the table, paged, orca-max and orca-oracle all batch continuously in the same memory: the difference is memory alone. The paper reports 2–4× Orca’s throughput at the same latency.',
	'learn.c9.q':
		'All three runs in the table batch continuously. Compare paged with orca-max: how much larger is the average batch, how much higher is the throughput, and what limits orca-max’s batch?',
	'learn.c9.a':
		'On this workload paged averages a batch of {pagedBatch} against {orcaBatch} for orca-max: {ratio}× the throughput. Both batch continuously, so the gain is memory: orca-max reserves {maxLen} token slots for every request, out of {slots} in the pool. Even orca-oracle, which cheats by knowing every length, reaches only {oracleBatch}.',

	'learn.c10.title': 'Try it yourself',
	'learn.c10.p1':
		'You have now seen the whole memory manager: blocks and block tables, sharing with copy-on-write, prefix caching, preemption and continuous batching. The lab has every knob at once.',
	'learn.c10.p2':
		'The button opens the lab with chapter 9’s workload and settings. Change one thing at a time and watch waste, batch size and preemptions.',
	'learn.c10.q':
		'In the lab, grow the GPU pool (GPU blocks, 96 now) until nothing is preempted. What is the smallest pool that serves this workload without a single preemption?',
	'learn.c10.a':
		'{blocks} blocks of {blockSize} tokens: set GPU blocks to {blocks} and the lab’s summary shows 0 preemptions; at {below} it shows {belowPreemptions}. The chapter’s 96 blocks preempt {startPreemptions} times: memory is what limits this batch.',

	'model.title': 'The real model, token by token',
	'model.intro':
		'A small character-level transformer runs in your browser behind the same engine as the rest of the lab. Its keys and values are written into the physical blocks the engine hands out: watch prefill fill blocks, each decode step append one token, shared prefixes hit the cache and parallel samples fork with copy-on-write.',
	'model.loading': 'Loading the {model} model… {pct}',
	'model.fallback': 'WebGL is not available here, so the model runs on the {backend} backend (slower, same numbers).',
	'model.failed': 'The model could not run: {msg}',
	'model.waitLoad': 'The weights are on their way (a few MB)…',
	'model.empty':
		'Pick a prompt set or type prompts, then press Generate. Until you do, only the vocabulary (a few kB, to check the prompts) is downloaded.',
	'model.outputs': 'Generated text',
	'model.outputsHint': 'grey: prompt, bold: generated. Choose a sequence to inspect it.',
	'model.mapHint':
		'Each cell is a physical block; the characters are the tokens whose K/V sit in its slots. Click a block to see its K/V below.',
	'model.attn.title': 'Attention of the newest token',
	'model.attn.none': 'Select a sequence that has computed at least one token.',
	'model.attn.layer': 'Layer',
	'model.attn.head': 'Head',
	'model.attn.mean': 'mean of heads',
	'model.attn.fromPool': 'Keys read from the paged pool through the block table.',
	'model.attn.dense': 'This sequence’s blocks are freed: weights recomputed densely (the same numbers).',
	'model.attn.aria': 'Attention weights over {n} positions; the largest, {top}, on “{char}”',
	'model.attn.slot': 'position {pos} · block {block}, slot {offset} · weight {w}',
	'model.attn.legend':
		'The query is “{char}” (outlined), the last of {n} computed tokens. Darker slots get more weight; each box is one physical block, in block-table order.',
	'model.kv.title': 'K/V of one block',
	'model.kv.block': 'Block',
	'model.kv.follow': 'newest block of the sequence (#{block})',
	'model.kv.note':
		'Block #{block}, layer {layer}: {fill} of {size} slots hold tokens. Rows are slots, columns are heads × head dimensions.',
	'model.kv.aria': '{kind} values of the block as a heatmap, {rows} rows by {cols} columns',
	'model.model': 'Model',
	'model.name.kjv': 'English (King James Bible)',
	'model.name.zh': 'Chinese (proverbs, classics, modern prose, Tang and Song poems)',
	'model.presets': 'Prompt sets',
	'model.preset.batch': 'Three prompts',
	'model.preset.prefix': 'Shared prefix',
	'model.preset.fork': 'n = 3 samples',
	'model.preset.poems': 'Three Tang poems',
	'model.preset.poemsFork': 'Spring Dawn, n = 3',
	'model.prompts': 'Prompts, one per line',
	'model.promptsHint':
		'Each line is a request; each arrives 3 steps after the one before, so later ones join a running batch. Characters the model never saw are named below, before you generate.',
	'model.n': 'Samples n',
	'model.maxTokens': 'Max tokens',
	'model.temperature': 'Temperature',
	'model.topK': 'Top-k (0 = all)',
	'model.seed': 'Seed',
	'model.blockSize': 'Block size',
	'model.numBlocks': 'GPU blocks',
	'model.samplingHint':
		'Temperature 0 is greedy: the n samples would all agree. Above 0 they diverge after the fork, and the shared last block is copied on write.',
	'model.generate': 'Generate',
	'model.resume': 'Resume',
	'model.pace': 'Pause between steps: {ms} ms',
	'model.stat.backend': 'backend',
	'model.stat.tps': 'tokens/s (measured)',
	'model.stat.kv': 'KV bytes in use',
	'model.stat.kvTitle': '{blocks} blocks × {size} slots × {per} bytes per token',
	'model.stat.blocks': 'blocks used',
	'model.stat.step': 'step',
	'model.stat.generated': 'tokens generated',
	'model.stat.hits': 'prefix-hit tokens',
	'model.stat.cow': 'forks / CoW copies'
} as const;

export type MessageKey = keyof typeof en;
