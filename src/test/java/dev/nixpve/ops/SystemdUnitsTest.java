package dev.nixpve.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nixpve.testing.ExternalTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduling files we ship (scripts/systemd, scripts/cron) are valid for systemd and cron, keep
 * the sandbox and the secrets handling docs/scheduling.md describes, and run the same command.
 */
class SystemdUnitsTest {

    private static final Path UNITS = Path.of("scripts/systemd");
    private static final Path CRON = Path.of("scripts/cron/nixpve-rebuild");
    private static final String SERVICE = "nixpve-rebuild.service";
    private static final String TIMER = "nixpve-rebuild.timer";
    private static final String HOOK = "nixpve-rebuild-failure@.service";
    /** Where docs/scheduling.md installs the checkout; the units and the cron line name it. */
    private static final String INSTALLED_LAUNCHER = "/opt/nixpve/scripts/nixpve";

    @TempDir
    Path temp;

    @Test
    void systemdAnalyzeVerifyFindsNothingWrongInOurUnits() throws Exception {
        Path analyze = ExternalTools.require("systemd-analyze", "systemd");
        try (Stream<Path> files = Files.list(UNITS)) {
            for (Path unit : files.toList()) {
                Files.copy(unit, temp.resolve(unit.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        // verify refuses a unit whose ExecStart= program does not exist, and /opt/nixpve is where the
        // checkout is installed, not where the tests run: point the copy at this checkout's launcher,
        // the same file. The installed path itself is checked in serviceRunsTheInstalledLauncher.
        Path service = temp.resolve(SERVICE);
        String launcher = Path.of("scripts/nixpve").toAbsolutePath().normalize().toString();
        assertFalse(launcher.matches(".*\\s.*"), "the checkout's path has white space, which ExecStart= would split: "
                + launcher);
        Files.writeString(service, Files.readString(service).replace(INSTALLED_LAUNCHER, launcher));
        // verify does not follow OnFailure=, so the instance it starts is named too: systemd loads it
        // from the template beside it, which proves the name resolves and the hook's program exists.
        String instance = HOOK.replace("@.service", "@" + SERVICE + ".service");
        List<String> command = List.of(analyze.toString(), "verify", service.toString(),
                temp.resolve(TIMER).toString(), temp.resolve(HOOK).toString(), temp.resolve(instance).toString());

        Result result = run(command, Map.of());

        // Lines about the host's own units are not ours to judge; any line about ours is a finding.
        List<String> ours = result.output().lines().filter(line -> line.contains("nixpve-rebuild")).toList();
        assertTrue(ours.isEmpty(), "systemd-analyze verify complains about our units:\n" + result.output());
        assertEquals(0, result.exitCode(), "systemd-analyze verify failed:\n" + result.output());
    }

    @Test
    void serviceRunsTheInstalledLauncherAndReportsFailuresThroughTheShippedHook() throws IOException {
        UnitFile service = UnitFile.read(UNITS.resolve(SERVICE));
        assertEquals(INSTALLED_LAUNCHER, execStart(service).get(0));
        assertEquals("rebuild", execStart(service).get(1));
        assertEquals("oneshot", service.value("Service", "Type"));
        String onFailure = service.value("Unit", "OnFailure");
        assertEquals("nixpve-rebuild-failure@%n.service", onFailure);
        assertTrue(Files.isRegularFile(UNITS.resolve(onFailure.replace("%n", ""))), "OnFailure= names "
                + onFailure + " but scripts/systemd has no such template");
        // 3: another run holds the lock and did the work; 143: stopped on purpose, after cleaning up.
        assertEquals(List.of("3", "143"), service.words("Service", "SuccessExitStatus"));
    }

    @Test
    void serviceRunsSandboxedAsNixpveWithTheTokenFromAFile() throws IOException {
        UnitFile service = UnitFile.read(UNITS.resolve(SERVICE));
        assertEquals("nixpve", service.value("Service", "User"));
        assertEquals("nixpve", service.value("Service", "Group"));
        assertEquals("/etc/nixpve/env", service.value("Service", "EnvironmentFile"));
        for (String environment : service.values("Service", "Environment")) {
            assertFalse(environment.contains("PROXMOX_VE_"), "a Proxmox setting in the unit itself: " + environment);
        }
        Map<String, String> hardening = Map.ofEntries(
                Map.entry("ProtectSystem", "strict"), Map.entry("ProtectHome", "true"),
                Map.entry("PrivateTmp", "true"), Map.entry("NoNewPrivileges", "true"),
                Map.entry("PrivateDevices", "true"), Map.entry("ProtectKernelTunables", "true"),
                Map.entry("ProtectKernelModules", "true"), Map.entry("ProtectKernelLogs", "true"),
                Map.entry("ProtectControlGroups", "true"), Map.entry("RestrictSUIDSGID", "true"),
                Map.entry("LockPersonality", "true"), Map.entry("RestrictNamespaces", "true"),
                Map.entry("RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6"),
                Map.entry("SystemCallFilter", "@system-service"), Map.entry("CapabilityBoundingSet", ""),
                Map.entry("UMask", "0077"));
        hardening.forEach((key, expected) -> assertEquals(expected, service.value("Service", key), key));
        assertTrue(service.values("Service", "MemoryDenyWriteExecute").isEmpty(),
                "MemoryDenyWriteExecute= stops the JVM's JIT compiler, and so the JVM");
    }

    @Test
    void serviceMayWriteWhereItsArgumentsPoint() throws IOException {
        UnitFile service = UnitFile.read(UNITS.resolve(SERVICE));
        List<String> arguments = execStart(service);
        List<String> stateDirectories = service.words("Service", "StateDirectory");
        assertEquals("nixpve", stateDirectories.get(0));
        assertEquals("/var/lib/nixpve", service.value("Service", "WorkingDirectory"));
        String out = argument(arguments, "--out");
        assertTrue(stateDirectories.stream().anyMatch(dir -> out.equals("/var/lib/" + dir)),
                "--out " + out + " is not a StateDirectory=, so ProtectSystem=strict keeps it read-only: "
                        + stateDirectories);
        Path metricsDirectory = Path.of(argument(arguments, "--metrics-file")).getParent();
        List<String> writable = service.words("Service", "ReadWritePaths").stream()
                .map(path -> path.startsWith("-") ? path.substring(1) : path).toList();
        assertTrue(writable.contains(metricsDirectory.toString()), "the metrics file's directory " + metricsDirectory
                + " must be in ReadWritePaths= (nixpve writes a temporary file there and renames it): " + writable);
    }

    @Test
    void timerRunsWeeklyCatchesUpAndSpreadsStarts() throws IOException {
        UnitFile timer = UnitFile.read(UNITS.resolve(TIMER));
        assertTrue(timer.value("Timer", "OnCalendar").startsWith("Sun "), "a weekly run on Sunday");
        assertEquals("true", timer.value("Timer", "Persistent"), "a run missed while the machine was off");
        assertFalse(timer.value("Timer", "RandomizedDelaySec").isBlank());
        assertEquals("timers.target", timer.value("Install", "WantedBy"));
        assertTrue(timer.values("Timer", "Unit").isEmpty(), "the timer starts the service of its own name");
    }

    @Test
    void cronRunsTheServicesCommandAsTheServicesUser() throws IOException {
        UnitFile service = UnitFile.read(UNITS.resolve(SERVICE));
        CronEntry cron = CronEntry.read(CRON);
        assertEquals(List.of("*", "*", "0"), cron.schedule().subList(2, 5), "weekly on Sunday, like the timer");
        assertEquals(service.value("Service", "User"), cron.user());
        assertEquals(execStart(service), cron.nixpveCommand(INSTALLED_LAUNCHER));
        assertTrue(cron.command().contains(". " + service.value("Service", "EnvironmentFile") + " "),
                "cron reads the environment from the service's EnvironmentFile=");
    }

    @Test
    void cronCommandPassesShellcheck() throws Exception {
        Path shellcheck = ExternalTools.require("shellcheck", "shellcheck");
        Path script = temp.resolve("cron-command.sh");
        Files.writeString(script, "#!/bin/sh\n" + CronEntry.read(CRON).command() + "\n");
        // SC1091: shellcheck cannot follow /etc/nixpve/env, which exists only where nixpve is installed.
        Result result = run(List.of(shellcheck.toString(), "--exclude=SC1091", script.toString()), Map.of());
        assertEquals(0, result.exitCode(), "shellcheck on the cron command:\n" + result.output());
    }

    @Test
    void cronCommandSpeaksOnlyWhenTheRunFailed() throws Exception {
        String command = cronCommandInSandbox(temp.resolve("no-systemd-here"));
        for (int exitCode : new int[] {0, 3, 1, 2}) {
            Files.writeString(temp.resolve("env"), "PROXMOX_VE_API_TOKEN=nixpve@pve!build=0000-not-a-secret\n"
                    + "STUB_EXIT=" + exitCode + "\n");
            Result result = run(List.of("/bin/sh", "-c", command), Map.of("PATH", "/usr/bin:/bin"));
            String expected = exitCode == 0 || exitCode == 3 ? ""
                    : "nixpve rebuild failed with exit code " + exitCode + "; its log: " + temp.resolve("state")
                    + "/rebuild.log\n";
            assertEquals(expected, result.output(), "what cron would mail after exit " + exitCode);
            List<String> seen = Files.readAllLines(temp.resolve("state/rebuild.log"));
            assertEquals("nixpve@pve!build=0000-not-a-secret", seen.get(0), "the token as the env file has it");
            assertEquals("rebuild", seen.get(1));
        }
    }

    @Test
    void cronCommandLeavesTheRunToSystemdWhereSystemdRuns() throws Exception {
        Path systemdRunning = Files.createDirectories(temp.resolve("run-systemd-system"));
        Files.writeString(temp.resolve("env"), "STUB_EXIT=1\n");
        Result result = run(List.of("/bin/sh", "-c", cronCommandInSandbox(systemdRunning)),
                Map.of("PATH", "/usr/bin:/bin"));
        assertEquals("", result.output());
        assertEquals(0, result.exitCode());
        assertFalse(Files.exists(temp.resolve("state/rebuild.log")), "nixpve ran although systemd runs here");
    }

    /**
     * The cron command with every absolute path moved into {@link #temp}: a stub for the launcher that
     * writes the token and its arguments to its output (the log) and exits with the env file's
     * STUB_EXIT, the env file at temp/env, /var/lib/nixpve at temp/state.
     */
    private String cronCommandInSandbox(Path systemdMarker) throws IOException {
        Path stub = temp.resolve("nixpve");
        Files.writeString(stub, String.join("\n", "#!/bin/sh", "printf '%s\\n' \"${PROXMOX_VE_API_TOKEN:-}\" \"$@\"",
                "exit \"$STUB_EXIT\"", ""));
        assertTrue(stub.toFile().setExecutable(true));
        Files.createDirectories(temp.resolve("state"));
        String command = CronEntry.read(CRON).command();
        for (String path : List.of(INSTALLED_LAUNCHER, "/etc/nixpve/env", "/var/lib/nixpve", "/run/systemd/system")) {
            assertTrue(command.contains(path), "the cron command no longer names " + path);
        }
        return command.replace(INSTALLED_LAUNCHER, stub.toString())
                .replace("/etc/nixpve/env", temp.resolve("env").toString())
                .replace("/var/lib/nixpve", temp.resolve("state").toString())
                .replace("/run/systemd/system", systemdMarker.toString());
    }

    private static List<String> execStart(UnitFile service) {
        String execStart = service.value("Service", "ExecStart");
        assertFalse(execStart.matches(".*[\"'$%\\\\].*"), "ExecStart= is compared word by word; it has quoting, "
                + "variables or specifiers: " + execStart);
        return List.of(execStart.split("\\s+"));
    }

    private static String argument(List<String> arguments, String option) {
        int at = arguments.indexOf(option);
        if (at < 0 || at + 1 >= arguments.size()) {
            fail("ExecStart= has no " + option + " VALUE: " + arguments);
        }
        return arguments.get(at + 1);
    }

    private record Result(int exitCode, String output) {
    }

    /** Runs {@code command} to its end (60 s at most) with stdout and stderr together. */
    private Result run(List<String> command, Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (!environment.isEmpty()) {
            builder.environment().clear();
            builder.environment().putAll(environment);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail("did not finish within 60 s: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), output);
    }

    /** The one job line of an /etc/cron.d file: five time fields, the user, the command. */
    private record CronEntry(List<String> schedule, String user, String command) {

        static CronEntry read(Path file) throws IOException {
            List<String> jobs = Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .filter(line -> !line.matches("[A-Za-z_][A-Za-z0-9_]*=.*"))
                    .toList();
            assertEquals(1, jobs.size(), "one job line in " + file + ": " + jobs);
            String[] fields = jobs.get(0).strip().split("\\s+", 7);
            assertEquals(7, fields.length, "m h dom mon dow user command: " + jobs.get(0));
            // cron turns an unescaped % into a line break: the command would be cut there.
            assertFalse(fields[6].contains("%"), "a % in the cron command: " + fields[6]);
            assertTrue(Files.readString(file).endsWith("\n"), "cron ignores a last line without a newline");
            return new CronEntry(List.of(fields).subList(0, 5), fields[5], fields[6]);
        }

        /** The launcher and its arguments, up to the first redirection. */
        List<String> nixpveCommand(String launcher) {
            int start = command.indexOf(launcher + " ");
            assertTrue(start >= 0, "the cron command does not run " + launcher + ": " + command);
            List<String> words = new ArrayList<>();
            for (String word : command.substring(start).split("\\s+")) {
                if (word.startsWith(">") || word.equals(";") || word.endsWith(";")) {
                    break;
                }
                words.add(word);
            }
            return words;
        }
    }
}
