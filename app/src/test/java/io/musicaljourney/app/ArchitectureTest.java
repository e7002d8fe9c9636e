package io.musicaljourney.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the module layering honest; each module's classes are told apart by the jar or folder they load from. */
class ArchitectureTest {

    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.musicaljourney");
    }

    private static boolean from(Location location, String module) {
        return location.contains("/" + module + "/") || location.contains(module + "-0");
    }

    private static JavaClasses module(String module) {
        return all.that(new com.tngtech.archunit.base.DescribedPredicate<>("in module " + module) {
            @Override
            public boolean test(com.tngtech.archunit.core.domain.JavaClass javaClass) {
                return javaClass.getSource().map(source -> from(Location.of(source.getUri()), module)).orElse(false);
            }
        });
    }

    @Test
    void sharedEventsHoldNoSpringAndNoPersistence() {
        JavaClasses sharedEvents = module("shared-events");
        org.assertj.core.api.Assertions.assertThat(sharedEvents.size()).isGreaterThan(20);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "jakarta.persistence..", "javax.persistence..", "java.sql..",
                        "javax.sql..", "org.hibernate..", "org.axonframework.eventsourcing..",
                        "org.axonframework.spring..")
                .check(sharedEvents);
    }

    @Test
    void theQuerySideNeverImportsTheCommandSide() {
        JavaClasses querySide = module("query-side");
        JavaClasses commandSide = module("command-side");
        org.assertj.core.api.Assertions.assertThat(querySide.size()).isGreaterThan(3);
        org.assertj.core.api.Assertions.assertThat(commandSide.size()).isGreaterThan(3);
        noClasses().should().dependOnClassesThat(new com.tngtech.archunit.base.DescribedPredicate<>(
                        "belong to the command side") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaClass javaClass) {
                        return commandSide.contain(javaClass.getName());
                    }
                })
                .check(querySide);
    }

    @Test
    void theCommandSideNeverImportsTheQuerySide() {
        JavaClasses querySide = module("query-side");
        JavaClasses commandSide = module("command-side");
        noClasses().should().dependOnClassesThat(new com.tngtech.archunit.base.DescribedPredicate<>(
                        "belong to the query side") {
                    @Override
                    public boolean test(com.tngtech.archunit.core.domain.JavaClass javaClass) {
                        return querySide.contain(javaClass.getName());
                    }
                })
                .check(commandSide);
    }

    @Test
    void controllersSendMessagesAndNeverTouchTheAggregateOrTheDatabase() {
        noClasses().that().resideInAPackage("..web..")
                .should().dependOnClassesThat().resideInAnyPackage("..aggregate..", "..projection..",
                        "org.springframework.jdbc..")
                .check(all);
    }
}
