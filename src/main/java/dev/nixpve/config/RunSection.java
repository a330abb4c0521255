package dev.nixpve.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** Validates the keys that shape a run: {@code install:}, {@code verify:}, {@code retention:}, {@code output:}. */
final class RunSection {

    private RunSection() {
    }

    static InstallSettings install(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        InstallSettings install = new InstallSettings(
                values.duration("install.timeout", Duration.ofMinutes(45)),
                values.duration("install.phaseTimeout", Duration.ofMinutes(30)),
                values.duration("install.agentGrace", Duration.ofMinutes(3)),
                values.duration("install.pollInterval", InstallSettings.MAX_POLL, Duration.ofSeconds(1),
                        InstallSettings.MAX_POLL));
        if (install.phaseTimeout().compareTo(install.timeout()) > 0) {
            throw values.raw("install.phaseTimeout").or(() -> values.raw("install.timeout")).get().error(
                    "the per-phase timeout " + install.phaseTimeout().toMinutes() + "m is longer than the whole "
                            + "install's " + install.timeout().toMinutes() + "m", "make phaseTimeout at most timeout");
        }
        return install;
    }

    static VerifySettings verify(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        return new VerifySettings(values.bool("verify.smokeTest", true),
                values.duration("verify.timeout", Duration.ofMinutes(10)));
    }

    static RetentionSettings retention(Map<String, RawValue> raw) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        return new RetentionSettings(
                values.integer("retention.templates", 3, 1, 1000, "keep at least the current template: 1 or more"),
                values.integer("retention.isos", 3, 1, 1000, "keep at least the current ISO: 1 or more"));
    }

    static Path output(Map<String, RawValue> raw, Path workingDirectory) throws ConfigException {
        SectionValues values = new SectionValues(raw);
        return values.path("output.dir").orElse(workingDirectory.resolve("out"));
    }
}
