package app.rapport.community;

import java.awt.AlphaComposite;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.jspecify.annotations.Nullable;

import app.rapport.shared.Problem;

/**
 * A coaching community's logo as it is stored: a PNG of at most {@value #MAX_STORED_SIDE}
 * × {@value #MAX_STORED_SIDE} pixels, with the lowercase hex SHA-256 of its bytes.
 * <p>
 * Emails and pages show the logo to every member, but the upload comes from a browser and
 * is untrusted. {@link #read(byte[])} therefore recognizes the type by its magic bytes
 * only (never by a file name or a declared content type), refuses SVG (it can carry
 * scripts) and anything else that is not PNG, JPEG or GIF, reads the dimensions from the
 * header before decoding (a small file can declare billions of pixels), decodes the first
 * frame only and encodes the pixels again as a new PNG. What is stored is therefore made
 * of pixels alone: no metadata (EXIF, comments, text chunks), no trailing or polyglot
 * payload, no animation.
 *
 * @param png the re-encoded PNG
 * @param width its width in pixels
 * @param height its height in pixels
 * @param sha256 the lowercase hex SHA-256 of {@code png}
 */
public record LogoImage(byte[] png, int width, int height, String sha256) {

	/** The upload limit: 1 MiB. */
	public static final int MAX_BYTES = 1_048_576;

	/** Larger uploads are refused from their header, before any pixel is decoded. */
	public static final int MAX_SOURCE_PIXELS_PER_SIDE = 4096;

	/** Smaller uploads are refused: they would show as a blur. */
	public static final int MIN_SIDE = 16;

