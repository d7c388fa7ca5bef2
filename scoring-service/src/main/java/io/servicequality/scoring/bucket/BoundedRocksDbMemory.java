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
 */
public class BoundedRocksDbMemory implements RocksDBConfigSetter {

    /** The stream property giving the budget in bytes. */
    public static final String TOTAL_MEMORY_CONFIG = "sqp.rocksdb.total-memory-bytes";

    static final long DEFAULT_TOTAL_MEMORY_BYTES = 64L * 1024 * 1024;
    static final int MEMTABLE_SHARE_PERCENT = 25;
    private static final long MEMTABLE_SIZE_BYTES = 4L * 1024 * 1024;
    private static final int MEMTABLES_PER_STORE = 2;

    private static Cache cache;
    private static WriteBufferManager writeBufferManager;
    private static long budget;

    static synchronized long budgetBytes() {
        return budget;
    }

    /** The bytes the shared cache holds now (blocks and charged memtables), for tests and metrics. */
    static synchronized long usageBytes() {
        return cache == null ? 0 : cache.getUsage();
    }

    private static synchronized void initialise(Map<String, Object> configs) {
        if (cache != null) {
            return;
        }
        Object configured = configs.get(TOTAL_MEMORY_CONFIG);
        budget = configured == null ? DEFAULT_TOTAL_MEMORY_BYTES : Long.parseLong(configured.toString());
        // strict capacity would fail reads when full; the memtables charged to the cache keep it at the budget
        cache = new LRUCache(budget, -1, false, 0.1);
        writeBufferManager = new WriteBufferManager(budget * MEMTABLE_SHARE_PERCENT / 100, cache);
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        initialise(configs);
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(cache);
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(writeBufferManager);
        options.setMaxWriteBufferNumber(MEMTABLES_PER_STORE);
        options.setWriteBufferSize(MEMTABLE_SIZE_BYTES);
        options.setTableFormatConfig(table);
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write buffer manager are shared by every store of the process: never closed here
    }
}
