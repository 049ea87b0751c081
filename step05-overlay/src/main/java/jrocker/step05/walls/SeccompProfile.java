package jrocker.step05.walls;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jrocker.step05.image.Json;
import jrocker.step05.image.ImageFormatException;
import jrocker.step05.linux.SeccompFilter;

/**
 * A seccomp profile in docker's JSON format ({@code --security-opt seccomp=PROFILE.json}): a default action and
 * rules, each naming system calls, an action, and optionally conditions on their arguments and on the container
 * (its capabilities, the machine's architecture, the kernel's version). {@link #rulesFor} keeps the rules that
 * apply to one container; {@link SeccompFilter} turns them into the kernel's BPF program.
 *
 * <p>What is read: {@code defaultAction}, {@code defaultErrnoRet}, {@code syscalls} with {@code names},
 * {@code action}, {@code errnoRet}, {@code args} ({@code index}, {@code value}, {@code valueTwo}, {@code op}),
 * {@code includes} and {@code excludes} ({@code caps}, {@code arches}, {@code minKernel}). The filter is built for
 * this machine's own architecture; {@code architectures} and {@code archMap} are accepted and not used.
 */
public record SeccompProfile(Action defaultAction, List<Entry> entries) {

    /** What the kernel does with a call: its SCMP_ACT_* name, and the errno for SCMP_ACT_ERRNO. */
    public record Action(String name, int errno) {
        static final Set<String> NAMES = Set.of("SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_KILL",
                "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_TRAP", "SCMP_ACT_LOG");
    }

    /** A condition on argument {@code index}: {@code op} is SCMP_CMP_EQ, ..., SCMP_CMP_MASKED_EQ. */
    public record Condition(int index, long value, long valueTwo, String op) {
        static final Set<String> OPS = Set.of("SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
                "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ");
    }

    /** One rule of the profile, before its includes and excludes are weighed. */
    public record Entry(List<String> names, Action action, List<Condition> conditions, Filter includes, Filter excludes) {
    }

    /** includes/excludes: the rule applies if the container has all of {@code caps}, ... */
    public record Filter(List<String> caps, List<String> arches, String minKernel) {
        static final Filter NONE = new Filter(List.of(), List.of(), "");

        boolean isEmpty() {
            return caps.isEmpty() && arches.isEmpty() && minKernel.isEmpty();
        }
    }

    /** A rule that applies to one container: calls {@code names} get {@code action} when all conditions hold. */
    public record Rule(List<String> names, Action action, List<Condition> conditions) {
    }

    /** jrocker's default profile: docker's semantics, written out in docker's format (a resource of this jar). */
    public static SeccompProfile defaultProfile() {
        return parse(defaultProfileText());
    }

