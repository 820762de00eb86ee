package faceblur.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code faceblur serve} as its own process, the way users run it: same classes as the tests, a separate JVM,
 * so that it can be killed with SIGKILL and started again on the same data.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern SERVE_READY = Pattern.compile("Rekognition API on (\\S+), S3 on (\\S+?),");
    /** A worker has no API: its endpoints are left null. */
    private static final Pattern WORKER_READY = Pattern.compile("faceblur worker: ready()()");
    /** The studio prints its address, token included; it has no S3 endpoint. */
    private static final Pattern STUDIO_READY = Pattern.compile("faceblur studio: open (\\S+) in your browser()");

    private final Process process;
    private final Pattern ready;
    private final StringBuffer log = new StringBuffer();
    private final URI api;
    private final URI s3;
    private final Thread reader;

    private ServerProcess(Process process, Pattern readyLine) {
        this.process = process;
        this.ready = readyLine;
        CompletableFuture<URI[]> ready = new CompletableFuture<>();
        reader = new Thread(() -> readLog(ready), "serve-log");
        reader.setDaemon(true);
        reader.start();
        try {
            URI[] endpoints = ready.get(120, TimeUnit.SECONDS);
            api = endpoints[0];
            s3 = endpoints[1];
        } catch (Exception e) {
            process.destroyForcibly();
            throw new IllegalStateException("faceblur did not start: " + e + "\n" + log, e);
        }
    }

    /** Starts {@code faceblur serve ARGS} with the given extra environment, and waits until it listens. */
    public static ServerProcess start(Map<String, String> environment, String... args) {
        return start("serve", SERVE_READY, environment, args);
    }

    /** Starts {@code faceblur worker ARGS} and waits until it takes work. */
    public static ServerProcess worker(Map<String, String> environment, String... args) {
        return start("worker", WORKER_READY, environment, args);
    }

    /** Starts {@code faceblur studio ARGS}; {@link #api()} is then the printed address with its token. */
    public static ServerProcess studio(Map<String, String> environment, String... args) {
        return start("studio", STUDIO_READY, environment, args);
    }

    /**
     * Starts {@code faceblur SUBCOMMAND ARGS} ("serve" or "studio") in {@code workingDirectory}, where a JVM that
     * dies in native code leaves its hs_err_pid*.log; waits until it listens.
     */
    public static ServerProcess in(Path workingDirectory, String subcommand, Map<String, String> environment,
                                   String... args) {
        return in(workingDirectory, "faceblur.cli.Main", subcommand, environment, args);
    }

    /** As {@link #in(Path, String, Map, String...)}, through another main class that runs faceblur's. */
    public static ServerProcess in(Path workingDirectory, String mainClass, String subcommand,
                                   Map<String, String> environment, String... args) {
        ProcessBuilder pb = builder(mainClass, subcommand, environment, args);
        pb.directory(workingDirectory.toFile());
        return start(pb, subcommand.equals("studio") ? STUDIO_READY : SERVE_READY);
    }

    /**
     * Starts {@code LAUNCHER serve ARGS} in exactly the given environment, nothing inherited from the tests, as a
     * user runs a downloaded faceblur; waits until it listens.
     */
    public static ServerProcess serveWith(Path launcher, Map<String, String> environment, String... args) {
        ProcessBuilder pb = new ProcessBuilder(command(List.of(launcher.toString(), "serve"), args));
        pb.environment().clear();
        pb.environment().putAll(environment);
        return start(pb, SERVE_READY);
    }

    private static ServerProcess start(String subcommand, Pattern ready, Map<String, String> environment,
                                       String... args) {
        return start(builder("faceblur.cli.Main", subcommand, environment, args), ready);
    }

    private static ProcessBuilder builder(String mainClass, String subcommand, Map<String, String> environment,
                                          String... args) {
        ProcessBuilder pb = Jvm.process(mainClass, command(List.of(subcommand), args).toArray(String[]::new));
        pb.environment().put("FACEBLUR_MODEL", Media.model().toString());
        pb.environment().putAll(environment);
        return pb;
    }

    private static List<String> command(List<String> start, String... args) {
        List<String> command = new ArrayList<>(start);
        command.addAll(List.of(args));
        return command;
    }

    private static ServerProcess start(ProcessBuilder pb, Pattern ready) {
        pb.redirectErrorStream(true);
        try {
            return new ServerProcess(pb.start(), ready);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void readLog(CompletableFuture<URI[]> ready) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.append(line).append('\n');
                Matcher m = this.ready.matcher(line);
                if (m.find()) {
                    ready.complete(new URI[]{uri(m.group(1)), uri(m.group(2))});
                }
            }
            ready.completeExceptionally(new IllegalStateException("exited with " + process.waitFor()));
        } catch (IOException | InterruptedException e) {
            ready.completeExceptionally(e);
        }
    }

    private static URI uri(String text) {
        return text.isEmpty() ? null : URI.create(text);
    }

    /** The process id, as nodes name themselves (pid@host) in the pipeline's history. */
    public long pid() {
        return process.pid();
    }

    public URI api() {
        return api;
    }

    public URI s3() {
        return s3;
    }

    public String log() {
        return log.toString();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is cleaned up, as when a machine loses power. */
    public void kill9() {
        process.destroyForcibly();
        waitFor();
    }

    /** GET a path of the API port; returns status and body. */
    public HttpResponse<String> get(String path) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(api.resolve(path))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A pipeline REST call through curl, SigV4-signed for the service {@code faceblur} with any key (a server
     * without keys takes any signature); the answer's JSON.
     */
    public JsonNode rest(String method, String path, String body) throws IOException {
        List<String> command = new ArrayList<>(List.of("curl", "-s", "-X", method, "--aws-sigv4",
                "aws:amz:us-east-1:faceblur", "--user", "ANYKEY:anysecret", api.resolve(path).toString()));
        if (body != null) {
            command.addAll(List.of("-H", "Content-Type: application/json", "--data-binary", body));
        }
        Tools.Result result = Tools.run(command, null);
        if (result.exitCode() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + result.stderr());
        }
        return new ObjectMapper().readTree(result.stdout());
    }

    private void waitFor() {
        try {
            process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM, as a service manager stops it. */
    @Override
    public void close() {
        terminate();
    }

    /**
     * SIGTERM, then waits up to a minute for the process to end (SIGKILL after that); its exit code: 143 for a
     * clean stop on SIGTERM, 134 or 139 when it died in native code, 137 when it had to be killed.
     */
    public int terminate() {
        process.toHandle().destroy(); // Process.destroy() would also close our end of its output: its last lines lost
        waitFor();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        try {
            reader.join(10_000); // the last lines, written as it stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }
}
