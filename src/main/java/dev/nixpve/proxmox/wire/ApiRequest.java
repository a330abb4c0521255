package dev.nixpve.proxmox.wire;

import dev.nixpve.proxmox.model.PveParams;
import dev.nixpve.proxmox.model.ResourceRef;

/**
 * One API call. GET and DELETE carry parameters only in the query string (PVE answers 501 to a
 * body on them); POST and PUT send a form body. {@code path} is below {@code /api2/json}, already
 * encoded ({@link ApiPath}).
 */
public record ApiRequest(String method, String path, PveParams query, PveParams form, ResourceRef resource) {

    public ApiRequest {
        if ((method.equals("GET") || method.equals("DELETE")) && !form.isEmpty()) {
            throw new IllegalArgumentException(method + " must not carry a body; put parameters in the query");
        }
    }

    public static ApiRequest get(String path, ResourceRef resource) {
        return new ApiRequest("GET", path, PveParams.of(), PveParams.of(), resource);
    }

    public static ApiRequest get(String path, PveParams query, ResourceRef resource) {
        return new ApiRequest("GET", path, query, PveParams.of(), resource);
    }

    public static ApiRequest post(String path, PveParams form, ResourceRef resource) {
        return new ApiRequest("POST", path, PveParams.of(), form, resource);
    }

    public static ApiRequest put(String path, PveParams form, ResourceRef resource) {
        return new ApiRequest("PUT", path, PveParams.of(), form, resource);
    }

    public static ApiRequest delete(String path, PveParams query, ResourceRef resource) {
        return new ApiRequest("DELETE", path, query, PveParams.of(), resource);
    }

    /** Calls that can be repeated without a second effect. */
    public boolean idempotent() {
        return method.equals("GET");
    }

    /** "GET /nodes/pve1/qemu/100/config": how errors and logs name the call. */
    public String operation() {
        return method + " " + path;
    }
}
