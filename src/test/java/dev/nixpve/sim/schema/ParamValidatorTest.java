package dev.nixpve.sim.schema;

import static dev.nixpve.sim.schema.Calls.accepted;
import static dev.nixpve.sim.schema.Calls.assertError;
import static dev.nixpve.sim.schema.Calls.create;
import static dev.nixpve.sim.schema.Calls.errors;
import static dev.nixpve.sim.schema.Calls.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The messages of pve-common's JSONSchema.pm, as a 400 response's "errors" carries them. */
class ParamValidatorTest {

    @Test
    void unknownParameter() {
        assertError(create("foo=1"), "foo",
                "property is not defined in schema and the schema does not allow additional properties");
    }

    @Test
    void missingRequiredParameter() {
        assertError(validate("POST", "/nodes/pve1/qemu/100/clone"), "newid", "property is missing and it is not optional");
    }

    @Test
    void integerTypeCheck() {
        assertError(create("cores=abc"), "cores", "type check ('integer') failed - got 'abc'");
        assertError(create("cores=1.5"), "cores", "type check ('integer') failed - got '1.5'");
        assertEquals(Optional.of(4L), accepted(create("cores=+04")).integer("cores"));
    }

    @Test
    void numberTypeCheck() {
        assertError(create("cpulimit=lots"), "cpulimit", "type check ('number') failed - got 'lots'");
        assertEquals(Optional.of(0.5), accepted(create("cpulimit=.5")).number("cpulimit"));
    }

    /** check_type accepts exactly "1" and "0"; its 1|true|yes|on regex is commented out in the source. */
    @Test
    void formBooleansAreOnlyOneAndZero() {
        assertEquals(Optional.of(true), accepted(create("onboot=1")).bool("onboot"));
        assertEquals(Optional.of(false), accepted(create("onboot=0")).bool("onboot"));
        for (String spelling : List.of("true", "false", "yes", "on", "TRUE", "")) {
            assertError(create("onboot=" + spelling), "onboot", "type check ('boolean') failed - got '" + spelling + "'");
        }
    }

    @Test
    void minimumAndMaximum() {
        assertError(create("cores=0"), "cores", "value must have a minimum value of 1");
        assertError(create("cpulimit=128.5"), "cpulimit", "value must have a maximum value of 128");
        assertError(validate("DELETE", "/nodes/pve1/storage/local/content/local:iso/a.iso", "delay=31"),
                "delay", "value must have a maximum value of 30");
        // clone's bwlimit minimum is the string "0" in the schema
        assertError(validate("POST", "/nodes/pve1/qemu/100/clone", "newid=101", "bwlimit=-1"),
                "bwlimit", "value must have a minimum value of 0");
    }

    @Test
    void enumeration() {
        assertError(validate("GET", "/cluster/resources", "type=x"), "type",
                "value 'x' does not have a value in the enumeration 'vm, storage, node, sdn'");
    }

    @Test
    void pattern() {
        assertError(create("serial0=ttyS0"), "serial0", "value does not match the regex pattern");
        assertError(validate("PUT", "/nodes/pve1/qemu/100/resize", "disk=scsi0", "size=10X"),
                "size", "value does not match the regex pattern");
    }

    /** The schema writes some patterns as stringified Perl qr// objects: (?^:...). */
    @Test
    void perlQrPatterns() {
        accepted(validate("GET", "/access/permissions", "userid=nixpve@pve!ci"));
        accepted(validate("GET", "/access/permissions", "userid=root@pam"));
        assertError(validate("GET", "/access/permissions", "userid=root"), "userid", "value does not match the regex pattern");
    }

    @Test
    void maxLength() {
        assertError(create("description=" + "x".repeat(8193)), "description", "value may only be 8192 characters long");
        accepted(create("description=" + "ü".repeat(8192)));
    }

    @Test
    void invalidFormatCarriesTheVerifierMessage() {
        assertError(create("name=my_vm"), "name", "invalid format - value does not look like a valid DNS name\n");
    }

    @Test
    void requiresNamesTheMissingProperty() {
        assertError(validate("PUT", "/nodes/pve1/qemu/100/config", "force=1"), "delete",
                "missing property - 'force' requires this property");
        assertError(validate("POST", "/nodes/pve1/storage/local/upload", "content=iso", "filename=a.iso", "checksum=ab"),
                "checksum-algorithm", "missing property - 'checksum' requires this property");
    }

    @Test
    void aKeySentTwiceIsAnArray() {
        assertError(create("cores=1", "cores=2"), "cores", "type check ('integer') failed - got ARRAY");
        assertError(create("name=a", "name=b"), "name", "type check ('string') failed - got ARRAY");
    }

    @Test
    void everyFailingParameterIsReported() {
        assertEquals(Map.of(
                        "cores", "value must have a minimum value of 1",
                        "foo", "property is not defined in schema and the schema does not allow additional properties",
                        "onboot", "type check ('boolean') failed - got 'yes'"),
                errors(create("cores=0", "onboot=yes", "foo=bar")));
    }

    @Test
    void twoMessagesForOnePathAreJoinedWithALiteralBackslashN() {
        ValidationErrors errors = new ValidationErrors();
        errors.add("a", "first");
        errors.add("a", "second");
        errors.add("", "top");
        assertEquals(Map.of("a", "first\\nsecond", "_root", "top"), errors.asMap());
    }

    @Test
    void pathVariablesAreValidatedAsParameters() {
        assertError(validate("GET", "/nodes/pve1/qemu/abc/config"), "vmid", "type check ('integer') failed - got 'abc'");
        // pve-vmid's format check runs before the minimum check and already refuses 99
        assertError(validate("GET", "/nodes/pve1/qemu/99/config"), "vmid",
                "invalid format - value does not look like a valid VM ID\n");
        assertError(validate("GET", "/nodes/pve_1/qemu/100/config"), "node",
                "invalid format - value does not look like a valid node name\n");
        assertError(validate("GET", "/nodes/pve1/storage/bad$id/status"), "storage",
                "invalid format - storage ID 'bad$id' contains illegal characters\n");
    }

    @Test
    void aBodyValueContradictingThePathIsRefusedAlone() {
        assertError(validate("POST", "/nodes/pve1/qemu/100/config", "node=pve2", "cores=abc"),
                "node", ParamValidator.CONFLICT);
        assertError(validate("POST", "/nodes/pve1/qemu/100/config", "vmid=100", "vmid=100"),
                "vmid", ParamValidator.CONFLICT);
        accepted(validate("POST", "/nodes/pve1/qemu/100/config", "node=pve1", "vmid=100"));
    }

    @Test
    void acceptedValuesAreTyped() {
        ValidatedParams params = accepted(validate("POST", "/nodes/pve1/qemu/9100/config",
                "cores=2", "onboot=1", "delete=ide2,net1;unused0", "net0=virtio,bridge=vmbr0"));
        assertEquals(Optional.of(9100L), params.integer("vmid"));
        assertEquals(Optional.of("pve1"), params.string("node"));
        assertEquals(Optional.of(2L), params.integer("cores"));
        assertEquals(Optional.of(true), params.bool("onboot"));
        assertEquals(List.of("ide2", "net1", "unused0"), params.list("delete"));
        assertEquals(Optional.of(Map.of("model", "virtio", "bridge", "vmbr0")), params.properties("net0"));
        assertEquals(Optional.of("ide2,net1;unused0"), params.string("delete"));
    }
}
