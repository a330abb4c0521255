package dev.nixpve.pipeline.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nixpve.proxmox.model.Tags;
import org.junit.jupiter.api.Test;

class TemplateStatusTest {

    @Test
    void onlyTheMarkWrittenLastMakesATemplateVerified() {
        assertEquals(TemplateStatus.VERIFIED, TemplateStatus.of(Tags.parse("nixpve;build-1;run-0123456789ab;verified")));
        assertEquals(TemplateStatus.UNVERIFIED, TemplateStatus.of(Tags.parse("nixpve;build-1;run-0123456789ab")));
        assertEquals(TemplateStatus.FAILED, TemplateStatus.of(Tags.parse("nixpve;build-1;run-0123456789ab;failed")));
        assertEquals(TemplateStatus.LEGACY, TemplateStatus.of(Tags.parse("nixpve;build-1")));
    }
}
