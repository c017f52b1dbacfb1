# FlashBank's container image: built with the commands CI runs (.ci/run), run as a non-root user (README: Container).
# DockerfileTest keeps the apt packages and the Maven command line below the same as .ci/run's.

# Build stage: Debian bookworm, the machine kind CI runs on, with what .ci/run installs (Debian's chromium for the
# dashboard's browser test: Ubuntu's is a snap stub that cannot run in a container) and the Temurin 25 JDK copied from
# its official image, where jdk.sh finds it through JAVA_HOME.
FROM debian:bookworm AS build
COPY --from=eclipse-temurin:25-jdk-noble /opt/java/openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk
ENV PATH=/opt/java/openjdk/bin:$PATH
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm maven pocl-opencl-icd ocl-icd-libopencl1 chromium \
    && rm -rf /var/lib/apt/lists/*
# The embedded PostgreSQL of the integration tests refuses to run as root: build as a plain user.
RUN useradd --create-home --uid 10001 build
COPY --chown=build:build . /src
USER build
WORKDIR /src
RUN node --version && java -version 2>&1 | head -1
# As in CI: the OpenCL tests fail (rather than skip) when no OpenCL device is found.
ENV FLASHBANK_REQUIRE_OPENCL=1
# The tests are skipped in the image by default; `--build-arg MAVEN_FLAGS=` runs all of them, as CI does.
ARG MAVEN_FLAGS=-DskipTests
RUN mvn -B -ntp verify ${MAVEN_FLAGS}

# Runtime stage: the jar and its libraries, and what `demo` needs: forge's artifacts, the Uniswap V2 core bytecode and
# the pinned anvil binary.
FROM eclipse-temurin:25-jre-noble
# OpenCL on the CPU (PoCL), so the scan kernel can run on OpenCL as it does in CI; without it the JVM kernel runs.
RUN apt-get update -q \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -q pocl-opencl-icd ocl-icd-libopencl1 \
    && rm -rf /var/lib/apt/lists/*
RUN useradd --create-home --home-dir /home/flashbank --uid 10001 flashbank
COPY --from=build /src/target/flashbank.jar /opt/flashbank/flashbank.jar
COPY --from=build /src/target/lib /opt/flashbank/lib
COPY --from=build /src/contracts/out /opt/flashbank/contracts/out
COPY --from=build /src/contracts/node_modules/@uniswap/v2-core/build /opt/flashbank/contracts/node_modules/@uniswap/v2-core/build
COPY --from=build /src/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil /opt/flashbank/contracts/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil
USER flashbank
# The embedded ledger (database.embeddedDir, default .flashbank/postgres) and the demo's state live here: mount a
# volume to keep them.
WORKDIR /home/flashbank
EXPOSE 8080
# As ./flashbank: Aparapi's JNI library and Netty's off-heap memory are allowed on JDK 25 rather than warned about.
ENTRYPOINT ["java", "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-Dflashbank.contracts=/opt/flashbank/contracts", "-jar", "/opt/flashbank/flashbank.jar"]
CMD ["run", "--config", "/config/flashbank.yaml"]
