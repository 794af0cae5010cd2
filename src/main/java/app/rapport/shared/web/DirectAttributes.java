package app.rapport.shared.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives the controllers and views a request whose attributes are one call away. By the
 * time a request reaches Spring MVC, the filter chain has wrapped it half a dozen times
 * (firewall, session, security context, headers), and each attribute read walks down the
 * wrappers to Tomcat's request. A page reads attributes for every variable of its
 * templates (Thymeleaf keeps the model there): 6.5% of the Clients page's request
 * samples. The wrappers that only pass attribute calls on are skipped; the first one that
 * handles attributes itself (Tomcat's for forwards and includes) is where the calls go,
 * so every attribute reads and writes as before. Runs last, after every other filter.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
class DirectAttributes extends OncePerRequestFilter {

	/**
	 * Whether a wrapper class leaves all four attribute methods to the wrapped request.
	 */
	private static final ClassValue<Boolean> PASSES_ATTRIBUTES_ON = new ClassValue<>() {
		@Override
		protected Boolean computeValue(Class<?> type) {
			try {
				return type.getMethod("getAttribute", String.class).getDeclaringClass() == ServletRequestWrapper.class
						&& type.getMethod("getAttributeNames").getDeclaringClass() == ServletRequestWrapper.class
						&& type.getMethod("setAttribute", String.class, Object.class)
							.getDeclaringClass() == ServletRequestWrapper.class
						&& type.getMethod("removeAttribute", String.class)
							.getDeclaringClass() == ServletRequestWrapper.class;
			}
			catch (NoSuchMethodException ex) {
				return false;
			}
		}
	};

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		ServletRequest holder = attributeHolder(request);
		chain.doFilter(holder == request ? request : new DirectAttributeRequest(request, holder), response);
	}

	/** The request that attribute calls on this one end up in. */
	static ServletRequest attributeHolder(ServletRequest request) {
		ServletRequest holder = request;
		while (holder instanceof ServletRequestWrapper wrapper && PASSES_ATTRIBUTES_ON.get(wrapper.getClass())) {
			holder = wrapper.getRequest();
		}
		return holder;
	}

	static final class DirectAttributeRequest extends HttpServletRequestWrapper {

		private final ServletRequest attributes;

		DirectAttributeRequest(HttpServletRequest request, ServletRequest attributes) {
			super(request);
			this.attributes = attributes;
		}

		@Override
		public @Nullable Object getAttribute(String name) {
			return attributes.getAttribute(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return attributes.getAttributeNames();
		}

		@Override
		public void setAttribute(String name, Object value) {
			attributes.setAttribute(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			attributes.removeAttribute(name);
		}

	}

}
