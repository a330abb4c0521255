/**
 * SSH to a build host, the only package that imports sshj: {@link dev.nixpve.ssh.SshConnector}
 * connects with a strict host-key policy and key-file authentication, {@link dev.nixpve.ssh.SshSession}
 * runs commands with streamed output and moves files over SFTP. Every failure leaves this package as
 * an {@link dev.nixpve.ssh.SshException} that names the host and carries a hint.
 */
package dev.nixpve.ssh;
