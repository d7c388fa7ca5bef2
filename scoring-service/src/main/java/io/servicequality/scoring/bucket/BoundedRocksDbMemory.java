package io.servicequality.scoring.bucket;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Bounds the off-heap memory of all RocksDB instances of this process (every store of every task, every window
 * segment) to one budget: one LRU block cache, shared, which also holds the index and filter blocks and is charged for
 * the write buffers (memtables). The pattern of the Kafka Streams memory-management guide.
 *
 * <p>Budget: {@value #TOTAL_MEMORY_CONFIG} (default {@value #DEFAULT_TOTAL_MEMORY_BYTES} bytes), of which at most
 * {@value #MEMTABLE_SHARE_PERCENT} % for memtables. Without it each store of each task and segment takes RocksDB's
 * defaults (a 50 MB cache and 3 × 16 MB write buffers each), which across ~40 instances is gigabytes.
 *
 * <p>Two settings make the bound hold with many stores (measured in {@code BoundedRocksDbMemoryTest}: eight stores
 * taking twelve times the budget): writes stall while the memtables are over their share until a flush frees memory
 * ({@code allowStall}), and memtables grow in arena blocks of {@value #ARENA_BLOCK_BYTES} bytes instead of an eighth
 * of the write buffer, so an active memtable holds little more than its data. Without them the same test peaked at
 * 2.7 times the budget.
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The stream property giving the budget in bytes. */
    public static final String TOTAL_MEMORY_CONFIG = "sqp.rocksdb.total-memory-bytes";

    static final long DEFAULT_TOTAL_MEMORY_BYTES = 64L * 1024 * 1024;
    static final int MEMTABLE_SHARE_PERCENT = 25;
    private static final long MEMTABLE_SIZE_BYTES = 4L * 1024 * 1024;
    private static final int MEMTABLES_PER_STORE = 2;
    static final long ARENA_BLOCK_BYTES = 64L * 1024;

    private static Budget shared;

    /** The budget of this process, set by the first store opened (every store gets the same configuration). */
    static synchronized Budget shared(Map<String, Object> configs) {
        if (shared == null) {
            Object configured = configs.get(TOTAL_MEMORY_CONFIG);
            shared = Budget.of(configured == null ? DEFAULT_TOTAL_MEMORY_BYTES : Long.parseLong(configured.toString()));
        }
        return shared;
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        shared(configs).applyTo(options);
    }

    /**
     * One budget: an LRU block cache of the budget's size that also holds index and filter blocks, and a write buffer
     * manager charging every memtable to that cache, so blocks and memtables together stay within the budget.
     */
    record Budget(Cache cache, WriteBufferManager writeBufferManager) {

        static Budget of(long bytes) {
            // strict capacity would fail reads when full; the memtables charged to the cache keep it at the budget
            Cache cache = new LRUCache(bytes, -1, false, 0.1);
            return new Budget(cache, new WriteBufferManager(bytes * MEMTABLE_SHARE_PERCENT / 100, cache, true));
        }

        /** Points a store's options (with Kafka Streams' block-based table configuration) at this budget. */
        void applyTo(Options options) {
            BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
            table.setBlockCache(cache);
            table.setCacheIndexAndFilterBlocks(true);
            table.setCacheIndexAndFilterBlocksWithHighPriority(true);
            table.setPinTopLevelIndexAndFilter(true);
            options.setWriteBufferManager(writeBufferManager);
            options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
            options.setWriteBufferSize(MEMTABLE_SIZE_BYTES);
            options.setArenaBlockSize(ARENA_BLOCK_BYTES);
            options.setTableFormatConfig(table);
        }

        /** The bytes the cache holds now: cached blocks and the charged memtables. */
        long usageBytes() {
            return cache.getUsage();
        }
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
