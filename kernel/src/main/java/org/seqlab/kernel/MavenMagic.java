package org.seqlab.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code %maven group:artifact:version...}: resolves the artifacts and their runtime dependencies
 * with the Maven installation Seqlab is built with (a throw-away pom and
 * {@code dependency:build-classpath}), so downloads, mirrors and the local repository behave as
 * in the build itself.
 */
final class MavenMagic {
    private static final long TIMEOUT_SECONDS = 600;

    private MavenMagic() {}

    /** The jars of the given coordinates and everything they need at run time. */
    static List<Path> resolve(List<String> coordinates) {
        return resolve(coordinates, "mvn");
    }

    /** {@code mvn} is the Maven launcher to run; tests name one that does not exist. */
    static List<Path> resolve(List<String> coordinates, String mvn) {
        StringBuilder deps = new StringBuilder();
        for (String c : coordinates) {
            String[] p = c.split(":");
            if (p.length != 3 || Arrays.stream(p).anyMatch(String::isBlank)) {
                throw new IllegalArgumentException("'" + c + "' is not group:artifact:version");
            }
            deps.append("<dependency><groupId>").append(xml(p[0])).append("</groupId><artifactId>").append(xml(p[1]))
                    .append("</artifactId><version>").append(xml(p[2])).append("</version></dependency>");
        }
        try {
            Path dir = Files.createTempDirectory("seqlab-maven-");
            Files.writeString(dir.resolve("pom.xml"), "<project xmlns=\"http://maven.apache.org/POM/4.0.0\">"
                    + "<modelVersion>4.0.0</modelVersion><groupId>org.seqlab.magic</groupId>"
                    + "<artifactId>maven-magic</artifactId><version>1</version>"
                    + "<dependencies>" + deps + "</dependencies></project>");
            Path out = dir.resolve("classpath.txt");
            Path log = dir.resolve("mvn.log");
            Process p;
            try {
                p = new ProcessBuilder(mvn, "-q", "-B", "-Dstyle.color=never",
                        "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath",
                        "-Dmdep.outputFile=" + out, "-Dmdep.includeScope=runtime")
                        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            } catch (IOException e) {
                throw new IllegalStateException("%maven runs the command '" + mvn + "' (Apache Maven), which could not be started ("
                        + e.getMessage() + "). Install Maven (Debian: sudo apt-get install maven) and put it on the PATH,"
                        + " or download the jars yourself and add them with %jars DIR/*.jar", e);
            }
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("mvn did not finish within " + TIMEOUT_SECONDS + " s");
            }
            if (p.exitValue() != 0 || !Files.exists(out)) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
                throw new IllegalStateException("mvn could not resolve " + String.join(" ", coordinates) + ":\n" + tail);
            }
            List<Path> jars = new ArrayList<>();
            for (String entry : Files.readString(out).strip().split(java.io.File.pathSeparator)) {
                if (!entry.isBlank()) {
                    jars.add(Path.of(entry));
                }
            }
            return jars;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run mvn for %maven: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("%maven was interrupted", e);
        }
    }

    private static String xml(String s) {
        return s.strip().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
