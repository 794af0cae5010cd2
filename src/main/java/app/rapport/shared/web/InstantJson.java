package app.rapport.shared.web;

import java.time.Instant;
import java.time.LocalDate;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * Writes an {@link Instant} as {@link Instant#toString()} does (ISO-8601 in UTC, the
 * fraction in groups of three digits, as many as needed), digit by digit. A page of the
 * API holds up to a few hundred instants, and the JDK's general formatter made their
 * writing an eighth of the Manage users request; instants outside the years 0000–9999,
 * which the JDK writes with a sign, go through it.
 */
final class InstantJson extends StdSerializer<Instant> {

	/** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z. */
	private static final long MIN_SECOND = -62_167_219_200L;

	private static final long END_SECOND = 253_402_300_800L;

	InstantJson() {
		super(Instant.class);
	}

	@Override
	public void serialize(Instant value, JsonGenerator generator, SerializationContext context) {
		char[] text = new char[30];
		int length = format(value, text);
		if (length < 0) {
			generator.writeString(value.toString());
		}
		else {
			generator.writeString(text, 0, length);
		}
	}

	/**
	 * Writes the instant into {@code text} (30 characters at least) and returns its
	 * length, or -1 for a year outside 0000–9999.
	 */
	static int format(Instant instant, char[] text) {
		long seconds = instant.getEpochSecond();
		if (seconds < MIN_SECOND || seconds >= END_SECOND) {
			return -1;
		}
		LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, 86_400));
		int second = (int) Math.floorMod(seconds, 86_400);
		int year = date.getYear();
		two(text, 0, year / 100);
		two(text, 2, year % 100);
		text[4] = '-';
		two(text, 5, date.getMonthValue());
		text[7] = '-';
		two(text, 8, date.getDayOfMonth());
		text[10] = 'T';
		two(text, 11, second / 3600);
		text[13] = ':';
		two(text, 14, second / 60 % 60);
		text[16] = ':';
		two(text, 17, second % 60);
		int at = 19;
		int nano = instant.getNano();
		if (nano != 0) {
			text[at++] = '.';
			int digits = nano % 1_000_000 == 0 ? 3 : nano % 1_000 == 0 ? 6 : 9;
			int fraction = digits == 3 ? nano / 1_000_000 : digits == 6 ? nano / 1_000 : nano;
			for (int i = at + digits - 1; i >= at; i--) {
				text[i] = (char) ('0' + fraction % 10);
				fraction /= 10;
			}
			at += digits;
		}
		text[at++] = 'Z';
		return at;
	}

	private static void two(char[] text, int at, int value) {
		text[at] = (char) ('0' + value / 10);
		text[at + 1] = (char) ('0' + value % 10);
	}

}
