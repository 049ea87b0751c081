package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

class CpuSharesTest {

    @Test
    void parseOfTheTextGivesBackTheSameShares() {
        qt().forAll(integers().between(CpuShares.MIN, CpuShares.MAX))
                .checkAssert(shares -> assertEquals(shares, CpuShares.parse(new CpuShares(shares).toString()).value()));
    }

    @Tag("cpu-weight")
    @Test
    void theWeightStaysWithinCgroupV2sRange() {
        qt().forAll(integers().between(CpuShares.MIN, CpuShares.MAX))
                .check(shares -> CpuShares.weightOf(shares) >= 1 && CpuShares.weightOf(shares) <= 10_000);
    }

    @Tag("cpu-weight")
    @Test
    void moreSharesNeverGiveLessWeight() {
        qt().forAll(integers().between(CpuShares.MIN, CpuShares.MAX), integers().between(CpuShares.MIN, CpuShares.MAX))
                .check((a, b) -> a > b || CpuShares.weightOf(a) <= CpuShares.weightOf(b));
        // and neighbours, where an off-by-one would show
        qt().forAll(integers().between(CpuShares.MIN, CpuShares.MAX - 1))
                .check(a -> CpuShares.weightOf(a) <= CpuShares.weightOf(a + 1));
    }

    @Tag("cpu-weight")
    @Test
    void theEndsMapToTheEndsAndTheDefaultTo39() {
        assertEquals(1, new CpuShares(2).weight());
        assertEquals(10_000, new CpuShares(262_144).weight());
        assertEquals(39, new CpuShares(1024).weight(), "the formula's known quirk: v2's default is 100");
    }

    @Test
    void valuesOutsideTheKernelsRangeAndGarbageAreRefused() {
        assertEquals("invalid --cpu-shares \"1\": use a whole number from 2 to 262144 (the default is 1024)",
                assertThrows(IllegalArgumentException.class, () -> CpuShares.parse("1")).getMessage());
        for (String bad : new String[] {"0", "262145", "-5", "", "1024.0", "1e3", " 1024", "99999999999"}) {
            assertThrows(IllegalArgumentException.class, () -> CpuShares.parse(bad), bad);
        }
        qt().forAll(strings().ascii().ofLengthBetween(0, 8)).checkAssert(text -> {
            if (text.matches("[0-9]+") && Long.parseLong(text) >= 2 && Long.parseLong(text) <= 262_144) {
                assertEquals(Integer.parseInt(text), CpuShares.parse(text).value());
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuShares.parse(text), text);
                assertTrue(e.getMessage().startsWith("invalid --cpu-shares"));
            }
        });
    }
}
