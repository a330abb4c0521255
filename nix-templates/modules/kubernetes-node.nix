# Profile "kubernetes-node": the kernel, sysctl, container runtime and ports a kubeadm node needs.
# Nothing here applies to the "base" profile. Such an image has no swap: nixpve's configuration
# refuses image.swap with this profile (kubelet's failSwapOn and kubeadm's preflight refuse swap).
{ lib, data, ... }:
{
  config = lib.mkIf (data.profile == "kubernetes-node") {
    boot.kernelModules = [ "br_netfilter" "overlay" "ip_vs" "ip_vs_rr" "ip_vs_wrr" "ip_vs_sh" ];

    # systemd-sysctl runs after systemd-modules-load, so br_netfilter's keys exist by then.
    boot.kernel.sysctl = {
      "net.bridge.bridge-nf-call-iptables" = 1;
      "net.bridge.bridge-nf-call-ip6tables" = 1;
      "net.ipv4.ip_forward" = 1;
    };

    virtualisation.containerd.enable = true;
    # kubelet (kubeadm's default cgroupDriver is systemd) and containerd must drive cgroups the same
    # way, or pods crash-loop. containerd.nix writes a version 2 config with the CRI plugin at
    # "io.containerd.grpc.v1.cri"; these keys are the ones nixpkgs' own kubernetes module sets
    # (nixos/modules/services/cluster/kubernetes/default.nix, defaultContainerdSettings).
    virtualisation.containerd.settings.plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc = {
      runtime_type = "io.containerd.runc.v2";
      options.SystemdCgroup = true;
    };

    networking.firewall = {
      # HTTP(S) ingress, API server, etcd.
      allowedTCPPorts = [ 80 443 6443 2379 2380 ];
      # kubelet, controller manager, scheduler.
      allowedTCPPortRanges = [ { from = 10250; to = 10252; } ];
      # flannel VXLAN.
      allowedUDPPorts = [ 8472 ];
    };
  };
}
