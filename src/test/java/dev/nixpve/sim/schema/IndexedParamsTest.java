package dev.nixpve.sim.schema;

import static dev.nixpve.sim.schema.Calls.PVE84;
import static dev.nixpve.sim.schema.Calls.PVE91;
import static dev.nixpve.sim.schema.Calls.accepted;
import static dev.nixpve.sim.schema.Calls.assertError;
import static dev.nixpve.sim.schema.Calls.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** PVE defines scsi0..scsi30 one by one: the first index past a family's end is an unknown parameter. */
class IndexedParamsTest {

    private static final String UNDEFINED =
            "property is not defined in schema and the schema does not allow additional properties";

    @ParameterizedTest(name = "{0}{1} is the last, {0}{2} is unknown")
    @CsvSource({
        "scsi, 30, 31, local-lvm:1",
        "ide, 3, 4, none,media=cdrom",
        "sata, 5, 6, local-lvm:1",
        "virtio, 15, 16, local-lvm:1",
        "net, 31, 32, virtio,bridge=vmbr0",
        "ipconfig, 31, 32, ip=dhcp",
        "serial, 3, 4, socket",
        "parallel, 2, 3, /dev/parport0",
        "unused, 255, 256, local-lvm:vm-100-disk-1",
        "usb, 13, 14, spice",
        "numa, 7, 8, cpus=0",
        "virtiofs, 9, 10, share",
    })
    void familyEnds(String family, int last, int beyond, String value) {
        for (ApiSchema schema : new ApiSchema[] {PVE91, PVE84}) {
            assertEquals(last, schema.indexMax(family));
            accepted(create(schema, family + last + "=" + value));
            assertError(create(schema, family + beyond + "=" + value), family + beyond, UNDEFINED);
        }
    }

    @Test
    void hostpciEndsAt15() {
        assertEquals(15, PVE91.indexMax("hostpci"));
        assertError(create("hostpci16=0000:01:00.0"), "hostpci16", UNDEFINED);
    }

    @Test
    void onlyCanonicalNumbersAreKeys() {
        assertError(create("scsi01=local-lvm:1"), "scsi01", UNDEFINED);
        assertError(create("scsi[n]=local-lvm:1"), "scsi[n]", UNDEFINED);
        assertError(create("scsi=local-lvm:1"), "scsi", UNDEFINED);
    }

    @Test
    void membersAreCheckedLikeAnyParameter() {
        assertError(create("scsi30=size=1G"), "scsi30",
                "invalid format - format error\nscsi30.file: property is missing and it is not optional\n");
    }
}
