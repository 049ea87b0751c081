package jrocker.step05.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A command's environment, built in layers where a later KEY wins: jrocker's defaults, the image's Env, and
 * the {@code -e} flags of {@code run} and {@code exec}: {@code -e KEY=VALUE} sets KEY, {@code -e KEY} passes
 * this shell's value of KEY, if it has one (docker's rules).
 */
public final class EnvironmentFlag {
    private EnvironmentFlag() {
    }

    /**
     * {@code layers} of KEY=VALUE entries, then {@code flags}; the result keeps each KEY where it first
     * appeared. A flag with an empty KEY is an IllegalArgumentException.
     */
    public static List<String> merge(List<List<String>> layers, List<String> flags) {
        Map<String, String> variables = new LinkedHashMap<>();
        for (List<String> layer : layers) {
            for (String entry : layer) {
                int equals = entry.indexOf('=');
                variables.put(equals < 0 ? entry : entry.substring(0, equals), entry);
            }
        }
        for (String flag : flags) {
            apply(flag, variables);
        }
        return List.copyOf(variables.values());
    }

    private static void apply(String flag, Map<String, String> variables) {
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
