package dev.nixpve.nix;

import dev.nixpve.config.NixpveConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Renders the build tree: the template files as listed, {@value ImageData#FILE_NAME} with every
 * configured value, and {@value BuildIdentity#FILE_NAME} with the build id over both. Values reach
 * Nix only as that JSON; the one textual substitution is the nixpkgs branch into flake.nix, because
 * flake inputs must be literals, and it is checked against {@code nixos-NN.NN} right here.
 */
public final class TemplateRenderer {

    public static final String FLAKE = "flake.nix";
    public static final String FLAKE_LOCK = "flake.lock";
    public static final String BRANCH_PLACEHOLDER = "@NIXPKGS_BRANCH@";
    private static final Pattern BRANCH = Pattern.compile("nixos-\\d\\d\\.\\d\\d");

    private final TemplateSource templates;
    private final Clock clock;
    private final String nixpveVersion;

    public TemplateRenderer(TemplateSource templates, Clock clock, String nixpveVersion) {
        this.templates = templates;
        this.clock = clock;
        this.nixpveVersion = nixpveVersion;
    }

    public RenderedTree render(NixpveConfig config, Path outDir) throws RenderException {
        return render(ImageDataMapper.map(config), outDir);
    }

    /** Everything is read and checked before the directory is touched, so a refusal writes nothing. */
    public RenderedTree render(ImageData data, Path outDir) throws RenderException {
        Map<String, byte[]> files = templateFiles(data.nixpkgsBranch());
        byte[] imageData = NixJson.canonical(data);
        Path dir = outDir.toAbsolutePath().normalize();
        RenderDirectory.prepare(dir);
        try {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                write(dir.resolve(file.getKey()), file.getValue());
            }
            write(dir.resolve(ImageData.FILE_NAME), imageData);
            String buildId = BuildId.of(dir, files.keySet());
            String token = BuildIdentity.tokenFor(buildId);
            BuildIdentity identity = new BuildIdentity(buildId, token, BuildIdentity.volumeIdFor(token),
                    clock.instant(), nixpveVersion);
            write(dir.resolve(BuildIdentity.FILE_NAME), NixJson.canonical(identity));
            return new RenderedTree(dir, identity);
        } catch (IOException e) {
            throw RenderException.failed(RenderException.Reason.TREE_UNWRITABLE, "cannot write the build tree " + dir
                    + ": " + e, e);
        }
    }

    private Map<String, byte[]> templateFiles(String branch) throws RenderException {
        if (branch == null || !BRANCH.matcher(branch).matches()) {
            throw RenderException.refused(RenderException.Reason.BAD_NIXPKGS_BRANCH, "image.nixpkgs: '" + branch
                    + "' is not a NixOS release branch");
        }
        Map<String, byte[]> files = new LinkedHashMap<>();
        String current = TemplateSource.MANIFEST;
        try {
            for (String file : templates.files()) {
                current = file;
                files.put(file, templates.read(file));
            }
        } catch (NoSuchFileException e) {
            throw RenderException.refused(RenderException.Reason.TEMPLATES_INCOMPLETE, "the template set "
                    + templates.describe() + " lists " + current + " but has no such file");
        } catch (IOException e) {
            throw RenderException.failed(RenderException.Reason.TEMPLATES_UNREADABLE, "cannot read " + current
                    + " from " + templates.describe() + ": " + e, e);
        }
        byte[] flake = files.get(FLAKE);
        if (flake == null) {
            throw RenderException.refused(RenderException.Reason.TEMPLATES_INCOMPLETE, "the template set "
                    + templates.describe() + " lists no " + FLAKE);
        }
        String text = new String(flake, StandardCharsets.UTF_8);
        if (!text.contains(BRANCH_PLACEHOLDER)) {
            throw RenderException.refused(RenderException.Reason.TEMPLATES_BROKEN, FLAKE + " in "
                    + templates.describe() + " has no " + BRANCH_PLACEHOLDER + " placeholder for the nixpkgs branch");
        }
        files.put(FLAKE, text.replace(BRANCH_PLACEHOLDER, branch).getBytes(StandardCharsets.UTF_8));
        return files;
    }

    /** Via a temporary file and a rename, so an interrupted render never leaves a truncated file. */
    private static void write(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".part");
        Files.write(partial, bytes);
        if (file.getFileName().toString().endsWith(".sh")
                && FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
