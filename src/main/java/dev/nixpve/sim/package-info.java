/**
 * The Proxmox VE simulator: {@link dev.nixpve.sim.PveSimulator} serves PVE's API on 127.0.0.1
 * over HTTPS for the tests, {@code --demo} and {@code nixpve sim}.
 *
 * <p>Layout: {@code http} is the HTTP/1.1 server (reason phrases, keep-alive, PVE's refusals);
 * {@code api} routes, authenticates, checks parameters and permissions against the official
 * schema's facts, and renders PVE's envelopes and errors; {@code state} holds the cluster, its
 * storages, VMs and tasks, all moved by a lazy {@link dev.nixpve.sim.state.Timeline} on an
 * injected clock; {@code guest} is what runs inside a started VM (the installer, the installed
 * system, or nothing); {@code fault} the injected faults.
 *
 * <p>Known differences from PVE, on purpose: config changes to a running VM apply at once instead
 * of waiting in the pending section; there is no serial console websocket, no HA, no snapshots,
 * no backups; resize is not simulated; SDN knows VNets in zones (added with {@code addVnet}, read
 * under {@code /cluster/sdn/vnets}) but no subnets, IPAM or pending/applied states; node-local storages only (so clones stay on their node);
 * the installer's timing is a fixed share of the install duration.
 */
package dev.nixpve.sim;
