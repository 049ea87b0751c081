package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.quicktheories.core.Gen;

@Tag("cpu-set") // the exercise these tests check (see docs/src/course)
class CpuSetTest {

    /** Non-empty sets of CPUs, dense enough to contain runs (0-3) and gaps. */
    private static Gen<CpuSet> cpuSets() {
        return lists().of(integers().between(0, 40).mix(integers().between(0, CpuSet.MAX_CPU), 10))
                .ofSizeBetween(1, 30).map(cpus -> new CpuSet(new TreeSet<>(cpus)));
    }

    @Test
    void parseOfTheTextGivesBackTheSameSet() {
        qt().forAll(cpuSets()).checkAssert(set -> assertEquals(set, CpuSet.parse(set.toString())));
    }

    @Test
    void theTextIsCanonicalRunsCollapsedAscending() {
        assertEquals("0-1,3", CpuSet.parse("3,1,0").toString());
        assertEquals("0-3", CpuSet.parse("0-1,2,3").toString());
        assertEquals("0-2,4", CpuSet.parse("0-2,4").toString());
        assertEquals("5", CpuSet.parse("5-5").toString());
        // A canonical text has no two neighbours written apart, and nothing goes down.
        qt().forAll(cpuSets()).checkAssert(set -> {
            String text = set.toString();
            int previousEnd = -2;
            for (String part : text.split(",")) {
                String[] ends = part.split("-");
                int first = Integer.parseInt(ends[0]);
                int last = Integer.parseInt(ends[ends.length - 1]);
                assertTrue(first > previousEnd + 1, text + ": " + part + " should have joined the run before it");
                assertTrue(ends.length == 1 || first < last, text);
                previousEnd = last;
            }
        });
    }

    /** Either refused, or a set whose canonical text reads back the same: never half a list. */
    @Test
    void anyTextIsEitherRefusedOrASetOfOnlyTheNumbersWritten() {
        Gen<String> texts = strings().ascii().ofLengthBetween(0, 8)
                .mix(lists().of(arbitrary().pick("0", "1", "3", "-", ",", "12", "8191", "8192", " ", "a"))
                        .ofSizeBetween(1, 6).map(parts -> String.join("", parts)));
        qt().forAll(texts).checkAssert(text -> {
            CpuSet set;
            try {
                set = CpuSet.parse(text);
            } catch (IllegalArgumentException refused) {
                assertTrue(refused.getMessage().startsWith("invalid CPU list \"" + text + "\": "), refused.getMessage());
                return;
            }
            assertTrue(text.matches("[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*"), "accepted: \"" + text + "\"");
            for (String number : text.split("[,-]")) {
                assertTrue(set.cpus().contains(Integer.parseInt(number)), text);
            }
            assertTrue(set.cpus().last() <= CpuSet.MAX_CPU);
            assertEquals(set, CpuSet.parse(set.toString()));
        });
    }

    @Test
    void errorMessagesSayWhatToType() {
        assertEquals("invalid CPU list \"0-\": use CPU numbers and ranges such as 0-2,4",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("0-")).getMessage());
        assertEquals("invalid CPU list \"3-1\": the range 3-1 goes backwards, write 1-3",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("3-1")).getMessage());
        assertEquals("invalid CPU list \"0-9000\": CPU 9000 does not exist, Linux numbers CPUs from 0 to at most 8191",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("0-9000")).getMessage());
        for (String bad : List.of("", ",", "0,", "0-1-2", "a", "0 ,1", "-1", "0x1", "0-99999999999999999999")) {
            assertThrows(IllegalArgumentException.class, () -> CpuSet.parse(bad), bad);
        }
    }

    @Test
    void onlyOnlineCpusAreAccepted(@TempDir Path tmp) throws Exception {
        Path online = Files.writeString(tmp.resolve("online"), "0-1\n");
        CpuSet twoCpus = CpuSet.read(online);
        assertEquals(CpuSet.parse("0,1"), twoCpus);

        assertEquals(CpuSet.parse("1"), CpuSet.parse("1").requireWithin(twoCpus));
        assertEquals("--cpuset-cpus 3: CPU 3 is not online (online CPUs: 0-1)",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("3").requireWithin(twoCpus)).getMessage());
        assertEquals("--cpuset-cpus 0-3: CPUs 2-3 are not online (online CPUs: 0-1)",
                assertThrows(IllegalArgumentException.class, () -> CpuSet.parse("0-3").requireWithin(twoCpus)).getMessage());
    }

    @Test
    void thisMachinesOnlineListParses() {
        CpuSet online = CpuSet.online();
        assertTrue(Runtime.getRuntime().availableProcessors() <= online.size(), "the JVM sees at most the online CPUs: " + online);
    }
}
