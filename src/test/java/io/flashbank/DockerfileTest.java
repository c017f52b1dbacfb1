package io.flashbank;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * No Docker engine runs here, so the Dockerfile's build steps are kept the same as CI's, which run on every build: the
 * Maven command line, the apt packages (but the JDK, which the Temurin base image has) and the FLASHBANK_ variables.
 */
class DockerfileTest {
    private static final Pattern APT_NEED = Pattern.compile("need_apt\\+=\\(([^)]*)\\)");
    private static final Pattern JDK_PACKAGE = Pattern.compile("(openjdk|temurin)-.*");
    private static final Pattern EXPORT = Pattern.compile("export (FLASHBANK_[A-Z_]+=\\S+)");
    private static final String MAVEN_FLAGS = " ${MAVEN_FLAGS}";

    private final List<String> ci = lines(".ci/run");
    private final List<String> dockerfile = lines("Dockerfile");
    private final List<String> buildStage = dockerfile.subList(0, indexOf(dockerfile, "FROM ", 1));

    @Test
    void buildsWithTheMavenCommandLineOfCiWithOnlyTheTestsSkippable() {
        List<String> ciMaven = ci.stream().filter(l -> l.startsWith("mvn ")).toList();
        List<String> imageMaven = buildStage.stream().filter(l -> l.startsWith("RUN mvn ")).toList();
        assertThat(ciMaven).as(".ci/run's mvn lines").hasSize(1);
        assertThat(imageMaven).as("the build stage's mvn lines").hasSize(1);
        assertThat(imageMaven.get(0)).endsWith(MAVEN_FLAGS);
        String image = imageMaven.get(0).substring("RUN ".length(), imageMaven.get(0).length() - MAVEN_FLAGS.length());
        assertThat(image).as("the image's Maven command without ${MAVEN_FLAGS}").isEqualTo(ciMaven.get(0));
        assertThat(buildStage).as("MAVEN_FLAGS only skips the tests by default").contains("ARG MAVEN_FLAGS=-DskipTests");
    }

    @Test
    void installsWhatCiInstallsButTheJdk() {
        Set<String> ciPackages = new TreeSet<>();
        for (String line : ci) {
            Matcher m = APT_NEED.matcher(line);
            while (m.find()) {
                Arrays.stream(m.group(1).trim().split("\\s+")).filter(p -> !JDK_PACKAGE.matcher(p).matches()).forEach(ciPackages::add);
            }
        }
        List<String> installs = buildStage.stream().filter(l -> l.contains("apt-get install")).toList();
        assertThat(installs).as("apt-get install lines of the build stage").hasSize(1);
        String install = installs.get(0);
        Set<String> imagePackages = new TreeSet<>(Arrays.asList(install.substring(install.indexOf(" -q ") + 4)
                .replace("\\", "").trim().split("\\s+")));
        assertThat(ciPackages).as(".ci/run's apt packages").contains("maven", "nodejs", "npm", "pocl-opencl-icd");
        assertThat(imagePackages).as("the build stage's apt packages").isEqualTo(ciPackages);
        assertThat(buildStage.get(indexOf(buildStage, "FROM ", 0))).as("the machine kind CI runs on").startsWith("FROM debian:bookworm");
        assertThat(buildStage).as("the JDK jdk.sh picks").contains("COPY --from=eclipse-temurin:25-jdk-noble /opt/java/openjdk /opt/java/openjdk",
                "ENV JAVA_HOME=/opt/java/openjdk");
    }

    @Test
    void setsTheVariablesCiExports() {
        List<String> exported = new ArrayList<>();
        ci.forEach(l -> {
            Matcher m = EXPORT.matcher(l);
            if (m.matches()) {
                exported.add("ENV " + m.group(1));
            }
        });
        assertThat(exported).as(".ci/run's FLASHBANK_ exports").contains("ENV FLASHBANK_REQUIRE_OPENCL=1");
        assertThat(buildStage).containsAll(exported);
    }

    @Test
    void theRuntimeStageCopiesContractArtifactsThatExistWhereTheDemoReadsThem() {
        List<String> copies = dockerfile.subList(buildStage.size(), dockerfile.size()).stream()
                .filter(l -> l.startsWith("COPY --from=build /src/contracts/")).toList();
        assertThat(copies).hasSize(3);
        for (String copy : copies) {
            String[] parts = copy.split(" ");
            String source = parts[2].substring("/src/".length());
            assertThat(parts[3]).as("where %s lands", source).isEqualTo("/opt/flashbank/" + source);
            assertThat(Path.of(source)).as("built here too").exists();
        }
        assertThat(dockerfile).contains("ENTRYPOINT [\"java\", \"--enable-native-access=ALL-UNNAMED\", \"--sun-misc-unsafe-memory-access=allow\", "
                + "\"-Dflashbank.contracts=/opt/flashbank/contracts\", \"-jar\", \"/opt/flashbank/flashbank.jar\"]");
    }

    private static int indexOf(List<String> lines, String prefix, int occurrence) {
        int seen = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix) && seen++ == occurrence) {
                return i;
            }
        }
        throw new AssertionError("no " + (occurrence + 1) + ". line starting with '" + prefix + "' in " + lines);
    }

    /** The file's lines, trimmed, without comments and blanks. */
    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file)).stream().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file, e);
        }
    }
}
