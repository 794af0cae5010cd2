package app.rapport.notification;

import java.util.Map;

import org.springframework.expression.spel.support.StandardEvaluationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContextWrapper;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Renders an outbox email from its template and stored model: the HTML part from
 * {@code templates/email/<template>.html}, the text part from
 * {@code templates/email/<template>.txt}. It has template engines of its own so that the
 * web pages' engine and its settings stay untouched.
 */
@Component
class EmailRenderer {

	private static final TypeReference<Map<String, Object>> MODEL = new TypeReference<>() {
	};

	private final SpringTemplateEngine html = engine(".html", TemplateMode.HTML);

	private final SpringTemplateEngine text = engine(".txt", TemplateMode.TEXT);

	private final JsonMapper json = JsonMapper.builder().build();

	Rendered render(String template, String modelJson) {
		Map<String, Object> model = json.readValue(modelJson, MODEL);
		Context context = new Context();
		context.setVariables(model);
		// the SpEL context Thymeleaf would otherwise build anew for each template and
		// each nesting level it evaluates in (6.6% of the delivery node's CPU)
		context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
				new ThymeleafEvaluationContextWrapper(new StandardEvaluationContext()));
		String name = "email/" + template;
		return new Rendered(html.process(name, context), text.process(name, context));
	}

	private static SpringTemplateEngine engine(String suffix, TemplateMode mode) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(EmailRenderer.class.getClassLoader());
		resolver.setPrefix("templates/");
		resolver.setSuffix(suffix);
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setCacheable(true);
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		return engine;
	}

	record Rendered(String html, String text) {
	}

}