	/** Stored logos are scaled down to fit a square of this side; never scaled up. */
	public static final int MAX_STORED_SIDE = 512;

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private static final byte[] JPEG_SIGNATURE = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };

	private static final byte[] GIF87A_SIGNATURE = { 'G', 'I', 'F', '8', '7', 'a' };

	private static final byte[] GIF89A_SIGNATURE = { 'G', 'I', 'F', '8', '9', 'a' };

	/** The signature, the IHDR chunk's length and type, then its width and height. */
	private static final int PNG_HEADER_BYTES = 24;

	/**
	 * The stored form: {@code png} must be a PNG whose header gives {@code width} and
	 * {@code height} (both within {@value #MAX_STORED_SIDE}) and {@code sha256} its hash.
	 * The bytes are copied, in and out, so a logo never changes.
	 */
	public LogoImage {
		if (png == null || png.length < PNG_HEADER_BYTES || !startsWith(png, PNG_SIGNATURE)) {
			throw new IllegalArgumentException("a logo is stored as a PNG");
		}
		if (width < 1 || height < 1 || width > MAX_STORED_SIDE || height > MAX_STORED_SIDE
				|| width != bigEndianInt(png, 16) || height != bigEndianInt(png, 20)) {
			throw new IllegalArgumentException("the logo's size does not match its PNG header or is too large");
		}
		png = png.clone();
		if (sha256 == null || !sha256.equals(sha256Hex(png))) {
			throw new IllegalArgumentException("sha256 is not the hash of the logo's bytes");
		}
	}

	/**
	 * Checks an uploaded logo and turns it into a stored one.
	 * @param upload the uploaded bytes, as received
	 * @return the logo, re-encoded as PNG and scaled down to fit
	 * {@value #MAX_STORED_SIDE} × {@value #MAX_STORED_SIDE}
	 * @throws Problem (400) if the upload is missing, not a PNG, JPEG or GIF, not
	 * readable, too small or too large in pixels; (413) if it is larger than
	 * {@link #MAX_BYTES}
	 */
	public static LogoImage read(byte @Nullable [] upload) {
		if (upload == null || upload.length == 0) {
			throw Problem.invalid("Choose an image file to upload.");
		}
		if (upload.length > MAX_BYTES) {
			throw Problem.tooLarge("The logo is larger than 1 MB. Upload a smaller image.");
		}
		String format = formatOf(upload);
		BufferedImage scaled = scaledToFit(decodeFirstFrame(upload, format));
		byte[] png = encodePng(scaled);
		return new LogoImage(png, scaled.getWidth(), scaled.getHeight(), sha256Hex(png));
	}

	/** The ImageIO format name, from the magic bytes alone. */
	private static String formatOf(byte[] upload) {
		if (startsWith(upload, PNG_SIGNATURE)) {
			return "png";
		}
		if (startsWith(upload, JPEG_SIGNATURE)) {
			return "jpeg";
		}
		if (startsWith(upload, GIF87A_SIGNATURE) || startsWith(upload, GIF89A_SIGNATURE)) {
			return "gif";
		}
		throw Problem.invalid("Upload a PNG, JPEG or GIF image.");
	}

	/**
	 * Decodes the first frame with the reader of the detected format only, after checking
	 * the dimensions its header declares. On corrupt input image readers throw unchecked
	 * exceptions as well as IIOException (the GIF reader an IndexOutOfBoundsException for
	 * a file without a frame), so every exception becomes the same 400.
	 */
	private static BufferedImage decodeFirstFrame(byte[] upload, String format) {
		ImageReader reader = readerFor(format);
		// In memory: ImageIO.createImageInputStream would cache in a temporary file
		try (ImageInputStream input = new MemoryCacheImageInputStream(new ByteArrayInputStream(upload))) {
			reader.setInput(input, true, true);
			int width = reader.getWidth(0);
			int height = reader.getHeight(0);
			if (width > MAX_SOURCE_PIXELS_PER_SIDE || height > MAX_SOURCE_PIXELS_PER_SIDE) {
				throw Problem.invalid("The logo is %d × %d pixels; the largest accepted is %d × %d.".formatted(width,
						height, MAX_SOURCE_PIXELS_PER_SIDE, MAX_SOURCE_PIXELS_PER_SIDE));
			}
			if (width < MIN_SIDE || height < MIN_SIDE) {
				throw Problem.invalid("The logo is %d × %d pixels; the smallest accepted is %d × %d.".formatted(width,
						height, MIN_SIDE, MIN_SIDE));
			}
			// Large sources are decoded at a fraction of their size (every n-th pixel),
			// so a
			// 4096 × 4096 upload takes 4 MB of pixels instead of 64 MB; what is left is
			// at
			// least twice the stored size, which the scaling below reduces smoothly.
			int step = Math.max(1, Math.ceilDiv(Math.max(width, height), 2 * MAX_STORED_SIDE));
			ImageReadParam param = reader.getDefaultReadParam();
			param.setSourceSubsampling(step, step, 0, 0);
			BufferedImage image = reader.read(0, param);
			if (image.getWidth() != Math.ceilDiv(width, step) || image.getHeight() != Math.ceilDiv(height, step)) {
				throw Problem.invalid("This file is not a readable image.");
			}
			return image;
		}
		catch (Problem ex) {
			throw ex;
		}
		catch (IOException | RuntimeException ex) {
			throw Problem.invalid("This file is not a readable image.");
		}
		finally {
			reader.dispose();
		}
	}

	private static ImageReader readerFor(String format) {
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
		if (!readers.hasNext()) {
			throw new IllegalStateException("no ImageIO reader for " + format);
		}
		return readers.next();
	}

	/**
	 * A copy in {@code TYPE_INT_ARGB} (so transparency survives), scaled down with its
	 * aspect ratio to fit {@value #MAX_STORED_SIDE} × {@value #MAX_STORED_SIDE}. Large
	 * reductions halve the size step by step: a single bicubic step would skip most
	 * source pixels and alias thin lines and text.
	 */
	private static BufferedImage scaledToFit(BufferedImage source) {
		int width = source.getWidth();
		int height = source.getHeight();
		double factor = Math.min(1.0, Math.min((double) MAX_STORED_SIDE / width, (double) MAX_STORED_SIDE / height));
		int targetWidth = Math.clamp(Math.round(width * factor), 1, MAX_STORED_SIDE);
		int targetHeight = Math.clamp(Math.round(height * factor), 1, MAX_STORED_SIDE);
		BufferedImage current = redrawn(source, width, height);
		while (current.getWidth() != targetWidth || current.getHeight() != targetHeight) {
			current = redrawn(current, Math.max(targetWidth, current.getWidth() / 2),
					Math.max(targetHeight, current.getHeight() / 2));
		}
		return current;
	}

	private static BufferedImage redrawn(BufferedImage source, int width, int height) {
		BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D graphics = target.createGraphics();
		try {
			graphics.setComposite(AlphaComposite.Src);
			graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
			graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
			graphics.setRenderingHint(RenderingHints.KEY_ALPHA_INTERPOLATION,
					RenderingHints.VALUE_ALPHA_INTERPOLATION_QUALITY);
			graphics.drawImage(source, 0, 0, width, height, null);
		}
		finally {
			graphics.dispose();
		}
		return target;
	}

	/** A new PNG without metadata: the JDK writer adds no text chunks of its own. */
	private static byte[] encodePng(BufferedImage image) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, "png", out)) {
				throw new IllegalStateException("no ImageIO writer for PNG");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static boolean startsWith(byte[] bytes, byte[] prefix) {
		return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
	}

	private static int bigEndianInt(byte[] bytes, int offset) {
		return ((bytes[offset] & 0xFF) << 24) | ((bytes[offset + 1] & 0xFF) << 16) | ((bytes[offset + 2] & 0xFF) << 8)
				| (bytes[offset + 3] & 0xFF);
	}

	private static String sha256Hex(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A copy: the stored bytes never change. */
	@Override
	public byte[] png() {
		return png.clone();
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof LogoImage that && width == that.width && height == that.height
				&& sha256.equals(that.sha256) && Arrays.equals(png, that.png);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(png);
	}

	@Override
	public String toString() {
		return "LogoImage[%dx%d, sha256=%s]".formatted(width, height, sha256);
	}

}
