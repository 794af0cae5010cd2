package app.rapport.community.web;

import java.time.Duration;
import java.util.UUID;

import app.rapport.community.Community;
import app.rapport.community.ProgramId;
import app.rapport.shared.CurrentUser;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * What members see: their programs on "My community"; and the communities' logos, which
 * emails show to people without an account.
 */
@Controller
class MyCommunityController {

	private final Community community;

	MyCommunityController(Community community) {
		this.community = community;
	}

	@GetMapping("/my-community")
	String myCommunity(CurrentUser user, Model model) {
		model.addAttribute("programs", community.myPrograms(user));
		return "community/my-community";
	}

	@GetMapping("/my-community/programs/{id}")
	String myProgram(CurrentUser user, @PathVariable UUID id, Model model) {
		model.addAttribute("program", community.myProgram(user, new ProgramId(id)));
		return "community/my-program";
	}

	/**
	 * A logo by its content hash: a new logo has a new address, so the image can be
	 * cached for a long time. It is always a re-encoded PNG and is never sniffed as
	 * anything else.
	 */
	@GetMapping("/community-logos/{organization}/{file}")
	ResponseEntity<byte[]> logo(@PathVariable UUID organization, @PathVariable String file) {
		String sha = file.endsWith(".png") ? file.substring(0, file.length() - 4) : "";
		return community.logo(organization, sha)
			.map(png -> ResponseEntity.ok()
				.contentType(MediaType.IMAGE_PNG)
				.cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
				.header("Content-Security-Policy", "default-src 'none'")
				.header("Content-Disposition", "inline; filename=\"logo.png\"")
				.body(png))
			.orElseGet(() -> ResponseEntity.notFound().build());
	}

}
