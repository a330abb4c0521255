package dev.nixpve.nix;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * Packs a rendered tree as tar.gz for a remote build: entries in path order with their permission
 * bits (the install script must stay executable), owner 0:0 and one fixed time, so the same tree
 * gives the same bytes. Nix out-links ({@code result}, {@code result-*} symlinks at the top) are
 * left out: they point into this machine's store. Other symlinks are kept as symlinks.
 */
final class TreeArchive {

    /** 1980-01-01, the date reproducible-build tools use where a real one would only add noise. */
    static final FileTime FIXED_TIME = FileTime.from(Instant.parse("1980-01-01T00:00:00Z"));
    private static final Pattern OUT_LINK = Pattern.compile("result(-.*)?");

    private TreeArchive() {
    }

    static void write(Path tree, Path archive) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(tree)) {
            paths = walk.filter(p -> !p.equals(tree)).filter(p -> !isOutLink(tree, p))
                    .sorted(Comparator.comparing(p -> entryName(tree, p))).toList();
        }
        try (OutputStream file = Files.newOutputStream(archive);
             GzipCompressorOutputStream gzip = new GzipCompressorOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Path path : paths) {
                add(tar, tree, path);
            }
            tar.finish();
        }
    }

    static boolean isOutLink(Path tree, Path path) {
        return path.getParent().equals(tree) && Files.isSymbolicLink(path)
                && OUT_LINK.matcher(path.getFileName().toString()).matches();
    }

    private static void add(TarArchiveOutputStream tar, Path tree, Path path) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String name = entryName(tree, path);
        TarArchiveEntry entry;
        if (attributes.isSymbolicLink()) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
            entry.setMode(0120777);
        } else if (attributes.isDirectory()) {
            entry = new TarArchiveEntry(name + "/");
            entry.setMode(0040000 | mode(attributes.permissions()));
        } else if (attributes.isRegularFile()) {
            entry = new TarArchiveEntry(name);
            entry.setMode(0100000 | mode(attributes.permissions()));
            entry.setSize(attributes.size());
        } else {
            throw new IOException(path + " is neither a file, a directory nor a symlink; the build tree holds only those");
        }
        entry.setIds(0, 0);
        entry.setUserName("");
        entry.setGroupName("");
        entry.setModTime(FIXED_TIME);
        tar.putArchiveEntry(entry);
        if (attributes.isRegularFile()) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    /** Path inside the archive, '/'-separated whatever the local separator. */
    private static String entryName(Path tree, Path path) {
        return tree.relativize(path).toString().replace(path.getFileSystem().getSeparator(), "/");
    }

    static int mode(Set<PosixFilePermission> permissions) {
        int mode = 0;
        for (PosixFilePermission permission : permissions) {
            // The enum runs OWNER_READ .. OTHERS_EXECUTE, i.e. from bit 8 down to bit 0.
            mode |= 1 << (8 - permission.ordinal());
        }
        return mode;
    }
}