    /** The JSON text of {@link #defaultProfile}. */
    public static String defaultProfileText() {
        try (var in = SeccompProfile.class.getResourceAsStream("default-seccomp.json")) {
            if (in == null) {
                throw new IllegalStateException("default-seccomp.json is missing from jrocker's jar");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Read a profile.
     *
     * @throws IllegalArgumentException saying what is wrong, for text that is no profile
     */
    public static SeccompProfile parse(String json) {
        Object document;
        try {
            document = Json.readValue(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), "the seccomp profile");
        } catch (ImageFormatException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage());
        }
        Map<String, Object> profile = object(document, "the profile");
        allowKeys(profile, "the profile", "defaultAction", "defaultErrnoRet", "syscalls", "architectures", "archMap",
                "flags", "comment");
        int defaultErrno = (int) number(profile.getOrDefault("defaultErrnoRet", 1L), "defaultErrnoRet");
        Action defaultAction = action(profile.get("defaultAction"), defaultErrno, "defaultAction");
        List<Entry> entries = new ArrayList<>();
        Object syscalls = profile.getOrDefault("syscalls", List.of());
        if (!(syscalls instanceof List<?> list)) {
            throw new IllegalArgumentException("\"syscalls\" must be an array");
        }
        for (Object element : list) {
            entries.add(entry(object(element, "a \"syscalls\" entry")));
        }
        return new SeccompProfile(defaultAction, entries);
    }

    // tag::rules-for[]
    /**
     * The rules that apply to a container with {@code capabilities}, on {@code arch} (docker's names: amd64,
     * arm64) and kernel {@code kernelRelease} (uname -r): an entry applies when the container has every
     * capability of its includes and none of its excludes (and likewise for architecture and kernel).
     * That is how one profile allows mount only to a container given CAP_SYS_ADMIN.
     */
    public List<Rule> rulesFor(CapabilitySet capabilities, String arch, String kernelRelease) {
        List<Rule> rules = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.includes().isEmpty() || matches(entry.includes(), capabilities, arch, kernelRelease, true)) {
                if (entry.excludes().isEmpty() || !matches(entry.excludes(), capabilities, arch, kernelRelease, false)) {
                    rules.add(new Rule(entry.names(), entry.action(), entry.conditions()));
                }
            }
        }
        return rules;
    }
    // end::rules-for[]

    /**
     * The BPF program of this profile for a container with {@code capabilities}, on {@code arch} and kernel
     * {@code kernelRelease}: the {@link #rulesFor rules that apply}, in libseccomp's terms, compiled by libseccomp.
     *
     * @throws IllegalArgumentException when libseccomp refuses a rule
     */
    public byte[] compile(CapabilitySet capabilities, String arch, String kernelRelease) {
        List<SeccompFilter.Rule> rules = new ArrayList<>();
        for (Rule rule : rulesFor(capabilities, arch, kernelRelease)) {
            List<SeccompFilter.Comparison> comparisons = new ArrayList<>();
            for (Condition condition : rule.conditions()) {
                // SCMP_CMP_MASKED_EQ: docker's value is the mask (datum_a), valueTwo the value (datum_b)
                comparisons.add(new SeccompFilter.Comparison(condition.index(), operator(condition.op()),
                        condition.value(), condition.valueTwo()));
            }
            rules.add(new SeccompFilter.Rule(rule.names(), action(rule.action()), comparisons));
        }
        return SeccompFilter.compile(action(defaultAction), rules);
    }

    /** The SCMP_ACT_* value of {@code action}. */
    static int action(Action action) {
        return switch (action.name()) {
            case "SCMP_ACT_ALLOW" -> SeccompFilter.SCMP_ACT_ALLOW;
            case "SCMP_ACT_ERRNO" -> SeccompFilter.errno(action.errno());
            case "SCMP_ACT_KILL", "SCMP_ACT_KILL_THREAD" -> SeccompFilter.SCMP_ACT_KILL_THREAD;
            case "SCMP_ACT_KILL_PROCESS" -> SeccompFilter.SCMP_ACT_KILL_PROCESS;
            case "SCMP_ACT_TRAP" -> SeccompFilter.SCMP_ACT_TRAP;
            case "SCMP_ACT_LOG" -> SeccompFilter.SCMP_ACT_LOG;
            default -> throw new IllegalArgumentException("unknown action " + action.name());
        };
    }

    /** The SCMP_CMP_* value of a condition's {@code op}. */
    static int operator(String op) {
        return switch (op) {
            case "SCMP_CMP_NE" -> SeccompFilter.SCMP_CMP_NE;
            case "SCMP_CMP_LT" -> SeccompFilter.SCMP_CMP_LT;
            case "SCMP_CMP_LE" -> SeccompFilter.SCMP_CMP_LE;
            case "SCMP_CMP_EQ" -> SeccompFilter.SCMP_CMP_EQ;
            case "SCMP_CMP_GE" -> SeccompFilter.SCMP_CMP_GE;
            case "SCMP_CMP_GT" -> SeccompFilter.SCMP_CMP_GT;
            case "SCMP_CMP_MASKED_EQ" -> SeccompFilter.SCMP_CMP_MASKED_EQ;
            default -> throw new IllegalArgumentException("unknown op " + op);
        };
    }

    /**
     * The capabilities that make this profile allow {@code syscall}: those an entry naming it includes. Which
     * {@code --cap-add} makes {@code mount} work? {@code capabilitiesAllowing("mount")} says SYS_ADMIN. Empty when
     * no entry that names the call depends on a capability (it is allowed to all, or to none).
     */
    public java.util.Set<Capability> capabilitiesAllowing(String syscall) {
        // tag::exercise-capability-for-syscall[]
        java.util.Set<Capability> capabilities = java.util.EnumSet.noneOf(Capability.class);
        for (Entry entry : entries) {
            if (entry.names().contains(syscall) && entry.action().name().equals("SCMP_ACT_ALLOW")) {
                for (String name : entry.includes().caps()) {
                    capabilities.add(Capability.parse(name));
                }
            }
        }
        return capabilities;
        // end::exercise-capability-for-syscall[]
    }

    /**
     * includes ({@code all}): every listed capability present, the architecture among those listed, the kernel at
     * least minKernel. excludes: any listed capability present, or the architecture listed, or the kernel new enough.
     */
    private static boolean matches(Filter filter, CapabilitySet capabilities, String arch, String kernel, boolean all) {
        List<Boolean> tests = new ArrayList<>();
        if (!filter.caps().isEmpty()) {
            boolean every = true;
            boolean any = false;
            for (String name : filter.caps()) {
                boolean has = capabilities.contains(Capability.parse(name));
                every &= has;
                any |= has;
            }
            tests.add(all ? every : any);
        }
        if (!filter.arches().isEmpty()) {
            tests.add(filter.arches().contains(arch));
        }
        if (!filter.minKernel().isEmpty()) {
            tests.add(compareVersions(kernel, filter.minKernel()) >= 0);
        }
        return all ? !tests.contains(false) : tests.contains(true);
    }

    /** Compare "6.1.0-18-amd64" with "4.8": by their numeric parts, major first. */
    static int compareVersions(String release, String minimum) {
        String[] have = release.split("[^0-9]+", 4);
        String[] want = minimum.split("\\.");
        for (int i = 0; i < Math.min(2, want.length); i++) {
            long a = i < have.length && !have[i].isEmpty() ? Long.parseLong(have[i]) : 0;
            long b = Long.parseLong(want[i]);
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return 0;
    }

    private static Entry entry(Map<String, Object> entry) {
        allowKeys(entry, "a \"syscalls\" entry", "names", "name", "action", "errnoRet", "args", "includes", "excludes", "comment");
        List<String> names = new ArrayList<>();
        if (entry.containsKey("name")) {
            names.add(string(entry.get("name"), "name"));
        }
        if (entry.containsKey("names")) {
            names.addAll(strings(entry.get("names"), "names"));
        }
        if (names.isEmpty()) {
            throw new IllegalArgumentException("a \"syscalls\" entry names no system call");
        }
        int errno = (int) number(entry.getOrDefault("errnoRet", 1L), "errnoRet");
        Action action = action(entry.get("action"), errno, "action of " + names.get(0));
        List<Condition> conditions = new ArrayList<>();
        Object args = entry.get("args");
        if (args != null) {
            if (!(args instanceof List<?> list)) {
                throw new IllegalArgumentException("\"args\" of " + names.get(0) + " must be an array");
            }
            for (Object arg : list) {
                conditions.add(condition(object(arg, "an argument condition of " + names.get(0)), names.get(0)));
            }
        }
        return new Entry(List.copyOf(names), action, List.copyOf(conditions), filter(entry.get("includes")),
                filter(entry.get("excludes")));
    }

    private static Condition condition(Map<String, Object> arg, String syscall) {
        allowKeys(arg, "an argument condition of " + syscall, "index", "value", "valueTwo", "op");
        long index = number(arg.get("index"), "index of an argument of " + syscall);
        if (index < 0 || index > 5) {
            throw new IllegalArgumentException("argument index " + index + " of " + syscall + ": system calls have 6 (0-5)");
        }
        String op = string(arg.get("op"), "op of an argument of " + syscall);
        if (!Condition.OPS.contains(op)) {
            throw new IllegalArgumentException("unknown op \"" + op + "\" for " + syscall + ": one of " + new java.util.TreeSet<>(Condition.OPS));
        }
        return new Condition((int) index, number(arg.get("value"), "value of " + syscall),
                number(arg.getOrDefault("valueTwo", 0L), "valueTwo of " + syscall), op);
    }

    private static Filter filter(Object value) {
        if (value == null) {
            return Filter.NONE;
        }
        Map<String, Object> filter = object(value, "includes/excludes");
        allowKeys(filter, "includes/excludes", "caps", "arches", "minKernel");
        List<String> caps = strings(filter.getOrDefault("caps", List.of()), "caps");
        for (String cap : caps) {
            Capability.parse(cap);
        }
        return new Filter(caps, strings(filter.getOrDefault("arches", List.of()), "arches"),
                filter.containsKey("minKernel") ? string(filter.get("minKernel"), "minKernel") : "");
    }

    private static Action action(Object value, int errno, String what) {
        String name = string(value, what);
        if (!Action.NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown " + what + " \"" + name + "\": one of " + new java.util.TreeSet<>(Action.NAMES));
        }
        return new Action(name, name.equals("SCMP_ACT_ERRNO") ? errno : 0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value, String what) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(what + " must be a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static void allowKeys(Map<String, Object> object, String what, String... known) {
        for (String key : object.keySet()) {
            if (!List.of(known).contains(key)) {
                throw new IllegalArgumentException("unknown field \"" + key + "\" in " + what);
            }
        }
    }

    private static String string(Object value, String what) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("\"" + what + "\" must be a string");
        }
        return text;
    }

    private static List<String> strings(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("\"" + what + "\" must be an array of strings");
        }
        List<String> strings = new ArrayList<>();
        for (Object element : list) {
            strings.add(string(element, what));
        }
        return strings;
    }

    private static long number(Object value, String what) {
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        if (value instanceof java.math.BigInteger big) {
            return big.longValue(); // values up to 2^64-1 wrap, as a C uint64
        }
        if (value instanceof java.math.BigDecimal decimal) {
            try {
                return decimal.toBigIntegerExact().longValue(); // values up to 2^64-1 wrap, as a C uint64
            } catch (ArithmeticException e) {
                // fall through
            }
        }
        throw new IllegalArgumentException("\"" + what + "\" must be a whole number, not " + value);
    }

    /** docker's name for this machine's architecture. */
    public static String dockerArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }
}
