package dev.nixpve.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layout the README's "How the code is laid out" describes, pinned: a newcomer finds
 * a behaviour by its package, and each outside library stays behind the one package that wraps it.
 * Plain JUnit tests over ArchUnit's API, so Surefire's {@code -Dtest=} filter runs them like any other.
 */
class ArchitectureTest {

    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.nixpve");

    private static final DescribedPredicate<JavaClass> PRODUCT_BUT_THE_INSTALL_PROTOCOL = DescribedPredicate.describe(
            "product classes other than the install-progress protocol",
            c -> c.getPackageName().startsWith("dev.nixpve.") && !c.getPackageName().startsWith("dev.nixpve.sim")
                    && !c.getName().startsWith("dev.nixpve.monitor.InstallProgress"));

    @Test
    void noPackageCycles() {
        slices().matching("dev.nixpve.(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void onlyTheCliRunsTheSimulator() {
        noClasses()
                .that().resideOutsideOfPackages("dev.nixpve.sim..", "dev.nixpve.cli..")
                .should().dependOnClassesThat().resideInAPackage("dev.nixpve.sim..").check(PRODUCT);
    }

    @Test
    void theSimulatorKnowsOnlyTheInstallProtocol() {
        noClasses()
                .that().resideInAPackage("dev.nixpve.sim..")
                .should().dependOnClassesThat(PRODUCT_BUT_THE_INSTALL_PROTOCOL).check(PRODUCT);
    }

    /** Steps take what they need: no method or constructor in pipeline takes more than six parameters. */
    @Test
    void pipelineMethodsTakeAtMostSixParameters() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits()
                .that().areDeclaredInClassesThat().resideInAPackage("dev.nixpve.pipeline..")
                .should(new com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaCodeUnit>(
                        "take at most 6 parameters") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaCodeUnit unit,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        // javac adds the outer instance to an inner class's constructor: not a parameter anyone writes
                        int written = unit.getRawParameterTypes().size()
                                - (unit.isConstructor() && unit.getOwner().isInnerClass() ? 1 : 0);
                        if (written > 6 && !unit.getOwner().isRecord()) {
                            events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(unit,
                                    unit.getFullName() + " takes " + written + " parameters"));
                        }
                    }
                }).check(PRODUCT);
    }

    @Test
    void onlySshImportsSshj() {
        noClasses()
                .that().resideOutsideOfPackage("dev.nixpve.ssh..")
                .should().dependOnClassesThat().resideInAnyPackage("net.schmizz..", "com.hierynomus..").check(PRODUCT);
    }

    /** The Proxmox wire, and the Pushgateway client: one HTTP client library for both. */
    @Test
    void onlyTheWireAndThePushgatewayImportJersey() {
        noClasses()
                .that().resideOutsideOfPackages("dev.nixpve.proxmox.wire..", "dev.nixpve.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "org.glassfish..").check(PRODUCT);
    }

    @Test
    void onlyMetricsImportsMicrometer() {
        noClasses()
                .that().resideOutsideOfPackage("dev.nixpve.metrics..")
                .should().dependOnClassesThat().resideInAnyPackage("io.micrometer..", "io.prometheus..").check(PRODUCT);
    }
}
