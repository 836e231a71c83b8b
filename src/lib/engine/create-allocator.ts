/** The KV allocator a config asks for. */
import type { KvAllocator } from './allocator';
import type { EngineConfig } from './config';
import { ContiguousAllocator } from './memory/contiguous-allocator';
import type { EventLog } from '../events/event-log';
import { KVCacheManager } from './memory/kv-cache-manager';

export function createAllocator(config: EngineConfig, log: EventLog): KvAllocator {
	if (config.allocator === 'paged') return new KVCacheManager(config, log);
	return new ContiguousAllocator(config, log);
}
