package jrocker.step05.walls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeccompCacheTest {
    @TempDir
    Path cache;

    @Test
    void aProgramIsBuiltOnceForTheSameInputsAndAgainForOthers() throws Exception {
        AtomicInteger builds = new AtomicInteger();
        byte[] program = {1, 2, 3, 4, 5, 6, 7, 8};
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(program, SeccompCache.program(cache, "{}", CapabilitySet.DOCKER_DEFAULT, "amd64", "6.1",
                    () -> {
                        builds.incrementAndGet();
                        return program;
                    }));
        }
        assertEquals(1, builds.get(), "built once, then read back");
        SeccompCache.program(cache, "{}", CapabilitySet.of(Capability.SYS_ADMIN), "amd64", "6.1", () -> {
            builds.incrementAndGet();
            return program;
        });
        assertEquals(2, builds.get(), "other capabilities, another program");
        try (var files = Files.list(cache)) {
            assertEquals(2, files.count(), "one file each, no temporary file left");
        }
    }
}
