package dev.nixpve.sim.schema;

import static dev.nixpve.sim.schema.Calls.PVE84;
import static dev.nixpve.sim.schema.Calls.PVE91;
import static dev.nixpve.sim.schema.Calls.accepted;
import static dev.nixpve.sim.schema.Calls.assertError;
import static dev.nixpve.sim.schema.Calls.create;
import static dev.nixpve.sim.schema.Calls.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** What an 8.4 server refuses that a 9.1 server accepts, and the other way round. */
class VersionDifferencesTest {

    private static final String UNDEFINED =
            "property is not defined in schema and the schema does not allow additional properties";

    @Test
    void allowKsmIsNewIn91() {
        accepted(create(PVE91, "allow-ksm=0"));
        assertError(create(PVE84, "allow-ksm=0"), "allow-ksm", UNDEFINED);
        assertError(validate(PVE84, "PUT", "/nodes/pve1/qemu/100/config", "allow-ksm=0"), "allow-ksm", UNDEFINED);
    }

    @Test
    void agentFreezeOptionWasRenamed() {
        assertEquals(Map.of("enabled", "1", "freeze-fs", "0"),
                accepted(create(PVE91, "agent=1,freeze-fs-on-backup=0")).properties("agent").orElseThrow());
        assertEquals(Map.of("enabled", "1", "freeze-fs-on-backup", "0"),
                accepted(create(PVE84, "agent=1,freeze-fs-on-backup=0")).properties("agent").orElseThrow());
        assertError(create(PVE84, "agent=1,freeze-fs=0"), "agent",
                "invalid format - invalid key in comma-separated list property: freeze-fs\n");
    }

    @Test
    void scsiDiskGeometryWasDroppedIn91() {
        accepted(create(PVE84, "scsi0=local-lvm:1,cyls=100"));
        assertError(create(PVE91, "scsi0=local-lvm:1,cyls=100"), "scsi0",
                "invalid format - invalid key in comma-separated list property: cyls\n");
    }

    @Test
    void fileReadGainedPaging() {
        String path = "/nodes/pve1/qemu/100/agent/file-read";
        accepted(validate(PVE91, "GET", path, "file=/etc/hostname", "count=100"));
        assertError(validate(PVE84, "GET", path, "file=/etc/hostname", "count=100"), "count", UNDEFINED);
        assertError(validate(PVE91, "GET", path, "file=/etc/hostname", "count=0"), "count",
                "value must have a minimum value of 1");
    }

    @Test
    void sameRulesWhereNothingChanged() {
        for (ApiSchema schema : new ApiSchema[] {PVE91, PVE84}) {
            accepted(validate(schema, "PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi0", "size=+10G"));
            accepted(validate(schema, "PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi0", "size=32G"));
            assertError(validate(schema, "PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi31", "size=1G"), "disk",
                    "value 'scsi31' does not have a value in the enumeration '" + driveEnum() + "'");
        }
    }

    private static String driveEnum() {
        StringBuilder names = new StringBuilder();
        String[][] families = {{"ide", "3"}, {"scsi", "30"}, {"virtio", "15"}, {"sata", "5"}};
        for (String[] family : families) {
            for (int i = 0; i <= Integer.parseInt(family[1]); i++) {
                names.append(family[0]).append(i).append(", ");
            }
        }
        return names.append("efidisk0, tpmstate0").toString();
    }
}
