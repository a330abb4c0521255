package dev.nixpve.proxmox.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nixpve.proxmox.model.VmStatus;
import org.junit.jupiter.api.Test;

/** The same VM status as PVE 6, 7, 8 and 9 write it decodes to the same record. */
class LenientScalarsTest {

    private static JsonNode json(String text) throws Exception {
        return PveJson.mapper().readTree(text);
    }

    @Test
    void integersAsNumbersOrNumericStrings() throws Exception {
        assertEquals(100, LenientScalars.toInteger(json("100")));
        assertEquals(100, LenientScalars.toInteger(json("\"100\"")));
        assertEquals(3104L, LenientScalars.toLong(json("\" 3104 \"")));
        assertNull(LenientScalars.toInteger(json("\"\"")));
        assertNull(LenientScalars.toInteger(json("null")));
    }

    @Test
    void booleansAsZeroOneEmptyOrJson() throws Exception {
        assertTrue(LenientScalars.toBoolean(json("1")));
        assertTrue(LenientScalars.toBoolean(json("\"1\"")));
        assertTrue(LenientScalars.toBoolean(json("true")));
        assertFalse(LenientScalars.toBoolean(json("0")));
        assertFalse(LenientScalars.toBoolean(json("\"\"")));
        assertFalse(LenientScalars.toBoolean(json("false")));
        assertNull(LenientScalars.toBoolean(json("null")));
    }

    @Test
    void oneStatusInFourVersionsDecodesAlike() throws Exception {
        String pve6 = "{\"vmid\":\"9100\",\"status\":\"stopped\",\"template\":\"\",\"pid\":null,\"uptime\":\"0\"}";
        String pve7 = "{\"vmid\":9100,\"status\":\"stopped\",\"uptime\":0}";
        String pve8 = "{\"vmid\":9100,\"status\":\"stopped\",\"template\":0,\"uptime\":0,\"agent\":1,"
                + "\"proxmox-support\":{\"pbs-dirty-bitmap\":true}}";
        String pve9 = "{\"vmid\":9100,\"status\":\"stopped\",\"template\":0,\"uptime\":0,\"agent\":\"1\","
                + "\"tags\":\"nixpve;building\"}";
        for (String version : new String[] {pve6, pve7, pve8, pve9}) {
            VmStatus status = WireMapper.vmStatus(json(version), 9100);
            assertEquals(9100, status.vmid(), version);
            assertTrue(status.stopped(), version);
            assertFalse(status.template(), version);
            assertEquals(0, status.uptimeSeconds(), version);
        }
        assertTrue(WireMapper.vmStatus(json(pve9), 9100).tags().contains("building"));
    }

    @Test
    void templateFlagAsOneOrStringOne() throws Exception {
        assertTrue(WireMapper.vmStatus(json("{\"status\":\"stopped\",\"template\":1}"), 9100).template());
        assertTrue(WireMapper.vmConfig(json("{\"template\":1,\"digest\":\"d\"}")).isTemplate());
        assertEquals(9100, WireMapper.vmStatus(json("{\"status\":\"stopped\"}"), 9100).vmid());
    }

    @Test
    void listsSplitOnCommaSemicolonOrSpace() {
        assertEquals(java.util.Set.of("iso", "vztmpl", "backup"), WireMapper.splitList("iso,vztmpl backup"));
        assertEquals(java.util.Set.of("nixpve", "nixos"), WireMapper.splitList("nixpve;nixos"));
        assertEquals(java.util.Set.of(), WireMapper.splitList(""));
    }
}
