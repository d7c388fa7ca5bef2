package io.servicequality.scoring.bucket;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;

/**
 * The budget holds for many stores at once: RocksDB instances configured as Kafka Streams configures a store (a
 * block-based table, then {@link BoundedRocksDbMemory}) take far more data than the budget, written and read back,
 * and neither the cache (blocks and charged memtables) nor the memtables themselves ever exceed it.
 */
class BoundedRocksDbMemoryTest {

    private static final long BUDGET = 4L * 1024 * 1024;
    private static final int STORES = 8;
    private static final int VALUE_BYTES = 1024;
    /** 48 MiB in all: twelve times the budget. */
    private static final int RECORDS = 48 * 1024;

    /** What the stores may allocate beyond the limit before the stall takes hold: one arena block each. */
    private static final long ARENA_SLACK = STORES * BoundedRocksDbMemory.ARENA_BLOCK_BYTES;

    private final List<RocksDB> stores = new ArrayList<>();
    private final List<Options> options = new ArrayList<>();

    @AfterEach
    void close() {
        stores.forEach(RocksDB::close);
        options.forEach(Options::close);
    }

    @Test
    void blocksAndMemtablesOfEveryStoreStayWithinTheBudget(@TempDir Path directory) throws RocksDBException {
        RocksDB.loadLibrary();
        BoundedRocksDbMemory.Budget budget = BoundedRocksDbMemory.Budget.of(BUDGET);
        for (int i = 0; i < STORES; i++) {
            Options storeOptions = new Options().setCreateIfMissing(true);
            storeOptions.setTableFormatConfig(new BlockBasedTableConfig());
            budget.applyTo(storeOptions);
            options.add(storeOptions);
            stores.add(
                    RocksDB.open(storeOptions, directory.resolve("store-" + i).toString()));
        }
        SplittableRandom random = new SplittableRandom(7);
        long peakCache = 0;
        long peakMemtables = 0;
        for (int record = 0; record < RECORDS; record++) {
            byte[] value = new byte[VALUE_BYTES];
            random.nextBytes(value);
            stores.get(record % STORES).put(key(record), value);
            if (record % 512 == 0) {
                peakCache = Math.max(peakCache, budget.usageBytes());
                peakMemtables = Math.max(peakMemtables, memtableBytes());
            }
        }
        for (int read = 0; read < RECORDS; read++) {
            int record = random.nextInt(RECORDS);
            assertThat(stores.get(record % STORES).get(key(record))).hasSize(VALUE_BYTES);
            if (read % 512 == 0) {
                peakCache = Math.max(peakCache, budget.usageBytes());
            }
        }

        assertThat(peakMemtables)
                .as("memtables of all stores, at most the budget's memtable share plus the one filling")
                .isLessThanOrEqualTo(BUDGET * BoundedRocksDbMemory.MEMTABLE_SHARE_PERCENT / 100 + 2 * 4L * 1024 * 1024);
        assertThat(peakCache).as("blocks and charged memtables").isLessThanOrEqualTo(BUDGET);
        assertThat(peakCache).as("the cache is used at all").isGreaterThan(BUDGET / 2);
    }

    private long memtableBytes() throws RocksDBException {
        long bytes = 0;
        for (RocksDB store : stores) {
            bytes += store.getLongProperty("rocksdb.cur-size-all-mem-tables");
        }
        return bytes;
    }

    private static byte[] key(int record) {
        return ("key-" + record).getBytes();
    }
}
