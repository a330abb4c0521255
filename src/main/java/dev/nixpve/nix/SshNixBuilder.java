package dev.nixpve.nix;

import dev.nixpve.config.BuildSettings;
import dev.nixpve.config.BuilderTarget;
import dev.nixpve.event.EventSink;
import dev.nixpve.event.LogEvent;
import dev.nixpve.event.OutputLine;
import dev.nixpve.event.ProgressEvent;
import dev.nixpve.ssh.Download;
import dev.nixpve.ssh.ShellQuote;
import dev.nixpve.ssh.SshConnector;
import dev.nixpve.ssh.SshException;
import dev.nixpve.ssh.SshSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Builds the ISO on a remote host over SSH: uploads the rendered tree as tar.gz to
 * {@code <build.remoteDir>/<buildToken>/}, runs {@code nix build} there with its log streamed as
 * {@link OutputLine}s, downloads the ISO over SFTP checking its SHA-256 against the host's, and
 * brings the {@code flake.lock} the build wrote back into the local tree. The remote directory is
 * removed after a success and kept after a failure, for rerunning the build by hand.
 */
public final class SshNixBuilder implements IsoBuilder {

    static final String INSTALLER_ATTRIBUTE = ".#nixosConfigurations.installer.config.system.build.isoImage";
    static final String ARCHIVE_NAME = "tree.tar.gz";
    static final int TAIL_LINES = 30;
    /** Unpacking, hashing and cleaning up take seconds; only nix build gets build.timeout. */
    private static final Duration STEP_TIMEOUT = Duration.ofMinutes(15);
    private static final Pattern ISO_LINE = Pattern.compile("([0-9a-f]{64}) [ *](result/iso/([A-Za-z0-9._+-]+\\.iso))");

    private final BuilderTarget.Ssh target;
    private final BuildSettings settings;
    private final SshConnector connector;

    public SshNixBuilder(BuilderTarget.Ssh target, BuildSettings settings) {
        this(target, settings, new SshConnector(settings));
    }

    SshNixBuilder(BuilderTarget.Ssh target, BuildSettings settings, SshConnector connector) {
        this.target = target;
        this.settings = settings;
        this.connector = connector;
    }

    @Override
    public String describe() {
        return target.toString();
    }

    /** Uploads the tree, locks it on the host (which has the Nix), and brings flake.lock back. */
    @Override
    public void createLock(RenderedTree tree, EventSink events) throws IsoBuildException, InterruptedException {
        String dir = remoteBuildDir(settings.remoteDir(), tree.identity().buildToken());
        Path archive = pack(tree, tree.directory().getParent());
        try (SshSession session = connect()) {
            events.emit(LogEvent.info("locking nixpkgs on " + session.describe() + " (" + dir + ")"));
            upload(session, archive, dir);
            nixCommand(session, dir, "nix flake lock", nixLockCommand(dir), STEP_TIMEOUT, events);
            try {
                session.download(dir + "/" + TemplateRenderer.FLAKE_LOCK,
                        tree.directory().resolve(TemplateRenderer.FLAKE_LOCK), (done, total) -> { });
            } catch (SshException e) {
                throw failed(e);
            }
            removeBuildDir(session, dir, events);
        } finally {
            deleteQuietly(archive);
        }
    }

    @Override
    public BuiltIso build(RenderedTree tree, Path outDir, EventSink events) throws IsoBuildException, InterruptedException {
        String dir = remoteBuildDir(settings.remoteDir(), tree.identity().buildToken());
        Path archive = pack(tree, outDir);
        try (SshSession session = connect()) {
            events.emit(LogEvent.info("uploading the build tree to " + session.describe() + " (" + dir + ")"));
            upload(session, archive, dir);
            events.emit(LogEvent.info("building the installer ISO on " + session.describe()));
            nixCommand(session, dir, "nix build", nixBuildCommand(dir), settings.timeout(), events);
            RemoteIso iso = findIso(session, dir);
            BuiltIso built = download(session, iso, outDir, events);
            Optional<String> revision = fetchFlakeLock(session, dir, tree.directory(), events);
            removeBuildDir(session, dir, events);
            return new BuiltIso(built.iso(), built.size(), built.sha256(), revision);
        } finally {
            deleteQuietly(archive);
        }
    }

    /** {@code build.remoteDir} joined with the token; {@code ~/} means the login's home, where relative paths start anyway. */
    static String remoteBuildDir(String remoteDir, String buildToken) {
        String base = remoteDir.equals("~") ? "" : remoteDir.startsWith("~/") ? remoteDir.substring(2) : remoteDir;
        while (base.length() > 1 && base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            return buildToken;
        }
        return base.endsWith("/") ? base + buildToken : base + "/" + buildToken;
    }

