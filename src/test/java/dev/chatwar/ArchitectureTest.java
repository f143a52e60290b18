package dev.chatwar;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import jakarta.servlet.annotation.WebFilter;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ext.Provider;

/**
 * The shape of the code, checked on every build: features that do not import each other in a circle, shared
 * value types that depend on nothing of ours, and the boundaries (the WebSocket endpoint, the JAX-RS
 * resources, the handshake filter) at the edge, where nothing imports them.
 */
@AnalyzeClasses(packages = "dev.chatwar", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noImportCycleBetweenPackages = slices().matching("dev.chatwar.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theBaseValuesDependOnNoOtherPackageOfOurs = noClasses()
            .that().resideInAPackage("dev.chatwar.base..")
            .should().dependOnClassesThat().resideOutsideOfPackages("dev.chatwar.base..", "java..", "jakarta..");

    @ArchTest
    static final ArchRule nothingImportsABoundary = noClasses()
            .that().resideOutsideOfPackage("dev.chatwar.boundary..")
            .should().dependOnClassesThat().resideInAPackage("dev.chatwar.boundary..");

    @ArchTest
    static final ArchRule endpointsResourcesAndFiltersAreBoundaries = classes()
            .that().areAnnotatedWith(ServerEndpoint.class).or().areAnnotatedWith(Path.class)
            .or().areAnnotatedWith(ApplicationPath.class).or().areAnnotatedWith(Provider.class)
            .or().areAnnotatedWith(WebFilter.class)
            .should().resideInAPackage("dev.chatwar.boundary..");
}
