package dev.nixpve.sim.state;

import dev.nixpve.sim.http.PveError;
import java.util.List;

/**
 * How pve-storage's upload method (PVE/API2/Storage/Status.pm) moves the spooled file into place:
 * {@code cp} on the node that received the upload, {@code scp} to any other node after activating
 * the storage there over ssh, which is where an offline target node fails (once the body is in).
 * The receiving node is the first one, as pveproxy on it answers the simulator's API.
 */
record UploadCopy(String command) {

    static UploadCopy to(SimCluster cluster, String node, String storage, String spooled, String target) {
        List<SimNode> nodes = cluster.nodes();
        if (nodes.get(0).name().equals(node)) {
            return new UploadCopy("cp -- " + spooled + " " + target);
        }
        SimNode remote = cluster.requireNode(node);
        // the address the cluster status reports for the node
        String ip = "127.0.0." + (nodes.indexOf(remote) + 1);
        String sshOptions = "-o BatchMode=yes -o HostKeyAlias=" + node + " -o UserKnownHostsFile=/etc/pve/nodes/"
                + node + "/ssh_known_hosts -o GlobalKnownHostsFile=none";
        if (!remote.online()) {
            throw PveError.server("can't activate storage '" + storage + "' on node '" + node + "': command '"
                    + "/usr/bin/ssh " + sshOptions + " " + ip + " -- /usr/sbin/pvesm status --storage " + storage
                    + "' failed: exit code 255\n\n");
        }
        return new UploadCopy("/usr/bin/scp " + sshOptions + " -p -- " + spooled + " [" + ip + "]:" + target);
    }
}
