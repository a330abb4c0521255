package dev.nixpve.pipeline.steps;

import dev.nixpve.nix.BuildIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * An ISO given with {@code --iso}: its sha256 is the build id, and its volume id must carry a
 * nixpve build token ({@code NIXPVE_<TOKEN>}), since the installer's guard only wipes a VM whose
 * SMBIOS serial equals that token.
 */
public final class PrebuiltIso {

    private PrebuiltIso() {
    }

    public static InstallerImage identify(Path iso) throws StepFailure, IOException {
        if (!Files.isRegularFile(iso)) {
            throw new StepFailure(StepFailure.Reason.NOT_A_NIXPVE_ISO, iso + " (--iso) does not exist or is not a file");
        }
        Optional<String> volumeId = IsoFiles.volumeId(iso);
        if (volumeId.isEmpty()) {
            throw new StepFailure(StepFailure.Reason.NOT_A_NIXPVE_ISO, iso + " (--iso) is not an ISO 9660 image");
        }
        String id = volumeId.get();
        String token = id.startsWith(BuildIdentity.VOLUME_PREFIX)
                ? id.substring(BuildIdentity.VOLUME_PREFIX.length()).toLowerCase(Locale.ROOT) : "";
        if (!token.matches("[0-9a-f]{" + BuildIdentity.TOKEN_LENGTH + "}")) {
            throw new StepFailure(StepFailure.Reason.NOT_A_NIXPVE_ISO, iso + " (--iso) is not a nixpve installer: its volume id is '" + id + "', not "
                    + BuildIdentity.VOLUME_PREFIX + "<build token>");
        }
        String sha256 = IsoFiles.sha256(iso);
        return new InstallerImage(iso, sha256, Files.size(iso), sha256, token, Optional.empty(),
                "prebuilt ISO " + iso.getFileName());
    }
}
