package jrocker.step03.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import jrocker.step01.cli.Cli;
import jrocker.step01.cli.NamespaceOptions;
import jrocker.step01.container.ContainerException;
import jrocker.step01.container.ContainerId;
import jrocker.step02.cgroup.ResourceLimits;
import jrocker.step02.container.ContainerCgroup;
import jrocker.step03.Main;
import jrocker.step03.container.DataRoot;
import jrocker.step03.container.RootHasProc;
import jrocker.step03.container.UnpackRootfs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What --rootfs and --data-root mean, and step03's host plan; nothing is started. */
class RunCommandTest {

    @Test
    void rootfsIsTheHostsADirectoryOrATar(@TempDir Path temp) throws Exception {
        Path tar = Files.writeString(temp.resolve("rootfs.tar"), "");
        assertInstanceOf(Rootfs.HostRoot.class, Rootfs.of(null));
        assertEquals(new Rootfs.Directory(temp.toRealPath()), Rootfs.of(temp));
        assertEquals(new Rootfs.Tar(tar), Rootfs.of(tar));
        ContainerException missing = assertThrows(ContainerException.class, () -> Rootfs.of(temp.resolve("nope")));
        assertEquals(125, missing.exitCode());
        assertTrue(missing.getMessage().startsWith("--rootfs " + temp.resolve("nope") + " does not exist"), missing.getMessage());
    }

    @Test
    void aTarIsUnpackedIntoTheContainersDirectoryUnderTheDataRoot(@TempDir Path temp) {
        DataRoot dataRoot = new DataRoot(temp);
        ContainerId id = ContainerId.random();
        RunCommand.RunSpec run = new RunCommand.RunSpec(new NamespaceOptions.Settings(false, false, null), ResourceLimits.NONE,
                new Rootfs.Tar(temp.resolve("rootfs.tar")), List.of("sh"));
        ContainerCgroup cgroup = new ContainerCgroup(id, ResourceLimits.NONE);

        var plan = RunCommand.hostPlan(run, dataRoot, id, cgroup, new PrintWriter(new StringWriter()));

        assertEquals(3, plan.size());
        assertEquals(cgroup, plan.get(0));
        assertInstanceOf(UnpackRootfs.class, plan.get(1));
        Path unpacked = temp.resolve("containers").resolve(id.full()).resolve("rootfs");
        assertEquals(java.util.Optional.of(unpacked), run.rootfs().root(dataRoot, id));
        assertEquals(unpacked, assertInstanceOf(RootHasProc.class, plan.get(2)).root(), "after the unpacking: the copy has /proc");
    }

    @Test
    void theDataRootIsTheGlobalOptionElseTheVariableElseVarLibJrocker() {
        assertEquals(new DataRoot(Path.of("/srv/jrocker")), DataRootOption.of(Path.of("/srv/jrocker")).dataRoot());
        String variable = System.getenv(DataRootOption.VARIABLE);
        DataRoot expected = variable == null || variable.isEmpty() ? new DataRoot(DataRoot.DEFAULT)
                : new DataRoot(Path.of(variable).toAbsolutePath());
        assertEquals(expected, new DataRootOption().dataRoot());

        CommandLine commandLine = Cli.commandLine(Main.STEP);
        commandLine.parseArgs("--data-root", "/srv/jrocker", "doctor");
        DataRootOption parsed = (DataRootOption) commandLine.getCommandSpec().mixins().get("dataRoot").userObject();
        assertEquals(new DataRoot(Path.of("/srv/jrocker")), parsed.dataRoot());
    }

    @Test
    void everyCommandOfStep03IsMadeForStep03() {
        CommandLine commandLine = Cli.commandLine(Main.STEP);
        assertEquals(Set.of("run", "rootfs", "doctor", "help"), commandLine.getSubcommands().keySet());
        assertEquals("jrocker step03-busybox-rootfs", commandLine.getCommandSpec().version()[0]);
    }
}
