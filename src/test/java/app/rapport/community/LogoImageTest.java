package app.rapport.community;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import app.rapport.shared.Problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeout;

class LogoImageTest {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final String NOT_READABLE = "This file is not a readable image.";

	private static final String NOT_AN_IMAGE = "Upload a PNG, JPEG or GIF image.";

	/** What the seeded random uploads are made from. */
	private static final List<byte[]> VALID_SMALL_IMAGES = List.of(png(aLogo(24, 20, BufferedImage.TYPE_INT_ARGB)),
			jpeg(aLogo(20, 24, BufferedImage.TYPE_INT_RGB)), gif(aLogo(24, 24, BufferedImage.TYPE_INT_ARGB)));

	@ParameterizedTest
	@ValueSource(strings = { "png", "jpeg", "gif" })
	void pngJpegAndGifLogosAreAcceptedAndStoredAsPng(String format) {
		LogoImage logo = LogoImage.read(encoded(aLogo(200, 100, opaqueTypeFor(format)), format));

		assertIsStoredPng(logo);
		assertThat(logo.width()).isEqualTo(200);
		assertThat(logo.height()).isEqualTo(100);
	}

	@ParameterizedTest
	@CsvSource({ "2000, 1000, 512, 256", "300, 1200, 128, 512", "600, 600, 512, 512", "4096, 16, 512, 2",
			"513, 16, 512, 16", "4096, 4096, 512, 512", "4096, 2048, 512, 256" })
	void largeLogosAreScaledDownToFit512KeepingTheirAspectRatio(int width, int height, int storedWidth,
			int storedHeight) {
		LogoImage logo = LogoImage.read(png(aLogo(width, height, BufferedImage.TYPE_INT_ARGB)));

		assertIsStoredPng(logo);
		assertThat(logo.width()).isEqualTo(storedWidth);
		assertThat(logo.height()).isEqualTo(storedHeight);
	}

	@Test
	void smallLogosAreNotScaledUpAndKeepEveryPixel() {
		BufferedImage source = aLogo(100, 50, BufferedImage.TYPE_INT_ARGB);

		LogoImage logo = LogoImage.read(png(source));

		assertThat(logo.width()).isEqualTo(100);
		assertThat(logo.height()).isEqualTo(50);
		BufferedImage stored = decoded(logo);
		for (int y = 0; y < 50; y++) {
			for (int x = 0; x < 100; x++) {
				assertThat(stored.getRGB(x, y)).as("pixel %d,%d", x, y).isEqualTo(source.getRGB(x, y));
			}
		}
	}

	@ParameterizedTest
	@CsvSource({ "100, 50", "1000, 500" })
	void transparencySurvivesWithOrWithoutScaling(int width, int height) {
		LogoImage logo = LogoImage.read(png(aLogo(width, height, BufferedImage.TYPE_INT_ARGB)));

		BufferedImage stored = decoded(logo);
		assertThat(stored.getColorModel().hasAlpha()).isTrue();
		assertThat(alphaAt(stored, 2, 2)).isZero();
		assertThat(alphaAt(stored, stored.getWidth() / 2, stored.getHeight() / 2)).isEqualTo(255);
	}

	@Test
	void aTransparentGifStaysTransparent() {
		LogoImage logo = LogoImage.read(gif(aLogo(100, 50, BufferedImage.TYPE_INT_ARGB)));

		BufferedImage stored = decoded(logo);
		assertThat(alphaAt(stored, 2, 2)).isZero();
		assertThat(alphaAt(stored, 50, 25)).isEqualTo(255);
	}

	@Test
	void anAnimatedGifKeepsOnlyItsFirstFrame() throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
		try (ImageOutputStream output = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(output);
			writer.prepareWriteSequence(null);
			writer.writeToSequence(new IIOImage(filled(64, 64, Color.RED), null, null), null);
			writer.writeToSequence(new IIOImage(filled(64, 64, Color.BLUE), null, null), null);
			writer.endWriteSequence();
		}
		finally {
			writer.dispose();
		}

		LogoImage logo = LogoImage.read(out.toByteArray());

