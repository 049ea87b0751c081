package jrocker.step02.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResourceLimitsTest {
    private static final CpuSet TWO_CPUS = CpuSet.parse("0-1");

    @Test
    void noFlagsNoLimits() {
        ResourceLimits limits = ResourceLimits.fromFlags(null, null, null, null, null, TWO_CPUS);
        assertTrue(limits.isEmpty());
        assertEquals(ResourceLimits.NONE, limits);
        assertEquals(Set.of(), limits.controllers());
        assertEquals("no limits", limits.toString());
    }

    @Test
    void everyFlagSetsItsLimitAndNamesItsController() {
        ResourceLimits limits = ResourceLimits.fromFlags("64m", "0.5", "512", "1", "20", TWO_CPUS);

        assertFalse(limits.isEmpty());
        assertEquals(OptionalLong.of(64L << 20), limits.memoryBytes());
        assertEquals(Optional.of(new CpuQuota(50)), limits.cpus());
        assertEquals(Optional.of(new CpuShares(512)), limits.cpuShares());
        assertEquals(Optional.of(CpuSet.parse("1")), limits.cpusetCpus());
        assertEquals(OptionalLong.of(20), limits.pidsMax());
        assertEquals(List.of("memory", "cpu", "cpuset", "pids"), List.copyOf(limits.controllers()));
        assertEquals("--memory 64m --cpus 0.5 --cpu-shares 512 --cpuset-cpus 1 --pids-limit 20", limits.toString());
    }

    @Test
    void eachFlagAloneNeedsOneController() {
        assertEquals(Set.of("cpu"), ResourceLimits.fromFlags(null, null, "100", null, null, TWO_CPUS).controllers());
        assertEquals(Set.of("cpu"), ResourceLimits.fromFlags(null, "1", null, null, null, TWO_CPUS).controllers());
        assertEquals(Set.of("pids"), ResourceLimits.fromFlags(null, null, null, null, "3", TWO_CPUS).controllers());
    }

    @Test
    void onlyKeepsTheLimitsOfTheGivenControllers() {
        ResourceLimits all = ResourceLimits.fromFlags("64m", "0.5", "512", "1", "20", TWO_CPUS);

        assertEquals(ResourceLimits.NONE.withPidsMax(20).withCpusetCpus(CpuSet.parse("1")), all.only(Set.of("pids", "cpuset")));
        assertEquals(ResourceLimits.NONE, all.only(Set.of()));
        assertEquals(all, all.only(Set.of("memory", "cpu", "cpuset", "pids")));
    }

    @Test
    void theOnlineCpusBoundCpusAndCpuset() {
        assertEquals("--cpus 3 is more than the 2 online CPUs (0-1): use a value from 0.01 to 2",
                assertThrows(IllegalArgumentException.class, () -> ResourceLimits.fromFlags(null, "3", null, null, null, TWO_CPUS))
                        .getMessage());
        assertEquals("--cpuset-cpus 2: CPU 2 is not online (online CPUs: 0-1)",
                assertThrows(IllegalArgumentException.class, () -> ResourceLimits.fromFlags(null, null, null, "2", null, TWO_CPUS))
                        .getMessage());
    }

    @Test
    void aRecordCannotHoldAnUnusableValue() {
        assertThrows(IllegalArgumentException.class, () -> ResourceLimits.NONE.withMemory(1024));
        assertThrows(IllegalArgumentException.class, () -> ResourceLimits.NONE.withPidsMax(0));
        assertThrows(IllegalArgumentException.class, () -> ResourceLimits.fromFlags("4m", null, null, null, null, TWO_CPUS));
    }
}
