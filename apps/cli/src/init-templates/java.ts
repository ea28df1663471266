/** `project init java`: a Java 21+ server using the JDK's com.sun.net.httpserver, run as a single source file. */
import type { Template } from './template-types.ts';

export const java: Template = {
  language: 'java',
  label: 'Java 21+ (com.sun.net.httpserver, no dependencies)',
  command: 'java Main.java',
  startTimeout: 60,
  files: {
    'Main.java': `// A minimal bookmarks API: for now it only answers GET /health. Build the rest stage by stage.
import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

public class Main {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", exchange -> {
            boolean health = exchange.getRequestMethod().equals("GET") && exchange.getRequestURI().getPath().equals("/health");
            byte[] body = (health ? "{\\"status\\":\\"ok\\"}" : "{\\"error\\":{\\"message\\":\\"Not found\\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(health ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        System.out.println("{\\"level\\":\\"info\\",\\"msg\\":\\"listening\\",\\"port\\":" + port + "}");
    }
}
`,
  },
};