		assertThat(decoded(logo).getRGB(32, 32)).isEqualTo(Color.RED.getRGB());
	}

	@Test
	void nothingUploadedIsRefused() {
		assertRefused(null, 400, "Choose an image file to upload.");
		assertRefused(new byte[0], 400, "Choose an image file to upload.");
	}

	@Test
	void uploadsOver1MiBAreRefusedBeforeTheyAreParsed() {
		byte[] tooLarge = startingWithPngSignature(LogoImage.MAX_BYTES + 1);

		assertRefused(tooLarge, 413, "The logo is larger than 1 MB. Upload a smaller image.");
		// One byte less is parsed, and found unreadable
		assertRefused(startingWithPngSignature(LogoImage.MAX_BYTES), 400, NOT_READABLE);
	}

	@ParameterizedTest
	@MethodSource("uploadsThatAreNotPngJpegOrGif")
	void onlyPngJpegAndGifAreRecognizedAndOnlyByTheirMagicBytes(byte[] upload) {
		assertRefused(upload, 400, NOT_AN_IMAGE);
	}

	static Stream<Named<byte[]>> uploadsThatAreNotPngJpegOrGif() {
		return Stream.of(
				Named.of("an SVG with a script",
						ascii("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\">"
								+ "<script>alert(1)</script><rect width=\"64\" height=\"64\"/></svg>")),
				Named.of("an SVG with an XML declaration",
						ascii("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"/>")),
				Named.of("an HTML page called logo.png", ascii("<html><body><script>alert(1)</script></body></html>")),
				Named.of("a WebP header", ascii("RIFF$\0\0\0WEBPVP8 \u0018\0\0\0")),
				Named.of("a BMP, which ImageIO could read", encoded(aLogo(32, 32, BufferedImage.TYPE_INT_RGB), "bmp")),
				Named.of("a PDF", ascii("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF")),
				Named.of("plain text", ascii("our community logo")),
				Named.of("a PNG signature cut short", Arrays.copyOf(PNG_SIGNATURE, 7)),
				Named.of("a GIF signature of an unknown version", ascii("GIF88a" + "x".repeat(64))),
				Named.of("random bytes", randomBytes(new Random(42), 2048)));
	}

	@Test
	void aPngSignatureFollowedByGarbageIsUnreadable() {
		byte[] upload = concat(PNG_SIGNATURE, randomBytes(new Random(7), 1024));

		assertRefused(upload, 400, NOT_READABLE);
	}

	@Test
	void aTruncatedPngIsUnreadable() {
		byte[] whole = png(aLogo(200, 100, BufferedImage.TYPE_INT_ARGB));

		assertRefused(Arrays.copyOf(whole, whole.length / 2), 400, NOT_READABLE);
	}

	@Test
	void aPngBehindAJpegSignatureIsReadAsAJpegAndFoundUnreadable() {
		byte[] upload = concat(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF },
				png(aLogo(64, 64, BufferedImage.TYPE_INT_ARGB)));

		assertRefused(upload, 400, NOT_READABLE);
	}

	@ParameterizedTest
	@MethodSource("decompressionBombs")
	void imagesDeclaringMoreThan4096PixelsASideAreRefusedFromTheirHeaderAlone(byte[] bomb) {
		long allocatedBefore = allocatedByThisThread();

		Problem problem = assertTimeout(Duration.ofSeconds(2),
				() -> catchThrowableOfType(Problem.class, () -> LogoImage.read(bomb)));

		assertThat(allocatedByThisThread() - allocatedBefore).as("bytes allocated").isLessThan(32L << 20);
		assertThat(problem).isNotNull();
		assertThat(problem.status()).isEqualTo(400);
		assertThat(problem.getMessage())
			.matches("The logo is \\d+ × \\d+ pixels; the largest accepted is 4096 × 4096\\.");
	}

	static Stream<Named<byte[]>> decompressionBombs() {
		return Stream.of(Named.of("a PNG of 100000 × 100000", pngDeclaring(100_000, 100_000)),
				Named.of("a PNG of 20000 × 20000", pngDeclaring(20_000, 20_000)),
				Named.of("a PNG of 4097 × 16", pngDeclaring(4097, 16)),
				Named.of("a PNG of 16 × 4097", pngDeclaring(16, 4097)),
				Named.of("a GIF of 65535 × 65535", gifDeclaring(65_535, 65_535)),
				Named.of("a JPEG of 60000 × 60000", jpegDeclaring(60_000, 60_000)));
	}

	@Test
	void theBombMessageGivesTheDeclaredSize() {
		assertRefused(pngDeclaring(100_000, 100_000), 400,
				"The logo is 100000 × 100000 pixels; the largest accepted is 4096 × 4096.");
	}

	@Test
	void logosSmallerThan16PixelsASideAreRefused() {
		assertRefused(png(aLogo(10, 10, BufferedImage.TYPE_INT_ARGB)), 400,
				"The logo is 10 × 10 pixels; the smallest accepted is 16 × 16.");
		assertRefused(png(aLogo(15, 200, BufferedImage.TYPE_INT_ARGB)), 400,
				"The logo is 15 × 200 pixels; the smallest accepted is 16 × 16.");
		assertThat(LogoImage.read(png(aLogo(16, 16, BufferedImage.TYPE_INT_ARGB))).width()).isEqualTo(16);
	}

	@ParameterizedTest
	@MethodSource("imagesCarryingAScript")
	void scriptsHiddenInMetadataOrAfterTheImageAreNeverStored(byte[] upload) {
		assertThat(latin1(upload)).contains("script");

		Throwable thrown = catchThrowable(() -> {
			LogoImage logo = LogoImage.read(upload);
			assertIsStoredPng(logo);
			assertThat(latin1(logo.png())).doesNotContainIgnoringCase("script").doesNotContain("alert");
		});

		if (thrown != null) {
			assertThat(thrown).isInstanceOf(Problem.class);
			assertThat(((Problem) thrown).status()).isEqualTo(400);
		}
	}

	static Stream<Named<byte[]>> imagesCarryingAScript() {
		byte[] jpeg = jpeg(aLogo(64, 64, BufferedImage.TYPE_INT_RGB));
		byte[] script = ascii("<script>alert(1)</script>");
		byte[] gif = gif(aLogo(64, 64, BufferedImage.TYPE_INT_ARGB));
		// GIF89a/* ... */=alert("script"): the logical screen width becomes the comment
		// opener
		byte[] polyglot = gif.clone();
		polyglot[6] = '/';
		polyglot[7] = '*';
		polyglot = concat(polyglot, ascii("*/=alert(\"script\");"));
		return Stream.of(Named.of("a JPEG with a script in a comment marker", jpegWithComment(jpeg, script)),
				Named.of("a JPEG with a script after its end marker", concat(jpeg, script)),
				Named.of("a PNG with a script in a text chunk",
						pngWithChunk(png(aLogo(64, 64, BufferedImage.TYPE_INT_ARGB)), "tEXt",
								concat(ascii("Comment\0"), script))),
				Named.of("a GIF with a script after its trailer", concat(gif, ascii("/*<script>*/"))),
				Named.of("a GIF that is also JavaScript", polyglot));
	}

	@Test
	void theSameUploadGivesEqualLogos() {
		byte[] upload = jpeg(aLogo(200, 100, BufferedImage.TYPE_INT_RGB));

		LogoImage first = LogoImage.read(upload);
		LogoImage second = LogoImage.read(upload);

		assertThat(second).isEqualTo(first).hasSameHashCodeAs(first);
		assertThat(second.sha256()).isEqualTo(first.sha256());
		assertThat(LogoImage.read(png(aLogo(200, 101, BufferedImage.TYPE_INT_RGB)))).isNotEqualTo(first);
	}

	@Test
	void aLogoPrintsItsSizeAndHashButNotItsBytes() {
		LogoImage logo = LogoImage.read(png(aLogo(200, 100, BufferedImage.TYPE_INT_ARGB)));

		assertThat(logo).hasToString("LogoImage[200x100, sha256=" + logo.sha256() + "]");
	}

	@Test
	void aStoredLogoCannotBeChangedThroughItsBytes() {
		LogoImage logo = LogoImage.read(png(aLogo(64, 64, BufferedImage.TYPE_INT_ARGB)));

		logo.png()[40] ^= 0x55;

		assertThat(sha256(logo.png())).isEqualTo(logo.sha256());
	}

	@Test
	void aLogoIsOnlyEverAPngMatchingItsSizeAndHash() {
		LogoImage logo = LogoImage.read(png(aLogo(64, 32, BufferedImage.TYPE_INT_ARGB)));
		byte[] png = logo.png();

		assertThat(new LogoImage(png, 64, 32, logo.sha256())).isEqualTo(logo);
		assertThatIllegalArgumentException().isThrownBy(() -> new LogoImage(png, 64, 32, sha256(new byte[1])));
		assertThatIllegalArgumentException().isThrownBy(() -> new LogoImage(png, 32, 64, logo.sha256()));
		byte[] jpeg = jpeg(aLogo(64, 32, BufferedImage.TYPE_INT_RGB));
		assertThatIllegalArgumentException().isThrownBy(() -> new LogoImage(jpeg, 64, 32, sha256(jpeg)));
	}

	/**
	 * Whatever the bytes, reading either gives a stored PNG within the limits or refuses
	 * with a problem the user can read; no other exception escapes.
	 */
	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void anyUploadGivesAStoredPngOrAProblem(long seed) {
		byte[] upload = mangledUpload(new Random(seed));

		Throwable thrown = catchThrowable(() -> assertIsStoredPng(LogoImage.read(upload)));

		if (thrown != null) {
			assertThat(thrown).isInstanceOf(Problem.class);
			Problem problem = (Problem) thrown;
			assertThat(problem.status()).isIn(400, 413);
			assertThat(problem.getMessage()).isNotBlank();
		}
	}

	static LongStream seeds() {
		return LongStream.range(0, 2_000);
	}

	private static byte[] mangledUpload(Random random) {
		byte[] valid = VALID_SMALL_IMAGES.get(random.nextInt(VALID_SMALL_IMAGES.size()));
		return switch (random.nextInt(7)) {
			case 0 -> flipped(valid, random, 1 + random.nextInt(16), valid.length);
			case 1 -> flipped(valid, random, 1 + random.nextInt(4), 64);
			case 2 -> Arrays.copyOf(valid, random.nextInt(valid.length));
			case 3 -> concat(valid, randomBytes(random, random.nextInt(1024)));
			case 4 -> concat(Arrays.copyOf(valid, 1 + random.nextInt(32)), randomBytes(random, random.nextInt(4096)));
			case 5 ->
				flipped(Arrays.copyOf(valid, 1 + random.nextInt(valid.length)), random, 1 + random.nextInt(8), 32);
			default -> randomBytes(random, random.nextInt(4096));
		};
	}

	private static void assertIsStoredPng(LogoImage logo) {
		byte[] png = logo.png();
		assertThat(png).startsWith(PNG_SIGNATURE);
		assertThat(logo.width()).isBetween(1, LogoImage.MAX_STORED_SIDE);
		assertThat(logo.height()).isBetween(1, LogoImage.MAX_STORED_SIDE);
		assertThat(logo.sha256()).isEqualTo(sha256(png)).matches("[0-9a-f]{64}");
		BufferedImage stored = decoded(logo);
		assertThat(stored.getWidth()).isEqualTo(logo.width());
		assertThat(stored.getHeight()).isEqualTo(logo.height());
	}

	private static void assertRefused(byte[] upload, int status, String message) {
		Problem problem = catchThrowableOfType(Problem.class, () -> LogoImage.read(upload));
		assertThat(problem).as("refused").isNotNull();
		assertThat(problem.status()).isEqualTo(status);
		assertThat(problem.getMessage()).isEqualTo(message);
	}

	// Test images, all drawn here

	/**
	 * A logo: a transparent border (when the type has alpha) around a red disc on a blue
	 * square, so that scaling, colors and transparency all show.
	 */
	private static BufferedImage aLogo(int width, int height, int type) {
		BufferedImage image = new BufferedImage(width, height, type);
		Graphics2D graphics = image.createGraphics();
		try {
			int borderX = width / 5;
			int borderY = height / 5;
			graphics.setColor(new Color(20, 60, 160));
			graphics.fillRect(borderX, borderY, width - 2 * borderX, height - 2 * borderY);
			graphics.setColor(new Color(220, 30, 40));
			graphics.fillOval(width / 3, height / 3, width / 3, height / 3);
			if (!image.getColorModel().hasAlpha()) {
				graphics.setColor(Color.WHITE);
				graphics.fillRect(0, 0, width, borderY);
			}
		}
		finally {
			graphics.dispose();
		}
		return image;
	}

	private static BufferedImage filled(int width, int height, Color color) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D graphics = image.createGraphics();
		graphics.setColor(color);
		graphics.fillRect(0, 0, width, height);
		graphics.dispose();
		return image;
	}

	private static int opaqueTypeFor(String format) {
		return format.equals("jpeg") ? BufferedImage.TYPE_INT_RGB : BufferedImage.TYPE_INT_ARGB;
	}

	private static byte[] png(BufferedImage image) {
		return encoded(image, "png");
	}

	private static byte[] jpeg(BufferedImage image) {
		return encoded(image, "jpeg");
	}

	private static byte[] gif(BufferedImage image) {
		return encoded(image, "gif");
	}

	private static byte[] encoded(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			assertThat(ImageIO.write(image, format, out)).as("written as " + format).isTrue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static BufferedImage decoded(LogoImage logo) {
		try {
			return ImageIO.read(new ByteArrayInputStream(logo.png()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static int alphaAt(BufferedImage image, int x, int y) {
		return image.getRGB(x, y) >>> 24;
	}

	/** A PNG whose header declares the size, with a few bytes of pixel data. */
	private static byte[] pngDeclaring(int width, int height) {
		byte[] header = ByteBuffer.allocate(13)
			.putInt(width)
			.putInt(height)
			.put((byte) 8) // bit depth
			.put((byte) 6) // RGBA
			.put(new byte[3]) // compression, filter, interlace
			.array();
		return concat(PNG_SIGNATURE, chunk("IHDR", header), chunk("IDAT", deflated(new byte[64])),
				chunk("IEND", new byte[0]));
	}

	private static byte[] pngWithChunk(byte[] png, String type, byte[] data) {
		int iend = png.length - 12;
		return concat(Arrays.copyOf(png, iend), chunk(type, data), Arrays.copyOfRange(png, iend, png.length));
	}

	private static byte[] chunk(String type, byte[] data) {
		byte[] typeBytes = ascii(type);
		CRC32 crc = new CRC32();
		crc.update(typeBytes);
		crc.update(data);
		return ByteBuffer.allocate(12 + data.length)
			.putInt(data.length)
			.put(typeBytes)
			.put(data)
			.putInt((int) crc.getValue())
			.array();
	}

	private static byte[] deflated(byte[] data) {
		Deflater deflater = new Deflater();
		deflater.setInput(data);
		deflater.finish();
		byte[] buffer = new byte[256];
		int length = deflater.deflate(buffer);
		deflater.end();
		return Arrays.copyOf(buffer, length);
	}

	/** A GIF whose single frame declares the size, with an empty LZW stream. */
	private static byte[] gifDeclaring(int width, int height) {
		ByteBuffer gif = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
		gif.put(ascii("GIF89a")).putShort((short) width).putShort((short) height).put(new byte[] { 0, 0, 0 });
		gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height);
		gif.put((byte) 0x80); // a local color table of two entries
		gif.put(new byte[] { 0, 0, 0, (byte) 255, (byte) 255, (byte) 255 });
		gif.put((byte) 2); // LZW minimum code size
		gif.put(new byte[] { 1, 0x2C, 0 }); // clear code, end of information
		gif.put((byte) 0x3B);
		return Arrays.copyOf(gif.array(), gif.position());
	}

	/** A real JPEG whose start-of-frame marker is changed to declare the size. */
	private static byte[] jpegDeclaring(int width, int height) {
		byte[] jpeg = jpeg(aLogo(32, 32, BufferedImage.TYPE_INT_RGB));
		for (int i = 2; i + 9 < jpeg.length; i++) {
			if (jpeg[i] == (byte) 0xFF && jpeg[i + 1] == (byte) 0xC0) {
				ByteBuffer.wrap(jpeg, i + 5, 4).putShort((short) height).putShort((short) width);
				return jpeg;
			}
		}
		throw new IllegalStateException("no start-of-frame marker");
	}

	private static byte[] jpegWithComment(byte[] jpeg, byte[] comment) {
		byte[] marker = ByteBuffer.allocate(4)
			.put((byte) 0xFF)
			.put((byte) 0xFE)
			.putShort((short) (comment.length + 2))
			.array();
		return concat(Arrays.copyOf(jpeg, 2), marker, comment, Arrays.copyOfRange(jpeg, 2, jpeg.length));
	}

	private static byte[] startingWithPngSignature(int length) {
		byte[] bytes = new byte[length];
		System.arraycopy(PNG_SIGNATURE, 0, bytes, 0, PNG_SIGNATURE.length);
		return bytes;
	}

	/** A copy with some of its first bytes changed. */
	private static byte[] flipped(byte[] bytes, Random random, int flips, int withinFirst) {
		byte[] copy = bytes.clone();
		int within = Math.min(withinFirst, copy.length);
		for (int i = 0; i < flips; i++) {
			copy[random.nextInt(within)] ^= (byte) (1 + random.nextInt(255));
		}
		return copy;
	}

	private static byte[] randomBytes(Random random, int length) {
		byte[] bytes = new byte[length];
		random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static String latin1(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static long allocatedByThisThread() {
		return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
	}

}
