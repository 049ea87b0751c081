package jrocker.step05.image;

import static jrocker.step05.archive.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

class ImageConfigTest {
    static final String DIFF_ID = "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    /** Shaped like `docker inspect` of busybox's config: null Entrypoint, history, unknown fields. */
    static final String BUSYBOX = "{\"architecture\":\"amd64\",\"config\":{\"Env\":[\"PATH=/usr/local/sbin:/usr/local/bin:"
            + "/usr/sbin:/usr/bin:/sbin:/bin\"],\"Cmd\":[\"sh\"],\"Entrypoint\":null,\"WorkingDir\":\"\",\"Labels\":null,"
            + "\"OnBuild\":null},\"created\":\"2023-07-18T23:19:33.655005962Z\",\"history\":[{\"created\":\"2023-07-18T23:19:33Z\","
            + "\"created_by\":\"/bin/sh -c #(nop) ADD file:7e9002edaafd4e4579b65c8f0aaabde1aeb7fd3f8d95579f7fd3443cef785fd1 in / \"}],"
            + "\"os\":\"linux\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + DIFF_ID + "\"]}}";

    @Test
    void readsWhatARuntimeNeeds() throws ImageFormatException {
        ImageConfig config = ImageConfig.parse(utf8(BUSYBOX), "config x");
        assertEquals("linux", config.os());
        assertEquals("amd64", config.architecture());
        assertEquals(new Platform("linux", "amd64", null), config.platform());
        assertEquals(List.of(), config.entrypoint(), "null means none");
        assertEquals(List.of("sh"), config.cmd());
        assertEquals(List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), config.env());
        assertEquals("", config.workingDir());
        assertEquals("", config.user(), "absent means root");
        assertEquals(List.of(Digest.parse(DIFF_ID)), config.diffIds());
    }

    @Test
    void writingBackKeepsEverythingItDoesNotKnow() throws ImageFormatException {
        ImageConfig config = ImageConfig.parse(utf8(BUSYBOX), "config x");
        assertEquals(BUSYBOX, new String(config.toJson(), java.nio.charset.StandardCharsets.UTF_8),
                "unchanged, it is written exactly as read (same keys, same order)");
        ImageConfig committed = config.withLayerAdded(Digest.sha256(utf8("new layer"))).withCmd(List.of("/bin/true"))
                .withUser("nobody").withWorkingDir("/tmp").withEntrypoint(List.of("/bin/env"));
        ImageConfig reread = ImageConfig.parse(committed.toJson(), "config y");
        assertEquals(committed, reread);
        assertEquals(List.of(Digest.parse(DIFF_ID), Digest.sha256(utf8("new layer"))), reread.diffIds());
        assertEquals(List.of("/bin/true"), reread.cmd());
        assertEquals(List.of("/bin/env"), reread.entrypoint());
        assertEquals("nobody", reread.user());
        assertEquals("/tmp", reread.workingDir());
        Map<String, Object> json = reread.toJsonMap();
        assertEquals(config.toJsonMap().get("history"), json.get("history"), "history survives a commit");
        assertEquals("2023-07-18T23:19:33.655005962Z", json.get("created"));
        assertEquals(List.of(), ImageConfig.parse(reread.withCmd(List.of()).toJson(), "z").cmd());
    }

    @Test
    void runSettingsRoundTrip() {
        Gen<List<String>> args = lists().of(strings().allPossible().ofLengthBetween(0, 10).map(JsonTest::withoutLoneSurrogates))
                .ofSizeBetween(0, 4);
        qt().forAll(args, args, args).checkAssert((entrypoint, cmd, env) -> {
            ImageConfig config = ImageConfig.of(new Platform("linux", "arm64", "v8"), List.of(Digest.parse(DIFF_ID)))
                    .withEntrypoint(entrypoint).withCmd(cmd).withEnv(env);
            ImageConfig reread;
            try {
                reread = ImageConfig.parse(config.toJson(), "generated");
            } catch (ImageFormatException e) {
                throw new AssertionError(e);
            }
            assertEquals(config, reread);
            assertEquals(entrypoint, reread.entrypoint());
            assertEquals(cmd, reread.cmd());
            assertEquals(env, reread.env());
            assertEquals(new Platform("linux", "arm64", "v8"), reread.platform());
        });
    }

    @Test
    void wrongConfigsAreReportedByField() {
        assertEquals("config x: \"os\" is missing", message("{\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"));
        assertEquals("config x: \"config.Cmd\" must be an array, not a string", message(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Cmd\":\"sh\"},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"));
        assertEquals("config x: \"config.Env.1\" must be a string, not a number", message(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"config\":{\"Env\":[\"A=1\",2]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}"));
        assertEquals("config x: \"rootfs.type\" is \"snapshot\", but the only type is \"layers\"", message(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"snapshot\",\"diff_ids\":[]}}"));
        assertEquals("config x: \"rootfs.diff_ids.0\" is not a usable digest: invalid digest \"md5:x\": the algorithm is"
                + " \"md5\", but jrocker supports only sha256 digests", message(
                "{\"os\":\"linux\",\"architecture\":\"amd64\",\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"md5:x\"]}}"));
        assertEquals("config x: \"rootfs\" is missing", message("{\"os\":\"linux\",\"architecture\":\"amd64\"}"));
        assertEquals("config x is not a JSON object but an array", message("[]"));
        assertEquals("corrupt JSON in config x: Unexpected end-of-input: expected close marker for Object (start marker at"
                + " line 1, column 1) (at line 1, column 2)",
                message("{"));
    }

    private static String message(String json) {
        return assertThrows(ImageFormatException.class, () -> ImageConfig.parse(utf8(json), "config x")).getMessage();
    }
}
