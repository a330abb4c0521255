"""Reads the simulator through proxmoxer as a homelab script would, then uploads an ISO.

Arguments: host port token_name token_secret node vmid iso_path. Prints one JSON object of what it read.
"""
import json
import sys
import time

from proxmoxer import ProxmoxAPI

host, port, token_name, token_secret, node, vmid, iso = sys.argv[1:8]
pve = ProxmoxAPI(host, port=int(port), user="root@pam", token_name=token_name, token_value=token_secret,
                 verify_ssl=False)

read = {
    "version": pve.version.get(),
    "nodes": [n["node"] for n in pve.nodes.get()],
    "resources": pve.cluster.resources.get(type="vm"),
    "config": pve.nodes(node).qemu(vmid).config.get(),
    "status": pve.nodes(node).qemu(vmid).status.current.get(),
    "tasks": pve.nodes(node).tasks.get(limit=2, typefilter="qmstart"),
    "storages": [s["storage"] for s in pve.nodes(node).storage.get(content="iso")],
}
with open(iso, "rb") as image:
    upid = pve.nodes(node).storage("local").upload.post(content="iso", filename=image)
for _ in range(600):
    status = pve.nodes(node).tasks(upid).status.get()
    if status["status"] == "stopped":
        break
    time.sleep(0.05)
read["upload"] = status
read["content"] = [v["volid"] for v in pve.nodes(node).storage("local").content.get(content="iso")]
print(json.dumps(read))
