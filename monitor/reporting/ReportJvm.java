/*
 * The report's JVM, started while the checks run (monitor/reporting/report_jvm.py): it builds a small
 * report first, so that its classes are loaded and its code compiled, then waits for the one build it
 * was started for, given as one line of standard input (the Allure command line's arguments,
 * tab-separated), runs it as the Allure command line does and exits with its exit code. A build in a
 * JVM that has built once takes a third of a first build's time. Standard input closed before that
 * line (the monitor builds no report, or is gone), or the monitor gone during the build: it exits at
 * once. A warm-up that fails only leaves the build cold.
 *
 * Arguments: the Allure command line's home, the warm-up's results folder, a folder of its own for the
 * warm-up's report (the monitor deletes it; this JVM too, when it ends without a build), the monitor's
 * process id.
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
    /** Printed once the warm-up is over (report_jvm.READY). */
    static final String READY = "report JVM ready";
    static final int MONITOR_GONE = 137;

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(args[0]);
        Path scratch = Paths.get(args[2]);
        ProcessHandle.of(Long.parseLong(args[3]))
            .ifPresent(monitor -> monitor.onExit().thenRun(() -> end(scratch, MONITOR_GONE)));
        BlockingQueue<String> request = new ArrayBlockingQueue<>(1);
        Thread reader = new Thread(() -> {
            String line;
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                line = in.readLine();
            } catch (IOException closed) {
                line = null;
            }
            if (line == null) {
                end(scratch, 0);
            }
            request.add(line);
        }, "request");
        reader.setDaemon(true);
        reader.start();

        try {
            build(home, "generate", args[1], "-o", scratch.resolve("report").toString(), "--clean", "--single-file");
            System.gc();  // the warm-up's garbage, not kept through the checks
        } catch (Throwable warmUpFailed) {  // the run's build is tried all the same
            System.out.println("warm-up failed: " + warmUpFailed);
        }
        System.out.println(READY);
        System.out.flush();

        int code = build(home, request.take().split("\t"));
        System.out.flush();
        Runtime.getRuntime().halt(code);  // nothing is left to run: no shutdown hooks to wait for
    }

    /** Ends the JVM at once; its scratch folder goes first (twice: the warm-up may be writing into it). */
    static void end(Path scratch, int code) {
        delete(scratch);
        delete(scratch);
        Runtime.getRuntime().halt(code);
    }

    static void delete(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | RuntimeException gone) {
            // already gone, or changing under the walk: the second walk takes what is left
        }
    }

    static int build(Path home, String... args) {
        CommandLine commandLine = new CommandLine(home);
        return commandLine.parse(args).orElseGet(commandLine::run).getCode();
    }
}
