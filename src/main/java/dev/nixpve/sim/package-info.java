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
 * under {@code /cluster/sdn/vnets}) but no subnets, IPAM or pending/applied states; no
 * migration (a VM reaches another node only as a clone with {@code target}); without quorum,
 * create, start and clone are refused (check_cfs_quorum), config writes, templating and destroy's
 * last step fail as on a read-only /etc/pve, and other writes (uploads, storage) still succeed; the
 * installer's timing is a fixed share of the install
 * duration. Uploads: the receiving node is always the first one; the untrusted-image check on ISO
 * uploads knows qcow2 backing and data files but not VMDK extents; a {@code tmpfilename} query
 * parameter on an upload with a body is ignored (pveproxy dies in its header callback then, and
 * never answers).
 *
 * <p>Storage types are {@code dir}, {@code nfs}, {@code lvm}, {@code lvmthin} and {@code rbd}, each
 * naming disks and refusing template/linked-clone work as its pve-storage plugin does (see
 * {@link dev.nixpve.sim.state.StorageKind}); a fresh node has {@code local} (dir, no images) and
 * {@code local-lvm} (lvmthin), others are added with {@code SimNode.addStorage}. Shared storages
 * ({@link dev.nixpve.sim.state.SharedStorageSpec}: nfs, rbd, or dir and lvm with {@code shared 1})
 * are one instance held by every node they are available on, so their content is one; storage.cfg
 * as a whole is {@link dev.nixpve.sim.state.StorageConfig}. Every shared storage is 1 TiB, and its
 * allocation failures still read as LVM's. The simulator remembers a thin clone's origin for space
 * accounting, which PVE leaves to LVM and never shows.
 *
 * <p>Read-only clients (Ansible's proxmox inventory, proxmoxer) find every GET of the schema under
 * /version, /cluster, /nodes/{node} (status, network, storage, tasks, qemu, lxc), /storage, /pools
 * and /access answered in PVE's shape: directory indexes list the schema's children; what the
 * simulator never holds (containers, pools, snapshots besides {@code current}, replication and
 * backup jobs, HA resources, firewall rules, metric servers, mappings, ACME accounts, Ceph) reads
 * as a fresh cluster's empty list, or as PVE's error for one asked for by name; the built-in roles,
 * realms, notification target and matcher are there. The network lists vmbr0 first, holding the
 * node's address on 192.168.77.0/24 ({@link dev.nixpve.sim.state.SimLan}); PVE's order is Perl
 * hash order. Three GETs answer 501 on purpose: {@code /cluster/jobs/schedule-analyze} (it would
 * need systemd's calendar-event grammar), {@code /nodes/{node}/qemu/{vmid}/vncwebsocket} and
 * {@code /nodes/{node}/qemu/{vmid}/mtunnelwebsocket} (websocket upgrades; there is no console or
 * migration tunnel). The ACL lists no entries (tokens added with their own privileges keep them
 * apart from user.cfg); RRD data is made up, steady figures at PVE's resolutions.
 *
 * <p>A node taken down by {@code node-offline} loses power: its guests stop and its workers die
 * unfinished; the simulator does not fence, restart guests (no HA) or replay the node's task list
 * when it comes back, and the 595 comes at once where pveproxy waits for the connection to fail.
 */
package dev.nixpve.sim;
