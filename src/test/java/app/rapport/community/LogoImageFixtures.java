package app.rapport.community;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;

import javax.imageio.ImageIO;

/** Images made on the spot for logo tests: no binary fixtures in the repository. */
final class LogoImageFixtures {

	private LogoImageFixtures() {
	}

	static byte[] png(int width, int height) {
		return encode(picture(width, height), "png");
	}

	static byte[] jpeg(int width, int height) {
		BufferedImage rgb = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = rgb.createGraphics();
		g.drawImage(picture(width, height), 0, 0, null);
		g.dispose();
		return encode(rgb, "jpeg");
	}

	/** The PNG signature followed by bytes that are no image. */
	static byte[] pngHeaderThenJunk() {
		byte[] bytes = new byte[512];
		Arrays.fill(bytes, (byte) 0x41);
		byte[] signature = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
		System.arraycopy(signature, 0, bytes, 0, signature.length);
		return bytes;
	}

	private static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
		Graphics2D g = image.createGraphics();
		g.setColor(new Color(0x1f6f5c));
		g.fillRect(0, 0, width, height);
		g.setColor(Color.WHITE);
		g.fillOval(width / 4, height / 4, width / 2, height / 2);
		g.dispose();
		return image;
	}

	private static byte[] encode(BufferedImage image, String format) {
		try {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