    /** The {@code nix flake lock} command line, run in the unpacked tree. */
    static String nixLockCommand(String dir) {
        return "cd " + ShellQuote.quote(dir) + " && " + words("nix", "--extra-experimental-features", "nix-command flakes",
                "flake", "lock");
    }

    /** The {@code nix build} command line, run from the unpacked tree; the failure message quotes it for reruns. */
    static String nixBuildCommand(String dir) {
        return "cd " + ShellQuote.quote(dir) + " && " + words("nix", "--extra-experimental-features", "nix-command flakes",
                "build", "--print-build-logs", "--out-link", "result", INSTALLER_ATTRIBUTE);
    }

    private static String words(String... words) {
        return List.of(words).stream().map(ShellQuote::quote).collect(Collectors.joining(" "));
    }

    private Path pack(RenderedTree tree, Path outDir) throws IsoBuildException {
        Path archive = null;
        try {
            Files.createDirectories(outDir);
            archive = Files.createTempFile(outDir, ".nixpve-tree-", ".tar.gz");
            TreeArchive.write(tree.directory(), archive);
            return archive;
        } catch (IOException e) {
            if (archive != null) {
                deleteQuietly(archive);
            }
            throw IsoBuildException.copyFailed(outDir, "cannot pack the build tree " + tree.directory() + " into "
                    + outDir + ": " + e, List.of(), e);
        }
    }

    private SshSession connect() throws IsoBuildException {
        try {
            return connector.connect(target);
        } catch (SshException e) {
            throw failed(e);
        }
    }

    private void upload(SshSession session, Path archive, String dir) throws IsoBuildException, InterruptedException {
        try {
            session.mkdirs(dir);
            session.upload(archive, dir + "/" + ARCHIVE_NAME);
        } catch (SshException e) {
            throw failed(e);
        }
        step(session, "unpacking the build tree", "cd " + ShellQuote.quote(dir) + " && "
                + words("tar", "-xzf", ARCHIVE_NAME) + " && " + words("rm", "-f", ARCHIVE_NAME), new ArrayList<>());
    }

    /** Runs a nix command on the host with its output streamed as events; a failure keeps the tree for a rerun. */
    private void nixCommand(SshSession session, String dir, String what, String command, Duration limit,
                            EventSink events) throws IsoBuildException, InterruptedException {
        String source = "nix@" + target.host();
        Deque<String> tail = new ArrayDeque<>();
        Consumer<String> lines = line -> {
            events.emit(new OutputLine(source, line));
            remember(tail, line);
        };
        int exit;
        try {
            // stderr joins stdout on the host: two streams read apart would lose the order of the tail.
            exit = session.exec("exec 2>&1; " + command, lines, limit);
        } catch (SshException e) {
            if (e.kind() == SshException.Kind.TIMEOUT) {
                throw new IsoBuildException(IsoBuildException.Reason.BUILD_TIMED_OUT, what + " on " + session.describe()
                        + " did not finish within " + limit, snapshot(tail), e);
            }
            throw failed(e);
        }
        if (exit == 0) {
            return;
        }
        List<String> last = snapshot(tail);
        if (exit == 127 || last.stream().anyMatch(l -> l.contains("nix: command not found") || l.contains("nix: not found"))) {
            throw new IsoBuildException(IsoBuildException.Reason.NIX_NOT_ON_HOST, "nix is not installed on "
                    + session.describe() + ", or not on the PATH of a non-interactive SSH login (exit code " + exit
                    + ")", last);
        }
        throw IsoBuildException.remote(what + " on " + session.describe() + " failed with exit code " + exit
                + " (the tree stays in " + dir + " on the host)" + BuildFailures.excerpt(last), last,
                BuildFailures.shows(last), command);
    }

    /** The one ISO the build produced and its SHA-256, hashed on the host so the download can be checked. */
    private record RemoteIso(String path, String name, String sha256) {
    }

