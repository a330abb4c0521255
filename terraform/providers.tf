# The endpoint and the credentials come from the environment nixpve reads too, so no secret is
# ever written here: PROXMOX_VE_ENDPOINT, and PROXMOX_VE_API_TOKEN or PROXMOX_VE_USERNAME with
# PROXMOX_VE_PASSWORD. The provider cannot pin a fingerprint (PROXMOX_VE_FINGERPRINT is nixpve's
# alone): trust the cluster CA with SSL_CERT_FILE=pve-root-ca.pem, or set proxmox_insecure.
provider "proxmox" {
  # null leaves the choice to PROXMOX_VE_INSECURE.
  insecure = var.proxmox_insecure
}
