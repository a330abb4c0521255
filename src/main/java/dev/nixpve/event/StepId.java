package dev.nixpve.event;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The steps of a run, in the order the build-and-deploy recipe takes them. Events, the build
 * report, the journal and metrics name a step by its id; no step name is written anywhere else.
 */
public enum StepId {
    PREFLIGHT("preflight"),
    RECOVER("recover"),
    RENDER("render"),
    BUILD_ISO("build-iso"),
    UPLOAD("upload"),
    CREATE_VM("create-vm"),
    START("start"),
    INSTALL("install"),
    FINALIZE("finalize"),
    SMOKE_TEST("smoke-test"),
    RETENTION("retention"),
    PUBLISH("publish");

    private final String id;

    StepId(String id) {
        this.id = id;
    }

    /** The stable name: "build-iso", "smoke-test". */
    @JsonValue
    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
