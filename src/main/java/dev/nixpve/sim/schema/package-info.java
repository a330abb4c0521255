/**
 * Request parameter validation for the PVE simulator, answering exactly as PVE 9.1 or 8.4 would.
 *
 * <p>The facts come from the official API dump, reduced by {@code scripts/derive-pve-schema} to the
 * resource {@code dev/nixpve/sim/pve-api-params.json} (see the README beside it); the behaviour is a
 * port of pve-common's {@code PVE::JSONSchema} with formats from pve-common, pve-storage,
 * pve-access-control and qemu-server. The HTTP layer calls {@link dev.nixpve.sim.schema.ApiSchema}:
 * {@code match(method, path)} to find the endpoint and its path variables, then
 * {@code validate(match, params)} for either typed values or the 400 error map.
 *
 * <ul>
 *   <li>{@code ApiSchema}, {@code EndpointSchema}, {@code ParamSchema}, {@code PropertyFormat}: the
 *       schema of one version as records; {@code SchemaResource} and {@code SchemaJson} read it.</li>
 *   <li>{@code PathTemplate}, {@code EndpointMatch}: path to endpoint and path variables.</li>
 *   <li>{@code ParamValidator}, {@code SchemaCheck}: the URI conflict check, then check_object and
 *       check_prop; {@code Validation}, {@code ValidatedParams}, {@code ValidationErrors} are results.</li>
 *   <li>{@code NamedFormats} with {@code CommonFormats}, {@code StorageFormats},
 *       {@code AccessFormats}, {@code QemuFormats}: the registered formats;
 *       {@code PropertyString} parses {@code key=value,...} strings; {@code IndexedKeys} knows which
 *       keys the {@code [n]} families stand for; {@code Perl} holds the Perl semantics they share.</li>
 * </ul>
 */
package dev.nixpve.sim.schema;
