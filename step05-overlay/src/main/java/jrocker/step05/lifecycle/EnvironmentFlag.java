package jrocker.step05.lifecycle;

import java.util.Map;

/** {@code -e KEY=VALUE} (set it) and {@code -e KEY} (pass this shell's value, if it has one), as docker reads them. */
public final class EnvironmentFlag {
    private EnvironmentFlag() {
    }

    /** Apply {@code flag} to {@code variables} (KEY → "KEY=VALUE", in order). */
    public static void apply(String flag, Map<String, String> variables) {
        int equals = flag.indexOf('=');
        String key = equals < 0 ? flag : flag.substring(0, equals);
        if (key.isEmpty()) {
            throw new IllegalArgumentException("invalid environment variable \"" + flag + "\": use -e KEY=VALUE");
        }
        if (equals >= 0) {
            variables.put(key, flag);
            return;
        }
        String value = System.getenv(key);
        if (value != null) {
            variables.put(key, key + "=" + value);
        }
    }
}
