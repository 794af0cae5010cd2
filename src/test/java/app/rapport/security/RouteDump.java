package app.rapport.security;

import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Every route of the application, as "METHOD /path/{variable}", read from the handler
 * mappings.
 */
final class RouteDump {

	private RouteDump() {
	}

	static Set<String> routes(RequestMappingHandlerMapping mapping) {
		Set<String> routes = new TreeSet<>();
		for (var entry : mapping.getHandlerMethods().entrySet()) {
			RequestMappingInfo info = entry.getKey();
			HandlerMethod handler = entry.getValue();
			String type = handler.getBeanType().getName();
			if (!type.startsWith("app.rapport.")) {
				continue;
			}
			Set<String> paths = info.getPathPatternsCondition() == null ? Set.of()
					: info.getPathPatternsCondition().getPatternValues();
			Set<String> methods = info.getMethodsCondition().getMethods().isEmpty() ? Set.of("GET")
					: info.getMethodsCondition()
						.getMethods()
						.stream()
						.map(Enum::name)
						.collect(java.util.stream.Collectors.toSet());
			for (String path : paths) {
				for (String method : methods) {
					routes.add(method + " " + path);
				}
			}
		}
		return routes;
	}

}
