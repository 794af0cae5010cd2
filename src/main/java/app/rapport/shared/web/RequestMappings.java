package app.rapport.shared.web;

import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Finds the handler of a path with variables
 * ({@code /api/v1/community/programs/{id}/members}) by testing only the mappings whose
 * patterns start like the path. Spring finds a path without variables in a map, but for
 * one with variables it tests every mapping of the application in turn, and each test
 * asks the request for its method through the half dozen wrappers of the filter chain:
 * 11% of the CPU time of a + Invite request, more than its database work. A mapping whose
 * patterns' literal beginnings (up to the first variable or wildcard) are none of them a
 * beginning of the path cannot match it and is skipped; the others go through Spring's
 * full test as before. Paths with percent-encoded characters or matrix parameters, which
 * Spring decodes or strips before matching, take Spring's way through every mapping. The
 * mapping is asked before the actuator's (see {@link PrefixFilteredMapping#ORDER}).
 */
@Configuration(proxyBeanMethods = false)
class RequestMappings {

	@Bean
	WebMvcRegistrations prefixFilteredMappings() {
		return new WebMvcRegistrations() {
			@Override
			public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
				return new PrefixFilteredMapping();
			}
		};
	}

	static final class PrefixFilteredMapping extends RequestMappingHandlerMapping {

		/** The path being looked up on this thread; null when every mapping is tested. */
		private static final ThreadLocal<@Nullable String> LOOKUP_PATH = new ThreadLocal<>();

		/**
		 * No entry: the mapping is always tested (a pattern without a literal beginning).
		 */
		private static final String[] ALWAYS = new String[0];

		/**
		 * Before Spring Boot's actuator mappings (-100), which came first: every request
		 * of the application then failed a lookup among them (their media types compared
		 * with the request's Accept header, then Spring's analysis of the miss), 7% of
		 * the request thread's CPU samples of the Users API. For an actuator path this
		 * mapping fails fast: no mapping of the application starts like it.
		 */
		static final int ORDER = -200;

		/**
		 * The beginnings of the mappings registered at start, read without locks (an
		 * identity map, written once before the first request).
		 */
		private Map<RequestMappingInfo, String[]> beginnings = Map.of();

		@Override
		public int getOrder() {
			return ORDER;
		}

		@Override
		public void afterPropertiesSet() {
			super.afterPropertiesSet();
			Map<RequestMappingInfo, String[]> known = new IdentityHashMap<>();
			for (RequestMappingInfo info : getHandlerMethods().keySet()) {
				known.put(info, beginnings(info));
			}
			beginnings = known;
		}

		/**
		 * A mapping registered later (none are, but Spring allows it) is always tested.
		 */
		private String[] beginningsOf(RequestMappingInfo info) {
			return beginnings.getOrDefault(info, ALWAYS);
		}

		@Override
		protected @Nullable HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request)
				throws Exception {
			if (lookupPath.indexOf('%') >= 0 || lookupPath.indexOf(';') >= 0) {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			String outer = LOOKUP_PATH.get();
			LOOKUP_PATH.set(lookupPath);
			try {
				return super.lookupHandlerMethod(lookupPath, request);
			}
			finally {
				LOOKUP_PATH.set(outer);
			}
		}

		@Override
		protected @Nullable RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
			String path = LOOKUP_PATH.get();
			if (path != null && !mayMatch(beginningsOf(info), path)) {
				return null;
			}
			return super.getMatchingMapping(info, request);
		}

		/**
		 * Works out 404, 405 or 415 from the mappings that could match the path only: the
		 * others match none of its patterns, so they are no partial match either.
		 */
		@Override
		protected @Nullable HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, String lookupPath,
				HttpServletRequest request) throws ServletException {
			if (LOOKUP_PATH.get() == null) {
				return super.handleNoMatch(infos, lookupPath, request);
			}
			Set<RequestMappingInfo> candidates = new LinkedHashSet<>();
			for (RequestMappingInfo info : infos) {
				if (mayMatch(beginningsOf(info), lookupPath)) {
					candidates.add(info);
				}
			}
			return super.handleNoMatch(candidates, lookupPath, request);
		}

		static boolean mayMatch(String[] beginnings, String path) {
			if (beginnings == ALWAYS) {
				return true;
			}
			for (String beginning : beginnings) {
				if (path.startsWith(beginning)) {
					return true;
				}
			}
			return false;
		}

		/** The literal beginnings of the mapping's patterns, or {@link #ALWAYS}. */
		static String[] beginnings(RequestMappingInfo info) {
			PathPatternsRequestCondition condition = info.getPathPatternsCondition();
			if (condition == null) {
				return ALWAYS;
			}
			Set<PathPattern> patterns = condition.getPatterns();
			String[] beginnings = new String[patterns.size()];
			int i = 0;
			for (PathPattern pattern : patterns) {
				String beginning = literalBeginning(pattern.getPatternString());
				if (beginning.isEmpty() || beginning.equals("/")) {
					return ALWAYS;
				}
				beginnings[i++] = beginning;
			}
			return i == 0 ? ALWAYS : beginnings;
		}

		/** The pattern up to its first variable or wildcard. */
		static String literalBeginning(String pattern) {
			for (int i = 0; i < pattern.length(); i++) {
				char c = pattern.charAt(i);
				if (c == '{' || c == '*' || c == '?' || c == '\\') {
					return pattern.substring(0, i);
				}
			}
			return pattern;
		}

	}

}
