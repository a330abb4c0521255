package dev.nixpve.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.function.Consumer;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.sftp.OpenMode;
import net.schmizz.sshj.sftp.RemoteFile;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.xfer.FileSystemFile;

/**
 * An authenticated connection to a build host: runs commands with their output streamed line by
 * line, and moves files over SFTP. Remote paths relative to nothing are relative to the login's
 * home, for commands and SFTP alike. Not for concurrent use.
 */
public final class SshSession implements AutoCloseable {

    private static final int READ_AHEAD_REQUESTS = 16;
    private static final long PROGRESS_STEP = 1L << 20;

    private final SSHClient client;
    private final String host;
    private final int port;
    private final String where;
    private SFTPClient sftp;

    SshSession(SSHClient client, String host, int port, String where) {
        this.client = client;
        this.host = host;
        this.port = port;
        this.where = where;
    }

    /** {@code ssh://user@host:port}, for messages. */
    public String describe() {
        return where;
    }

    public String host() {
        return host;
    }

    /**
     * Runs {@code command} in the login shell, passes each stdout and stderr line to {@code lines}
     * (one line at a time, never concurrently) and returns the exit code, or -1 when the command
     * ended by a signal. On timeout the command is sent SIGTERM and the channel closed.
     */
    public int exec(String command, Consumer<String> lines, Duration timeout) throws SshException, InterruptedException {
        return new RemoteCommand(client, command, lines, timeout, this::failure).run();
    }

    /** Creates the directory and its parents; existing ones are fine. */
    public void mkdirs(String remotePath) throws SshException {
        try {
            sftp().mkdirs(remotePath);
        } catch (IOException e) {
            throw failure(SshException.Kind.TRANSFER, "cannot create the directory " + remotePath + ": " + e.getMessage(),
                    "check that the login may write there (build.remoteDir)", e);
        }
    }

    public void upload(Path localFile, String remotePath) throws SshException {
        try {
            sftp().put(new FileSystemFile(localFile.toFile()), remotePath);
        } catch (IOException e) {
            throw failure(SshException.Kind.TRANSFER, "SFTP upload of " + localFile + " to " + remotePath + " failed: "
                    + e.getMessage(), "check free disk space and permissions on the build host", e);
        }
    }

    /** Writes the remote file to {@code localFile} (replacing it), hashing while writing. */
    public Download download(String remotePath, Path localFile, TransferProgress progress) throws SshException {
        MessageDigest sha256 = sha256();
        long done = 0;
        try (RemoteFile remote = sftp().open(remotePath, EnumSet.of(OpenMode.READ));
             InputStream in = remote.new ReadAheadRemoteFileInputStream(READ_AHEAD_REQUESTS);
             OutputStream out = Files.newOutputStream(localFile)) {
            long total = remote.length();
            progress.update(0, total);
            long reported = 0;
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                sha256.update(buffer, 0, n);
                done += n;
                if (done - reported >= PROGRESS_STEP) {
                    progress.update(done, total);
                    reported = done;
                }
            }
            if (reported != done) {
                progress.update(done, total);
            }
        } catch (IOException e) {
            throw failure(SshException.Kind.TRANSFER, "SFTP download of " + remotePath + " to " + localFile + " failed after "
                    + done + " bytes: " + e.getMessage(), "check free disk space here and that the file exists there", e);
        }
        return new Download(done, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public void close() {
        try {
            if (sftp != null) {
                sftp.close();
            }
        } catch (IOException ignored) {
            // Disconnecting below ends the subsystem anyway.
        }
        try {
            client.close();
        } catch (IOException ignored) {
            // Nothing left to do with a connection that will not close cleanly.
        }
    }

    private SFTPClient sftp() throws IOException {
        if (sftp == null) {
            sftp = client.newSFTPClient();
        }
        return sftp;
    }

    private SshException failure(SshException.Kind kind, String what, String hint, Throwable cause) {
        return new SshException(kind, host, port, where + ": " + what, hint, cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
