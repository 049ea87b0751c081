package jrocker.step05.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import jrocker.step05.lifecycle.ContainerConfig;
import jrocker.step05.lifecycle.ContainerRecord;
import jrocker.step05.lifecycle.ContainerState;
import jrocker.step05.lifecycle.ContainerStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code jrocker inspect CONTAINER...}: a container's config and state as JSON, with docker's field names. */
@Command(name = "inspect", description = "Show containers as JSON: Id, Name, Created, Path, Args, State (Status,"
        + " Running, Pid, ExitCode, OOMKilled, StartedAt, FinishedAt), Image, Config, Mounts, LogPath.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every container was shown", "1:no such container (the others are shown)"})
public class InspectCommand implements Callable<Integer> {
    @Mixin
    ContainerArguments containers;

    @Override
    public Integer call() throws IOException {
        List<Object> shown = new ArrayList<>();
        int status = containers.forEach((name, record) -> shown.add(json(record)));
        PrintWriter out = containers.out();
        out.println(ImageCommand.indented(shown));
        out.flush();
        return status;
    }

    static Map<String, Object> json(ContainerRecord record) throws IOException {
        ContainerConfig config = record.config();
        ContainerState recorded = record.state();
        ContainerStatus status = record.status();
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("Status", status.state());
        state.put("Running", status.running());
        state.put("Pid", status.running() ? recorded.pid() : 0L);
        state.put("ExitCode", status.exitCode() == null ? null : (long) status.exitCode());
        state.put("OOMKilled", recorded.oomKilled());
        state.put("StartedAt", recorded.startedAt() == null ? null : recorded.startedAt().toString());
        state.put("FinishedAt", status.running() || status.since() == null ? null : status.since().toString());
        Map<String, Object> configJson = new LinkedHashMap<>();
        configJson.put("Hostname", config.hostname());
        configJson.put("Image", config.image());
        configJson.put("Env", config.env());
        configJson.put("Cmd", config.argv());
        configJson.put("WorkingDir", config.workingDir());
        configJson.put("Tty", config.tty());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("Id", config.id());
        json.put("Name", config.name());
        json.put("Created", config.created().toString());
        json.put("Path", config.argv().get(0));
        json.put("Args", config.argv().subList(1, config.argv().size()));
        json.put("State", state);
        json.put("Image", config.imageId());
        json.put("Config", configJson);
        json.put("Mounts", config.volumes());
        json.put("AutoRemove", config.autoRemove());
        json.put("LogPath", config.detached() ? record.log().toString() : "");
        json.put("Directory", record.directory().toString());
        return json;
    }
}
