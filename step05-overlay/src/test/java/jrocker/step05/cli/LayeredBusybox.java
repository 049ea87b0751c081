package jrocker.step05.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import jrocker.step03.testing.BusyboxTar;
import jrocker.step05.archive.UmociImages;
import jrocker.step05.store.StoreFixtures;

/**
 * A busybox image with two more layers, made by umoci: the second deletes etc/motd (a whiteout) and
 * replaces data/ (an opaque directory); Entrypoint {@code sh -c}, Cmd {@code echo $GREETING from $(pwd)},
 * Env GREETING=hello, WorkingDir /data. Run, it prints "hello from /data".
 */
final class LayeredBusybox {
    private LayeredBusybox() {
    }

    /** Build it in {@code temp}; returns {@code LAYOUT:v1}, for skopeo's {@code oci:} transport. */
    static String build(Path temp) throws Exception {
        Path busybox = BusyboxTar.write(temp.resolve("busybox.tar"));
        Map<String, String> base = new LinkedHashMap<>();
        base.put("etc/motd", "hello");
        base.put("data/old.txt", "old");
        Map<String, String> change = new LinkedHashMap<>();
        change.put("etc/.wh.motd", "");
        change.put("data/.wh..wh..opq", "");
        change.put("data/new.txt", "new");
        Path layout = temp.resolve("oci-busybox");
        String image = layout + ":v1";
        UmociImages.run(temp, "umoci", "init", "--layout", layout.toString());
        UmociImages.run(temp, "umoci", "new", "--image", image);
        UmociImages.run(temp, "umoci", "raw", "add-layer", "--image", image, busybox.toString());
        UmociImages.run(temp, "umoci", "raw", "add-layer", "--image", image,
                Files.write(temp.resolve("b.tar"), StoreFixtures.tar(base)).toString());
        UmociImages.run(temp, "umoci", "raw", "add-layer", "--image", image,
                Files.write(temp.resolve("c.tar"), StoreFixtures.tar(change)).toString());
        UmociImages.run(temp, "umoci", "config", "--image", image, "--config.entrypoint", "sh", "--config.entrypoint", "-c",
                "--config.cmd", "echo $GREETING from $(pwd)", "--config.env", "GREETING=hello", "--config.workingdir", "/data");
        return image;
    }
}
