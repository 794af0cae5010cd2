import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

/**
 * A minimal SMTP server that accepts every message and appends its Message-ID to a file, one line each.
 * Usage: java bench/SmtpSink.java PORT FILE
 */
public class SmtpSink {

	public static void main(String[] args) throws Exception {
		int port = Integer.parseInt(args[0]);
		Path out = Path.of(args[1]);
		Files.writeString(out, "", StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
		try (ServerSocket server = new ServerSocket(port, 200, java.net.InetAddress.getLoopbackAddress());
				var pool = Executors.newVirtualThreadPerTaskExecutor()) {
			while (true) {
				Socket socket = server.accept();
				pool.submit(() -> serve(socket, out));
			}
		}
	}

	static void serve(Socket socket, Path out) {
		try (socket;
				BufferedReader in = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
				OutputStream raw = socket.getOutputStream();
				PrintWriter reply = new PrintWriter(raw, true, StandardCharsets.UTF_8)) {
			reply.print("220 sink ESMTP\r\n");
			reply.flush();
			String line;
			while ((line = in.readLine()) != null) {
				String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
				switch (command) {
					case "EHLO", "HELO" -> reply.print("250-sink\r\n250 8BITMIME\r\n");
					case "DATA" -> {
						reply.print("354 go ahead\r\n");
						reply.flush();
						String messageId = "";
						String data;
						while ((data = in.readLine()) != null && !data.equals(".")) {
							if (messageId.isEmpty() && data.regionMatches(true, 0, "Message-ID:", 0, 11)) {
								messageId = data.substring(11).strip();
							}
						}
						if (data == null) {
							return; // the client died mid-message: nothing was accepted
						}
						synchronized (SmtpSink.class) {
							Files.writeString(out, messageId + "\n", StandardOpenOption.APPEND);
						}
						reply.print("250 accepted\r\n");
					}
					case "QUIT" -> {
						reply.print("221 bye\r\n");
						reply.flush();
						return;
					}
					default -> reply.print("250 ok\r\n");
				}
				reply.flush();
			}
		}
		catch (Exception ex) {
			// a client that hangs up mid-conversation is normal when the application is killed
		}
	}

}
