package coop.switchboard;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;

class ArchitectureTests {
    private static final String[] DOMAIN = {"coop.switchboard.shared..", "coop.switchboard.members..", "coop.switchboard.premises..",
            "coop.switchboard.metering..", "coop.switchboard.agreements..", "coop.switchboard.search..", "coop.switchboard.rates.."};
    private final JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("coop.switchboard");

    @Test
    void moneyIsNeverADouble() {
        noFields().that().haveNameMatching("(?i).*(amount|price|charge|balance|money|total|quantity|fee|tax|cost|usage|kwh).*")
                .should().haveRawType(double.class).orShould().haveRawType(Double.class)
                .orShould().haveRawType(float.class).because("money and quantities are BigDecimal (ARCHITECTURE.md §6)")
                .check(classes);
    }

    @Test
    void domainCodeReadsTimeFromTheInjectedClock() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.LocalDateTime.class, "now")
                .orShould().callMethod(java.time.ZonedDateTime.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .because("tests move one injected Clock through months")
                .check(classes);
    }

    @Test
    void domainModulesHaveNoWebCode() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..", "jakarta.servlet..",
                        "coop.switchboard.console..", "coop.switchboard.api..")
                .check(classes);
    }
}
