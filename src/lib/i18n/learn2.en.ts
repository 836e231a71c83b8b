/**
 * The walkthrough's pictures added for issues 13 and 10 (decoding with and without the
 * cache, the hash chain, static vs continuous batching, callouts, paper vs vLLM today), in
 * English; `learn2.zh.ts` has the same keys.
 */
export const learn2En = {
	'learn.kv.title': 'Decoding with and without the cache, step by step',
	'learn.kv.text': 'In the beginning',
	'learn.kv.without': 'Without a cache: K and V recomputed for every position, every step',
	'learn.kv.with': 'With the KV cache: earlier K and V read back, one new column computed',
	'learn.kv.step0': 'Step 0 (prefill): K and V for all {n} prompt tokens, in both cases.',
	'learn.kv.step': 'Step {step} (decode): the context is {n} tokens.',
	'learn.kv.computed': 'computed this step',
	'learn.kv.read': 'read from the cache',
	'learn.kv.rows': 'rows computed (this step): {n}',
	'learn.kv.total': 'K/V rows computed (whole run so far): {a} without a cache, {b} with it. A row is one position’s K and V, every layer.',
	'learn.kv.caption':
		'Drawn from the token sequence (one column per character token, K and V standing for every layer), not from the model’s numbers. The measurement below times the real model doing exactly this.',
	'learn.kv.loading': 'Loading the {model} model to draw its own K and V{progress}… Until then, the picture shows positions only.',
	'learn.kv.failed': 'The model could not load ({msg}). The picture shows positions only, not the model’s numbers.',
	'learn.kv.real':
		'Colours and numbers are the {model} model’s own K and V for this text, computed in a worker ({backend}): layer {layer} of {layers}, head {head} of {heads}, the first {dims} of its {hd} numbers per position (one band each, top to bottom). Every step of both ways is a real forward pass, and the counts are the rows it computed.',
	'learn.kv.scale': 'value of K or V:',
	'learn.kv.pick': 'Position {pos} “{ch}”, step {step}',
	'learn.kv.pickHint': '(press a character above to choose a position)',
	'learn.kv.position': 'position {pos}',
	'learn.kv.again': '{kv} recomputed (without a cache)',
	'learn.kv.fromCache': '{kv} read from the cache',
	'learn.kv.new': '{kv} computed this step (with the cache)',
	'learn.kv.same':
		'The same numbers: recomputing was wasted work. Largest difference this step between the recomputed and the cached K/V, over all {layers} layers and all {numbers} numbers of each position: {diff}.',
	'learn.kv.rounding': '{diff} (float32 rounding)',
	'learn.kv.numbers': 'numbers 1–{dims} of {hd}',
	'learn.anim.play': 'Play',
	'learn.anim.pause': 'Pause',
	'learn.anim.back': 'Step back',
	'learn.anim.forward': 'Step forward',
	'learn.anim.step': 'Step',

	'learn.hash.title': 'The hash chain: a full block’s hash = H(parent block’s hash, its tokens)',
	'learn.hash.note':
		'Because each hash includes its parent’s, equal hashes mean equal whole prefixes, not just equal blocks. Each row is a block table (all of r0’s sequences, the first of each other request’s); the stripes under a block show every request holding it.',
	'learn.hash.off': 'Prefix caching is off: no block is hashed or looked up.',
	'learn.hash.partial': 'not full',
	'learn.hash.holders': 'held by {list}',
	'learn.hash.seq': '{req} seq {seq}',

	'learn.callout.preempted': 'Step {step}: {req} is preempted ({mode}).',
	'learn.callout.cow': 'Step {step}: {req} copies block {from} to block {to} before writing into it (copy-on-write).',
	'learn.callout.prefix_hit': 'Step {step}: {req} finds block {block} in the prefix cache.',
	'learn.callout.jump.preempted': 'Jump to the preemption',
	'learn.callout.jump.cow': 'Jump to the copy',
	'learn.callout.jump.prefix_hit': 'Jump to the prefix hit',
	'learn.callout.here': 'shown now',
	'learn.callout.none.preempted': 'No preemption in this run.',
	'learn.callout.none.cow': 'No copy-on-write in this run.',
	'learn.callout.none.prefix_hit': 'No prefix-cache hit in this run.',

	'learn.batch.title': 'Static vs continuous batching: 8 requests, the same 128 token slots',
	'learn.batch.static': 'Static batching: a batch runs until its longest request ends',
	'learn.batch.orca': 'Continuous batching (Orca, OSDI ’22), contiguous reservation',
	'learn.batch.paged': 'Continuous batching with paging (vLLM)',
	'learn.batch.limit.static': 'reserves {len} slots per request: {k} fit',
	'learn.batch.limit.orca': 'reserves {len} slots per request: {k} fit',
	'learn.batch.limit.paged': 'blocks of {bs} slots as tokens arrive: {k} run at once',
	'learn.batch.done': 'all done after {steps} steps',
	'learn.batch.idle': 'seat idle or unused',
	'learn.batch.caption':
		'Each bar is one request, from its first step to its last, in one of the seats memory allows. Orca’s step-by-step scheduling fills a seat as soon as it frees; paging changes how many seats fit. Drawn from the engine’s events (static batching: the engine run one batch at a time).',
	'learn.batch.table': 'Chapter 9’s 40 requests, all three with continuous batching, in the same memory:',

	'learn.v1.title': 'From the paper to vLLM today',
	'learn.v1.p1':
		'Chapters 1–8 follow the 2023 paper. vLLM’s current engine (V1) keeps the paged blocks and the prefix cache, but four things differ. Below, the same five requests (two samples each) in the same 32 blocks, under both rule sets.',
	'learn.v1.p2':
		'Block 0 is the null block: V1 reserves it and never hands it out, so its logs and tests number blocks from 1, and a pool of 32 blocks holds 31.',
	'learn.v1.p3':
		'Recompute is the only preemption. V1 has no swap space and no --preemption-mode (vLLM issue #18115): its maintainers found recomputing more efficient there. CPU memory is now reached through KV offloading connectors.',
	'learn.v1.p4':
		'n > 1 becomes n child requests (vLLM PR #10980). They share the prompt only through prefix caching of its full blocks; each child computes the last partial block itself, so there is no copy-on-write. Beam search runs outside the engine.',
	'learn.v1.p5':
		'vLLM reports kv_cache_usage = 1 − free ÷ (blocks − 1). Cached blocks that no request holds count as free, so usage can read low while the prefix cache still hits. Our memory categories split the same pool by what each slot holds.',
	'learn.v1.paper': 'paper (2023): copy-on-write, swap to 32 CPU blocks',
	'learn.v1.v1': 'v1 (vLLM today): child requests, recompute only',
	'learn.v1.preemptions': 'preemptions (whole run)',
	'learn.v1.cow': 'copy-on-write copies (whole run)',
	'learn.v1.hits': 'prefix-cache hits (whole run)',
	'learn.v1.hitsValue': '{hits} of {queries} tokens',
	'learn.v1.steps': 'steps to finish (whole run)',
	'learn.v1.usage': 'kv_cache_usage, vLLM’s formula (this step)',
	'learn.v1.tokens': 'token states, share of the pool (this step)',
	'learn.v1.cpu': 'blocks on the CPU (this step)',
	'learn.v1.none': 'none: no swap space'
} as const;
