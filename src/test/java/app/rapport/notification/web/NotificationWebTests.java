package app.rapport.notification.web;

import java.util.UUID;

import app.rapport.notification.Notifications;
import app.rapport.notification.web.People.Person;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@SpringBootTest
@AutoConfigureMockMvc
@Import(People.class)
class NotificationWebTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	People people;

	@Autowired
	Notifications notifications;

	@Test
	void personSeesAndMarksOnlyTheirOwnNotifications() throws Exception {
		Person alice = people.providerOwner("Alice");
		Person bob = people.providerOwner("Bob");
		UUID first = notifications.notify(alice.id(), alice.organization(), "COACH_SHARED", "Ann was shared", null,
				"/clients");
		notifications.notify(alice.id(), alice.organization(), "COACH_SHARED", "Ben was shared", "Say hello", null);

		mvc.perform(get("/api/v1/notifications").header("Authorization", alice.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.items", hasSize(2)))
			.andExpect(jsonPath("$.items[0].title").value("Ben was shared"))
			.andExpect(jsonPath("$.items[1].title").value("Ann was shared"));
		mvc.perform(get("/api/v1/notifications").header("Authorization", bob.bearer()))
			.andExpect(jsonPath("$.items", hasSize(0)));
		mvc.perform(post("/api/v1/notifications/{id}/read", first).header("Authorization", bob.bearer()))
			.andExpect(status().isNotFound());
		mvc.perform(get("/notifications/{id}/open", first).header("Authorization", bob.bearer()))
			.andExpect(status().isNotFound());
		mvc.perform(post("/api/v1/notifications/read-all").header("Authorization", bob.bearer()))
			.andExpect(jsonPath("$.marked").value(0));
		mvc.perform(get("/api/v1/notifications/unread-count").header("Authorization", alice.bearer()))
			.andExpect(jsonPath("$.unread").value(2));

		mvc.perform(post("/api/v1/notifications/{id}/read", first).header("Authorization", alice.bearer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.readAt").isNotEmpty());
		mvc.perform(get("/api/v1/notifications/unread-count").header("Authorization", alice.bearer()))
			.andExpect(jsonPath("$.unread").value(1));
		mvc.perform(post("/api/v1/notifications/read-all").header("Authorization", alice.bearer()))
			.andExpect(jsonPath("$.marked").value(1));
		mvc.perform(get("/api/v1/notifications/unread-count").header("Authorization", alice.bearer()))
			.andExpect(jsonPath("$.unread").value(0));
	}

	@Test
	void bellNamesTheUnreadCount() throws Exception {
		Person carol = people.providerOwner("Carol");
		mvc.perform(get("/notifications/bell").header("Authorization", carol.bearer()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("aria-label=\"Notifications\"")))
			.andExpect(content().string(not(containsString("badge"))));
		for (int i = 0; i < 3; i++) {
			notifications.notify(carol.id(), null, "TEST", "Item " + i, null, null);
		}
		mvc.perform(get("/notifications/bell").header("Authorization", carol.bearer()))
			.andExpect(content().string(containsString("aria-label=\"Notifications, 3 unread\"")))
			.andExpect(content().string(containsString("hx-trigger=\"every 60s\"")));
	}

	@Test
	void notificationsPageShowsAnEmptyStateThenUnreadItemsNewestFirst() throws Exception {
		Person dora = people.providerOwner("Dora");
		mvc.perform(get("/notifications").header("Authorization", dora.bearer()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("No notifications yet.")));
		UUID id = notifications.notify(dora.id(), null, "INVITATION_ACCEPTED", "Eve accepted your invitation", null,
				"/clients/42");
		mvc.perform(get("/notifications").header("Authorization", dora.bearer()))
			.andExpect(content().string(containsString("Eve accepted your invitation")))
			.andExpect(content().string(containsString("notification-unread")))
			.andExpect(content().string(containsString("Mark all as read")));

		mvc.perform(get("/notifications/{id}/open", id).header("Authorization", dora.bearer()))
			.andExpect(redirectedUrl("/clients/42"));
		mvc.perform(get("/api/v1/notifications/unread-count").header("Authorization", dora.bearer()))
			.andExpect(jsonPath("$.unread").value(0));
	}

	@Test
	void notificationsArePagedWithoutGapsOrRepeats() throws Exception {
		Person finn = people.providerOwner("Finn");
		for (int i = 0; i < 25; i++) {
			notifications.notify(finn.id(), null, "TEST", "Item " + i, null, null);
		}
		String next = com.jayway.jsonpath.JsonPath
			.read(mvc.perform(get("/api/v1/notifications?size=20").header("Authorization", finn.bearer()))
				.andExpect(jsonPath("$.items", hasSize(20)))
				.andReturn()
				.getResponse()
				.getContentAsString(), "$.next");
		mvc.perform(get("/api/v1/notifications?size=20&before=" + next).header("Authorization", finn.bearer()))
			.andExpect(jsonPath("$.items", hasSize(5)))
			.andExpect(jsonPath("$.items[4].title").value("Item 0"))
			.andExpect(jsonPath("$.next").doesNotExist());
	}

	@Test
	void notificationLinksStayInsideTheApplication() {
		Person gus = people.providerOwner("Gus");
		for (String link : new String[] { "https://evil.example/", "//evil.example/", "/\\evil.example",
				"javascript:x" }) {
			assertThatThrownBy(() -> notifications.notify(gus.id(), null, "TEST", "Phish", null, link))
				.isInstanceOf(IllegalArgumentException.class);
		}
	}

}
