/*
 * The report's JVM, started while the checks run (monitor/reporting/report_jvm.py): it builds a small
 * report first, so that its classes are loaded and its code compiled, then waits for the one build it
 * was started for, given as one line of standard input (the Allure command line's arguments,
 * tab-separated), runs it as the Allure command line does and exits with its exit code. A build in a
 * JVM that has built once takes a third of a first build's time. Standard input closed before that
 * line (the monitor is gone, or builds no report): it exits at once, leaving nothing behind.
 *
 * Arguments: the Allure command line's home, the warm-up's results folder.
 */
import io.qameta.allure.CommandLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.stream.Stream;

public final class ReportJvm {
    /** Printed once the warm-up is over: the build from now on takes the shorter time. */
    static final String READY = "report JVM ready";

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(args[0]);
        Path warmUpReport = Files.createTempDirectory("focus-report-warm-up-");
        BlockingQueue<String> request = new ArrayBlockingQueue<>(1);
        Thread reader = new Thread(() -> {
            String line = null;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                line = in.readLine();
            } catch (IOException closed) {
                line = null;
            }
            if (line == null) {
                delete(warmUpReport);
                Runtime.getRuntime().halt(0);
            }
            request.add(line);
        }, "request");
        reader.setDaemon(true);
        reader.start();

        build(home, "generate", args[1], "-o", warmUpReport.toString(), "--clean", "--single-file");
        delete(warmUpReport);
        System.gc();  // the warm-up's garbage, not kept through the checks
        System.out.println(READY);
        System.out.flush();

        int code = build(home, request.take().split("\t"));
        System.out.flush();
        Runtime.getRuntime().halt(code);  // nothing is left to run: no shutdown hooks to wait for
    }

    static int build(Path home, String... args) {
        CommandLine commandLine = new CommandLine(home);
        return commandLine.parse(args).orElseGet(commandLine::run).getCode();
    }

    static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException gone) {
            // already gone, or being written by the warm-up that this exit cuts short
        }
    }
}
