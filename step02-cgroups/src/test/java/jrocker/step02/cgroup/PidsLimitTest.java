package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import org.junit.jupiter.api.Test;

class PidsLimitTest {

    @Test
    void parseOfTheNumberGivesItBack() {
        qt().forAll(longs().between(1, PidsLimit.MAX)).checkAssert(max -> assertEquals(max, PidsLimit.parse(Long.toString(max))));
    }

    @Test
    void zeroAndNegativeMeanNothingHere() {
        assertEquals("invalid --pids-limit \"-1\": use a whole number of processes from 1 to 4194304;"
                        + " for no limit leave the flag out (docker's -1 is not accepted)",
                assertThrows(IllegalArgumentException.class, () -> PidsLimit.parse("-1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PidsLimit.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> PidsLimit.parse("4194305"));
        assertThrows(IllegalArgumentException.class, () -> PidsLimit.require(0));
    }

    @Test
    void anyTextIsEitherRefusedOrReadExactly() {
        qt().forAll(strings().ascii().ofLengthBetween(0, 9).mix(strings().numericBetween(-10, 5_000_000))).checkAssert(text -> {
            if (text.matches("[0-9]+") && Long.parseLong(text) >= 1 && Long.parseLong(text) <= PidsLimit.MAX) {
                assertEquals(Long.parseLong(text), PidsLimit.parse(text));
            } else {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PidsLimit.parse(text), text);
                assertTrue(e.getMessage().startsWith("invalid --pids-limit \"" + text + "\""), e.getMessage());
            }
        });
    }
}