    private RemoteIso findIso(SshSession session, String dir) throws IsoBuildException, InterruptedException {
        List<String> output = new ArrayList<>();
        // The glob stays outside the quotes; an empty match makes sha256sum fail, which step() reports.
        step(session, "hashing the ISO", "cd " + ShellQuote.quote(dir) + " && sha256sum result/iso/*.iso", output);
        List<Matcher> isos = output.stream().map(ISO_LINE::matcher).filter(Matcher::matches).toList();
        if (isos.size() != 1) {
            throw new IsoBuildException(IsoBuildException.Reason.NOT_ONE_ISO, "the build on " + session.describe()
                    + " finished, but " + dir + "/result/iso/ holds " + isos.size() + " ISO images where one was "
                    + "expected", output);
        }
        Matcher iso = isos.get(0);
        return new RemoteIso(dir + "/" + iso.group(2), iso.group(3), iso.group(1));
    }

    /** Downloads to {@code NAME.part} and renames only once the SHA-256 matches, so a complete-looking ISO is one. */
    private BuiltIso download(SshSession session, RemoteIso iso, Path outDir, EventSink events) throws IsoBuildException {
        Path target = outDir.resolve(iso.name());
        Path partial = outDir.resolve(iso.name() + ".part");
        events.emit(LogEvent.info("downloading " + iso.name() + " from " + session.describe()));
        try {
            Download download = session.download(iso.path(), partial,
                    (done, total) -> events.emit(new ProgressEvent("download", done, total)));
            if (!download.sha256().equals(iso.sha256())) {
                throw new IsoBuildException(IsoBuildException.Reason.DOWNLOAD_CORRUPTED, "the ISO downloaded from "
                        + session.describe() + " has SHA-256 " + download.sha256() + " but the host computed "
                        + iso.sha256() + ": the transfer was corrupted", List.of());
            }
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return new BuiltIso(target, download.size(), download.sha256(), Optional.empty());
        } catch (SshException e) {
            throw failed(e);
        } catch (IOException e) {
            throw IsoBuildException.copyFailed(outDir, "cannot move the downloaded ISO to " + target + ": " + e,
                    List.of(), e);
        } finally {
            deleteQuietly(partial);
        }
    }

    /** Brings back the lock the build resolved, so the next local render pins the same nixpkgs. */
    private Optional<String> fetchFlakeLock(SshSession session, String dir, Path tree, EventSink events) {
        Path lock = tree.resolve(TemplateRenderer.FLAKE_LOCK);
        try {
            session.download(dir + "/" + TemplateRenderer.FLAKE_LOCK, lock, (done, total) -> { });
            return FlakeLock.nixpkgsRevision(tree);
        } catch (SshException e) {
            events.emit(LogEvent.warn("no flake.lock from " + session.describe() + " (" + e.getMessage()
                    + "); the nixpkgs revision stays unknown"));
            return Optional.empty();
        }
    }

    private void removeBuildDir(SshSession session, String dir, EventSink events) throws InterruptedException {
        try {
            List<String> output = new ArrayList<>();
            int exit = session.exec(words("rm", "-rf", "--", dir), output::add, STEP_TIMEOUT);
            if (exit != 0) {
                events.emit(LogEvent.warn("could not remove " + dir + " on " + session.describe() + ": "
                        + String.join(" ", output)));
            }
        } catch (SshException e) {
            events.emit(LogEvent.warn("could not remove " + dir + " on " + session.describe() + ": " + e.getMessage()));
        }
    }

    /** Runs a short helper command; a non-zero exit is a build failure naming the step. */
    private void step(SshSession session, String what, String command, List<String> output)
            throws IsoBuildException, InterruptedException {
        Deque<String> tail = new ArrayDeque<>();
        int exit;
        try {
            exit = session.exec(command, line -> {
                output.add(line);
                remember(tail, line);
            }, STEP_TIMEOUT);
        } catch (SshException e) {
            throw failed(e);
        }
        if (exit != 0) {
            throw new IsoBuildException(IsoBuildException.Reason.HOST_COMMAND_FAILED, what + " on "
                    + session.describe() + " failed with exit code " + exit + ": " + String.join(" / ", snapshot(tail)),
                    snapshot(tail));
        }
    }

    /** Keeps the last lines; locked because after a timeout the output threads may still be adding. */
    private static void remember(Deque<String> tail, String line) {
        synchronized (tail) {
            tail.addLast(line);
            if (tail.size() > TAIL_LINES) {
                tail.removeFirst();
            }
        }
    }

    private static List<String> snapshot(Deque<String> tail) {
        synchronized (tail) {
            return List.copyOf(tail);
        }
    }

    /** The ssh package's message names the host and ends with what to do; it is passed on whole. */
    private static IsoBuildException failed(SshException e) {
        return new IsoBuildException(IsoBuildException.Reason.OTHER, e.getMessage(), List.of(), e);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // A leftover temporary file in the output directory is harmless.
        }
    }
}
