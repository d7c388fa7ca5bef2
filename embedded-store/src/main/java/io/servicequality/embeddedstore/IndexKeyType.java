package io.servicequality.embeddedstore;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * An MVStore key type for the keys of unique indexes ({@link KeyValue}: the indexed fields' values of one document).
 *
 * <p>Why: MVStore's default key type does not know {@code KeyValue}, which is not {@code Comparable}, so it compared
 * two keys by Java-serialising both, at every step of every B-tree search: a JFR of the store under complaint openings
 * found 62 % of its CPU in {@code ObjectDataType.serialize}, about half of it in those comparisons. This type compares
 * the values themselves and encodes the types the services index (strings, numbers, ObjectIds, instants, missing
 * values) directly; any other value falls back to MVStore's own encoding, which is what the default type did for all.
 *
 * <p>The order: element by element, a shorter key first; {@code null} first; values of different classes by class
 * name; values of one class by their natural order, or by their encoding where they have none. Keys are compared equal
 * exactly when their values are equal, which is what the unique index needs (the library normalises the values
 * before, so that {@code 1} and {@code 1.0} are one key).
 */
final class IndexKeyType extends BasicDataType<KeyValue> {

    static final IndexKeyType INSTANCE = new IndexKeyType();

    private static final byte OTHER = 0;
    private static final byte OBJECT_ID = 1;
    private static final byte INSTANT = 2;
    private static final byte MISSING = 3;
    private static final byte STRING = 4;
    private static final byte DOUBLE = 5;
    private static final byte LONG = 6;
    private static final byte NULL = 7;

    /** MVStore's general encoding, for values of other types. */
    private static final ObjectDataType OTHERS = new ObjectDataType();

    private IndexKeyType() {}

    @Override
    public int getMemory(KeyValue key) {
        return 48 + 24 * key.size();
    }

    @Override
    public int compare(KeyValue a, KeyValue b) {
        if (a == b) {
            return 0;
        }
        int size = Math.min(a.size(), b.size());
        for (int i = 0; i < size; i++) {
            int order = compareValues(a.get(i), b.get(i));
            if (order != 0) {
                return order;
            }
        }
        return Integer.compare(a.size(), b.size());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareValues(Object x, Object y) {
        if (x == y) {
            return 0;
        }
        if (x == null) {
            return -1;
        }
        if (y == null) {
            return 1;
        }
        if (x.getClass() != y.getClass()) {
            return x.getClass().getName().compareTo(y.getClass().getName());
        }
        if (x.equals(y)) {
            return 0;
        }
        if (x instanceof Comparable comparable) {
            int order = comparable.compareTo(y);
            if (order != 0) {
                return order;
            }
        }
        // unequal values of a class without a (consistent) natural order: by their encoding
        return compareBytes(encoded(x), encoded(y));
    }

    @Override
    public void write(WriteBuffer buffer, KeyValue key) {
        buffer.putVarInt(key.size());
        for (Object value : key) {
            writeValue(buffer, value);
        }
    }

    private static void writeValue(WriteBuffer buffer, Object value) {
        if (value == null) {
            buffer.put(NULL);
        } else if (value instanceof String string) {
            buffer.put(STRING);
            buffer.putVarInt(string.length()).putStringData(string, string.length());
        } else if (value instanceof Double number) {
            buffer.put(DOUBLE).putDouble(number);
        } else if (value instanceof Long number) {
            buffer.put(LONG).putLong(number);
        } else if (value instanceof ObjectId id) {
            buffer.put(OBJECT_ID).put(id.toByteArray());
        } else if (value instanceof Instant instant) {
            buffer.put(INSTANT).putLong(instant.getEpochSecond()).putInt(instant.getNano());
        } else if (value instanceof Missing) {
            buffer.put(MISSING);
        } else {
            buffer.put(OTHER);
            OTHERS.write(buffer, value);
        }
    }

    @Override
    public KeyValue read(ByteBuffer buffer) {
        int size = DataUtils.readVarInt(buffer);
        List<Object> values = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            values.add(readValue(buffer));
        }
        return new KeyValue(values);
    }

    private static Object readValue(ByteBuffer buffer) {
        byte type = buffer.get();
        return switch (type) {
            case NULL -> null;
            case STRING -> DataUtils.readString(buffer);
            case DOUBLE -> buffer.getDouble();
            case LONG -> buffer.getLong();
            case OBJECT_ID -> {
                byte[] id = new byte[12];
                buffer.get(id);
                yield new ObjectId(id);
            }
            case INSTANT -> Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
            case MISSING -> Missing.getInstance();
            case OTHER -> OTHERS.read(buffer);
            default -> throw new IllegalStateException("unknown index value type " + type);
        };
    }

    @Override
    public KeyValue[] createStorage(int size) {
        return new KeyValue[size];
    }

    private static byte[] encoded(Object value) {
        WriteBuffer buffer = new WriteBuffer(64);
        writeValue(buffer, value);
        ByteBuffer bytes = buffer.getBuffer();
        bytes.flip();
        byte[] array = new byte[bytes.remaining()];
        bytes.get(array);
        return array;
    }

    private static int compareBytes(byte[] a, byte[] b) {
        return java.util.Arrays.compare(a, b);
    }
}
