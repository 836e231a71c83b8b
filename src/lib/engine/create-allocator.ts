/** The KV allocator a config asks for. */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import { ContiguousAllocator } from './memory/contiguous-allocator';
import type { EventSink } from '../events/sink';
import { KVCacheManager } from './memory/kv-cache-manager';

export function createAllocator(config: EngineConfig, sink: EventSink): KvAllocator {
	if (config.allocator === 'paged') return new KVCacheManager(config, sink);
	return new ContiguousAllocator(config, sink);
}
