package jrocker.step01.container;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;

/**
 * How records travel between jrocker and the container's init: a small, explicit binary encoding of
 * Java records whose components are strings, numbers, booleans, enums, lists and other records.
 *
 * <p>Why not Java serialization or JSON? Serialization can build arbitrary objects from bytes, and a
 * JSON library would be loaded by every container start. This codec is ~100 lines, only builds records
 * of jrocker's own packages, and only through their canonical constructors, so a record's own checks
 * run on the receiving side too.
 */
public final class Wire {
    private static final String TRUSTED_PACKAGE = "jrocker.";

    private static final byte NULL = 'N';
    private static final byte STRING = 'S';
    private static final byte INT = 'I';
    private static final byte LONG = 'J';
    private static final byte BOOLEAN = 'Z';
    private static final byte LIST = 'L';
    private static final byte ENUM = 'E';
    private static final byte RECORD = 'R';

    private Wire() {
    }

    /** Write {@code value}: a record, or any component type listed in the class comment. */
    public static void write(DataOutputStream out, Object value) throws IOException {
        if (value == null) {
            out.writeByte(NULL);
        } else if (value instanceof String text) {
            out.writeByte(STRING);
            writeString(out, text);
        } else if (value instanceof Integer number) {
            out.writeByte(INT);
            out.writeInt(number);
        } else if (value instanceof Long number) {
            out.writeByte(LONG);
            out.writeLong(number);
        } else if (value instanceof Boolean flag) {
            out.writeByte(BOOLEAN);
            out.writeBoolean(flag);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element);
            }
        } else if (value instanceof Enum<?> constant) {
            out.writeByte(ENUM);
            writeString(out, constant.getDeclaringClass().getName());
            writeString(out, constant.name());
        } else if (value instanceof Record record) {
            out.writeByte(RECORD);
            writeString(out, record.getClass().getName());
            RecordComponent[] components = record.getClass().getRecordComponents();
            out.writeInt(components.length);
            for (RecordComponent component : components) {
                write(out, accessor(record, component));
            }
        } else {
            throw new IllegalArgumentException("cannot send a " + value.getClass().getName()
                    + " to the init: use a record, String, int, long, boolean, enum or List");
        }
    }

    /** Read one value written by {@link #write}; records and enums only from jrocker's packages. */
    public static Object read(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString(in);
            case INT:
                return in.readInt();
            case LONG:
                return in.readLong();
            case BOOLEAN:
                return in.readBoolean();
            case LIST: {
                int size = in.readInt();
                List<Object> list = new ArrayList<>(Math.min(size, 1024));
                for (int i = 0; i < size; i++) {
                    list.add(read(in));
                }
                return List.copyOf(list);
            }
            case ENUM: {
                Class<?> type = trustedClass(readString(in));
                String name = readString(in);
                for (Object constant : type.getEnumConstants()) {
                    if (((Enum<?>) constant).name().equals(name)) {
                        return constant;
                    }
                }
                throw new IOException("no constant " + name + " in " + type.getName());
            }
            case RECORD:
                return readRecord(in);
            default:
                throw new IOException("corrupt message: unknown tag " + tag);
        }
    }

    private static Object readRecord(DataInputStream in) throws IOException {
        Class<?> type = trustedClass(readString(in));
        RecordComponent[] components = type.getRecordComponents();
        if (components == null || in.readInt() != components.length) {
            throw new IOException("corrupt message: " + type.getName() + " is not a record of that shape");
        }
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = read(in);
        }
        try {
            Constructor<?> constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            throw new IOException("invalid " + type.getSimpleName() + ": " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IOException("cannot rebuild " + type.getName() + ": " + e, e);
        }
    }

    private static Class<?> trustedClass(String name) throws IOException {
        if (!name.startsWith(TRUSTED_PACKAGE)) {
            throw new IOException("refusing to build " + name + ": only jrocker's own records travel");
        }
        try {
            return Class.forName(name, false, Wire.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IOException("unknown type " + name + " (are jrocker and its init the same version?)", e);
        }
    }

    private static Object accessor(Record record, RecordComponent component) throws IOException {
        try {
            var method = component.getAccessor();
            method.setAccessible(true);
            return method.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IOException("cannot read " + component.getName() + " of " + record, e);
        }
    }

    /** Strings as UTF-8 with an int length: writeUTF's 64 KiB limit is too small for a long command line. */
    private static void writeString(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 16 << 20) {
            throw new IOException("corrupt message: string of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes); // throws at a truncated message, where readNBytes would return fewer bytes
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
