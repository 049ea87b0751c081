package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.arbitrary;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class CpuQuotaTest {
    private static final CpuSet TWO_CPUS = CpuSet.parse("0-1");

    @Test
    void parseOfTheTextGivesBackTheSameQuota() {
        qt().forAll(integers().between(1, Integer.MAX_VALUE).mix(integers().between(1, 1000)))
                .checkAssert(hundredths -> assertEquals(new CpuQuota(hundredths), CpuQuota.parse(new CpuQuota(hundredths).toString())));
    }

    @Test
    void theQuotaIsTheCpusTimesThePeriod() {
        qt().forAll(integers().between(1, 100_000)).check(hundredths ->
                new CpuQuota(hundredths).quotaMicros() * 100 == hundredths * CpuQuota.PERIOD_MICROS);
        assertEquals(50_000, CpuQuota.parse("0.5").quotaMicros());
        assertEquals(1_000, CpuQuota.parse("0.01").quotaMicros(), "the kernel's smallest quota: 1 ms");
        assertEquals(150_000, CpuQuota.parse("1.5").quotaMicros());
        assertEquals(200_000, CpuQuota.parse("2").quotaMicros());
    }

    @Test
    void textsAreCanonical() {
        assertEquals("0.5", CpuQuota.parse("0.50").toString());
        assertEquals("0.5", CpuQuota.parse(".5").toString());
        assertEquals("0.05", CpuQuota.parse("0.05").toString());
        assertEquals("1.25", CpuQuota.parse("1.25").toString());
        assertEquals("2", CpuQuota.parse("2.0").toString());
    }

    /** Either refused, or exactly the decimal value (BigDecimal as the independent judge). */
    @Test
    void anyTextIsEitherRefusedOrReadExactly() {
        Gen<String> texts = strings().ascii().ofLengthBetween(0, 8)
                .mix(strings().numericBetween(0, 5000).zip(arbitrary().pick("", ".", ".0", ".5", ".25", ".125", ".x", "e1", " "),
                        (number, tail) -> number + tail))
                .mix(arbitrary().pick(".5", ".05", ".", "-1", "0", "0.00", "00.01", "1,5"));
        qt().forAll(texts).checkAssert(text -> {
            boolean wellFormed = text.matches("[0-9]*(\\.[0-9]{1,2})?") && text.matches(".*[0-9].*");
            BigDecimal value = wellFormed ? new BigDecimal(text.startsWith(".") ? "0" + text : text) : null;
            if (value == null || value.signum() == 0 || value.movePointRight(2).compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CpuQuota.parse(text), text);
                assertTrue(e.getMessage().startsWith("invalid --cpus \"" + text + "\": "), e.getMessage());
            } else {
                assertEquals(value.movePointRight(2).intValueExact(), CpuQuota.parse(text).hundredths(), text);
            }
        });
    }

    @Test
    void errorMessagesSayWhatToType() {
        assertEquals("invalid --cpus \"0\": the number of CPUs must be more than 0 (the smallest is 0.01)",
                assertThrows(IllegalArgumentException.class, () -> CpuQuota.parse("0")).getMessage());
        assertEquals("invalid --cpus \"0.125\": use at most 2 decimal places (0.01 CPU is 1 ms per 100 ms, the kernel's smallest quota)",
                assertThrows(IllegalArgumentException.class, () -> CpuQuota.parse("0.125")).getMessage());
        assertEquals("invalid --cpus \"half\": use a decimal number of CPUs such as 0.5 or 1.25",
                assertThrows(IllegalArgumentException.class, () -> CpuQuota.parse("half")).getMessage());
    }

    @Test
    void atMostTheOnlineCpus() {
        assertEquals(new CpuQuota(200), CpuQuota.parse("2", TWO_CPUS));
        assertEquals("--cpus 2.01 is more than the 2 online CPUs (0-1): use a value from 0.01 to 2",
                assertThrows(IllegalArgumentException.class, () -> CpuQuota.parse("2.01", TWO_CPUS)).getMessage());
        qt().forAll(integers().between(1, 200)).check(h -> new CpuQuota(h).requireAtMost(TWO_CPUS).hundredths() == h);
        qt().forAll(integers().between(201, 100_000)).checkAssert(h ->
                assertThrows(IllegalArgumentException.class, () -> new CpuQuota(h).requireAtMost(TWO_CPUS)));
    }
}
