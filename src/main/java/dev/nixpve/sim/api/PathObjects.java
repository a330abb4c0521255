package dev.nixpve.sim.api;

import dev.nixpve.sim.http.PveError;

/**
 * The objects a path names must exist before anything else is read, as PVE's handlers load them
 * first: the node (pveproxy's proxy lookup), a VM's config (load_config), a container's config,
 * a storage. Only what the simulator holds is checked; other ids are the handler's own business.
 */
final class PathObjects {

    private PathObjects() {
    }

    static void require(ApiContext context, Call call) {
        if (call.node() != null) {
            context.cluster().requireNode(call.node());
        }
        String template = call.template();
        if (template.startsWith("/nodes/{node}/qemu/{vmid}")) {
            context.cluster().requireVm(call.node(), call.vmid());
        }
        if (template.startsWith("/nodes/{node}/lxc/{vmid}")) {
            throw noContainer(call);
        }
        if (template.startsWith("/nodes/{node}/storage/{storage}")) {
            context.cluster().requireStorage(call.node(), call.path("storage"));
        }
    }

    /** The simulator has no containers: pve-container's load_config finds no config file. */
    static PveError noContainer(Call call) {
        return PveError.server("Configuration file 'nodes/" + call.node() + "/lxc/" + call.path("vmid")
                + ".conf' does not exist\n");
    }
}
