package org.bluemed.delivery.cli.verify;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * The HTTP side of every check: one request, bounded in time, never followed through redirects, and
 * a failure turned into a reason a person can act on (refused, timed out, TLS).
 */
public final class HttpCheck {
  /** What a check looks at in an answer. Header names are case-insensitive. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    public String contentType() {
      String type = header("content-type");
      return type == null ? "" : type;
    }

    public boolean isHtml() {
      return contentType().startsWith("text/html");
    }

    public boolean isJson() {
      return contentType().startsWith("application/json");
    }

    /** {@code 404 text/plain}, for failure lines. */
    public String summary() {
      return status + (contentType().isEmpty() ? " with no content type" : " " + contentType());
    }
  }

  /** The target did not answer; the message says why in words. */
  public static final class NoAnswer extends Exception {
    NoAnswer(String message) {
      super(message);
    }
  }

  private final Duration timeout;
  private final HttpClient http;

  public HttpCheck(Duration timeout) {
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  public Duration timeout() {
    return timeout;
  }

  public Answer get(String url, Map<String, String> headers) throws NoAnswer {
    return send("GET", url, headers);
  }

  public Answer send(String method, String url, Map<String, String> headers) throws NoAnswer {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      return new Answer(
          response.statusCode(), lowerCase(response.headers().map()), response.body());
    } catch (IOException e) {
      throw new NoAnswer(reason(url, e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NoAnswer(method + " " + url + " was interrupted");
    }
  }

  /**
   * A GET with a Host header of our choosing. The JDK client refuses to set Host, and load
   * balancers probe targets by IP address, so this one request is written by hand over a socket
   * (TLS with the real host name as SNI where the URL is https).
   */
  public Answer getWithHost(String url, String host) throws NoAnswer {
    URI uri = URI.create(url);
    boolean tls = "https".equals(uri.getScheme());
    int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    int millis = (int) timeout.toMillis();
    try (Socket socket = open(uri.getHost(), port, tls, millis)) {
      socket.setSoTimeout(millis);
      OutputStream out = socket.getOutputStream();
      out.write(
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + "\r\nAccept: */*\r\n"
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      return parse(socket.getInputStream(), url);
    } catch (IOException e) {
      throw new NoAnswer(reason(url, e));
    }
  }

  private static Socket open(String host, int port, boolean tls, int millis) throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(host, port), millis);
    if (!tls) {
      return plain;
    }
    SSLSocket socket =
        (SSLSocket)
            ((SSLSocketFactory) SSLSocketFactory.getDefault())
                .createSocket(plain, host, port, true);
    SSLParameters params = socket.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (!Character.isDigit(host.charAt(0))) {
      params.setServerNames(List.of(new SNIHostName(host)));
    }
    socket.setSSLParameters(params);
    socket.startHandshake();
    return socket;
  }

  /** Enough of HTTP/1.1 for one small answer: status line, headers, body until close. */
  private static Answer parse(InputStream in, String url) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    in.transferTo(all);
    String text = all.toString(StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (end < 0 || !text.startsWith("HTTP/")) {
      throw new IOException(url + " answered something that is not HTTP");
    }
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, List<String>> headers = new TreeMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      if (colon > 0) {
        headers.put(
            lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
            List.of(lines[i].substring(colon + 1).strip()));
      }
    }
    String body = text.substring(end + 4);
    if ("chunked"
        .equalsIgnoreCase(
            String.valueOf(headers.getOrDefault("transfer-encoding", List.of("")).get(0)))) {
      body = unchunk(body);
    }
    return new Answer(status, headers, body);
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (at < chunked.length()) {
      int lineEnd = chunked.indexOf("\r\n", at);
      if (lineEnd < 0) {
        break;
      }
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].strip(), 16);
      if (size == 0) {
        break;
      }
      body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    return body.toString();
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> lower = new TreeMap<>();
    headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), v));
    return lower;
  }

  /** The cause of a failed request in words; the JDK's own messages are often empty. */
  private String reason(String url, IOException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof SSLException)) {
      cause = cause.getCause();
    }
    String seconds = seconds(timeout);
    if (e instanceof HttpConnectTimeoutException) {
      return url + " did not accept a connection within " + seconds;
    }
    if (e instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
      return url + " did not answer within " + seconds;
    }
    if (cause instanceof SSLException || e instanceof SSLException) {
      return "TLS with " + url + " failed: " + firstLine(cause.getMessage());
    }
    if (cause instanceof ConnectException || cause instanceof ClosedChannelException) {
      return url + " refused the connection (nothing listens there)";
    }
    // The JDK's client reports a name that does not resolve as either of these.
    if (cause instanceof UnknownHostException
        || cause instanceof java.nio.channels.UnresolvedAddressException) {
      return url + ": the host name does not resolve";
    }
    String detail = firstLine(cause.getMessage());
    return url
        + " did not answer: "
        + cause.getClass().getSimpleName()
        + (detail.isEmpty() ? "" : " " + detail);
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }

  /** Short durations as failure lines state them: {@code 2 s}, {@code 0.5 s}. */
  static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0
        ? d.toSeconds() + " s"
        : "%.1f s".formatted(d.toMillis() / 1000.0);
  }
}
