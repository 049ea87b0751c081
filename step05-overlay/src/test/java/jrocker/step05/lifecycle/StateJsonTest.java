package jrocker.step05.lifecycle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's config.json and state.json: the field names stay, so files an earlier jrocker wrote still read. */
class StateJsonTest {
    @TempDir
    Path directory;

    @Test
    void filesAsTheEarlierWriterWroteThemStillRead() throws IOException {
        // every field, nulls included, exit code as a JSON integer
        Path state = Files.writeString(directory.resolve("state.json"), "{\"status\":\"exited\",\"pid\":4242,\"pidStartTime\":"
                + "123456,\"startedAt\":\"2024-01-02T03:04:05Z\",\"finishedAt\":\"2024-01-02T03:04:06.500Z\",\"exitCode\":137,"
                + "\"oomKilled\":true}");
        assertEquals(new ContainerState("exited", 4242, 123456, Instant.parse("2024-01-02T03:04:05Z"),
                Instant.parse("2024-01-02T03:04:06.5Z"), 137, true, 0, 0), StateJson.read(state, ContainerState.class),
                "a record from before the monitor was written down: no monitor known (0)");
        Files.writeString(state, "{\"status\":\"created\",\"pid\":0,\"pidStartTime\":0,\"startedAt\":null,\"finishedAt\":null,"
                + "\"exitCode\":null,\"oomKilled\":false}");
        assertEquals(ContainerState.created(), StateJson.read(state, ContainerState.class));

        Path config = Files.writeString(directory.resolve("config.json"), "{\"id\":\"" + "ab".repeat(32) + "\",\"name\":\"web\","
                + "\"image\":\"busybox\",\"imageId\":\"sha256:" + "cd".repeat(32) + "\",\"argv\":[\"sh\",\"-c\",\"echo hi\"],"
                + "\"env\":[\"PATH=/bin\"],\"workingDir\":\"\",\"hostname\":\"abababababab\",\"created\":\"2024-01-02T03:04:05.123456789Z\","
                + "\"autoRemove\":false,\"detached\":true,\"tty\":false,\"volumes\":[\"/srv:/data:ro\"]}");
        assertEquals(new ContainerConfig("ab".repeat(32), "web", "busybox", "sha256:" + "cd".repeat(32),
                List.of("sh", "-c", "echo hi"), List.of("PATH=/bin"), "", "abababababab",
                Instant.parse("2024-01-02T03:04:05.123456789Z"), false, true, false, List.of("/srv:/data:ro")),
                StateJson.read(config, ContainerConfig.class));
    }

    @Test
    void whatIsWrittenReadsBackWithTheSameFieldNames() throws IOException {
        ContainerState running = ContainerState.created().watchedBy(76, 998).running(77, 999, Instant.parse("2024-05-06T07:08:09Z"));
        Path file = directory.resolve("state.json");
        StateJson.write(file, running);
        assertEquals("{\"status\":\"running\",\"pid\":77,\"pidStartTime\":999,\"startedAt\":\"2024-05-06T07:08:09Z\","
                + "\"finishedAt\":null,\"exitCode\":null,\"oomKilled\":false,\"monitorPid\":76,\"monitorStartTime\":998}",
                Files.readString(file), "as the earlier writer wrote it, and the monitor");
        assertEquals(running, StateJson.read(file, ContainerState.class));
        ContainerState exited = running.exited(137, true, Instant.parse("2024-05-06T07:08:10Z"));
        StateJson.write(file, exited);
        assertEquals(exited, StateJson.read(file, ContainerState.class));
        assertEquals(List.of("state.json"), List.of(directory.toFile().list()), "no temporary file is left");
    }

    @Test
    void aCorruptFileIsAOneLineErrorThatNamesIt() throws IOException {
        Path file = Files.writeString(directory.resolve("state.json"), "{\"status\":\"running\",\"pid\":");
        String message = assertThrows(IOException.class, () -> StateJson.read(file, ContainerState.class)).getMessage();
        assertTrue(message.startsWith("corrupt JSON in " + file + ": "), message);
        assertFalse(message.contains("\n"), message);
        Files.writeString(file, "{\"status\":\"running\",\"pid\":\"4242\"}");
        assertEquals(file + ": \"pid\" must be a whole number, not a string",
                assertThrows(IOException.class, () -> StateJson.read(file, ContainerState.class)).getMessage());
    }
}
