package dev.nixpve.sim.schema;

import java.util.Map;
import java.util.regex.Pattern;

/** Verifiers from pve-access-control ({@code src/PVE/Auth/Plugin.pm}, {@code src/PVE/AccessControl.pm}). */
final class AccessFormats {

    private static final String USER = "[^\\s:/]+";
    private static final String REALM = "[A-Za-z][A-Za-z0-9.\\-_]+";
    private static final Pattern REALM_RE = Perl.anchored(REALM);
    private static final Pattern USERID = Perl.anchored("(" + USER + ")@(" + REALM + ")");
    private static final Pattern TOKENID = Perl.anchored("((" + USER + ")@(" + REALM + "))!(" + REALM + ")");
    private static final Pattern POOLID = Perl.anchored("[A-Za-z0-9.\\-_]+");

    private AccessFormats() {
    }

    static void register(Map<String, CodeFormat> formats) {
        formats.put("pve-realm", v -> CommonFormats.require(REALM_RE, v, "value does not look like a valid realm"));
        formats.put("pve-userid", AccessFormats::userid);
        formats.put("pve-tokenid", v -> CommonFormats.require(TOKENID, v, "value '" + v + "' does not look like a valid token ID"));
        formats.put("pve-poolid", v -> CommonFormats.require(POOLID, v, "pool name '" + v + "' contains invalid characters"));
    }

    private static void userid(String value) throws FormatException {
        String username = Perl.truthy(value) ? value : "";
        int length = username.codePointCount(0, username.length());
        CommonFormats.require(length >= 3, "user name '" + username + "' is too short");
        CommonFormats.require(length <= 64, "user name '" + username + "' is too long (" + length + " > 64)");
        CommonFormats.require(USERID, username, "value '" + username + "' does not look like a valid user name");
    }
}
