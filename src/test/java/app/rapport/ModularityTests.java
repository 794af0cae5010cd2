package app.rapport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;
import org.springframework.stereotype.Repository;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(RapportApplication.class);

	static final JavaClasses CLASSES = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("app.rapport");

	@Test
	void modulesRespectTheirBoundaries() {
		MODULES.verify();
	}

	@Test
	void repositoriesAreNotPartOfAnyModuleApi() {
		ArchRule rule = classes().that()
			.areAnnotatedWith(Repository.class)
			.should()
			.notBePublic()
			.because("other modules go through a module's application services");
		rule.check(CLASSES);
	}

	@Test
	void theDomainNeverCallsTheWebLayer() {
		ArchRule rule = noClasses().that()
			.resideOutsideOfPackage("..web..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("app.rapport..web..")
			.because("pages and API controllers call the application, never the other way round");
		rule.check(CLASSES);
	}

	@Test
	void controllersArePackagePrivate() {
		classes().that()
			.areAnnotatedWith(org.springframework.stereotype.Controller.class)
			.or()
			.areAnnotatedWith(org.springframework.web.bind.annotation.RestController.class)
			.should()
			.notBePublic()
			.check(CLASSES);
	}

	@Test
	void writesModuleDocumentation() {
		new Documenter(MODULES).writeModulesAsPlantUml().writeIndividualModulesAsPlantUml().writeModuleCanvases();
	}

}
