package dev.nixpve.sim.state;

/**
 * What a VM runs once started, chosen from its boot devices. The guests live in their own package
 * and depend on the state; the state knows them only through this.
 */
@FunctionalInterface
public interface GuestBoot {

    Guest boot(SimVm vm, SimTask task);
}
