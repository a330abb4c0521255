package dev.nixpve.config;

import java.time.Duration;

/** The smoke test: clone the new template, boot it, wait for an IPv4 from the guest agent, destroy it. */
public record VerifySettings(boolean smokeTest, Duration timeout) {

    /** VMIDs one run takes: the installer VM (which becomes the template), and the smoke-test clone. */
    public int vmidsPerRun() {
        return smokeTest ? 2 : 1;
    }
}
