# syntax=docker/dockerfile:1.7
# transcription-worker with whisper.cpp built for CUDA, for NVIDIA GPUs (GKE's L4 pool, or a local GPU with the
# NVIDIA Container Toolkit).
#
# How the CUDA build gets loaded: whisper-jni (io.github.givimad:whisper-jni:1.7.1) normally extracts its CPU
# natives (libwhisper-jni.so, libwhisper.so.1, libggml.so) from its jar. When the system property
# io.github.givimad.whisperjni.libdir is set, it skips the extraction and System.load()s
# <libdir>/libwhisper-jni.so instead; the dynamic linker then resolves that library's dependencies
# libwhisper.so.1 and libggml.so through LD_LIBRARY_PATH. So this image
#   1. builds whisper.cpp v1.7.1 (the version whisper-jni 1.7.1 binds) as shared libraries with GGML_CUDA=ON,
#   2. takes libwhisper-jni.so (the thin JNI layer, which only calls whisper.h) from the whisper-jni jar,
#   3. puts the three into /opt/whisper/lib and points libdir and LD_LIBRARY_PATH there.
# The model file (ggml-*.bin) is not in the image: on GKE an init container fetches it from the models bucket and
# checks its SHA-256 (terraform/), locally it is mounted; DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL names it.
# Base images are build arguments, so the image also builds from local or mirrored bases.

ARG CUDA_DEVEL_IMAGE=nvidia/cuda:12.4.1-devel-ubuntu22.04
ARG CUDA_RUNTIME_IMAGE=nvidia/cuda:12.4.1-runtime-ubuntu22.04
ARG JDK_IMAGE=eclipse-temurin:21-jdk-jammy
ARG JRE_IMAGE=eclipse-temurin:21-jre-jammy
# 75 T4, 80 A100, 86 A10/RTX 30, 89 L4/RTX 40, 90 H100.
ARG CUDA_ARCHITECTURES="75;80;86;89;90"
ARG WHISPER_CPP_VERSION=v1.7.1

FROM ${CUDA_DEVEL_IMAGE} AS whisper
ARG CUDA_ARCHITECTURES
ARG WHISPER_CPP_VERSION
RUN apt-get update && apt-get install -y --no-install-recommends git cmake build-essential ca-certificates \
    && rm -rf /var/lib/apt/lists/*
RUN git clone --depth 1 --branch "${WHISPER_CPP_VERSION}" https://github.com/ggerganov/whisper.cpp /whisper.cpp
WORKDIR /whisper.cpp
RUN cmake -B build -DCMAKE_BUILD_TYPE=Release -DBUILD_SHARED_LIBS=ON -DGGML_CUDA=ON \
        -DCMAKE_CUDA_ARCHITECTURES="${CUDA_ARCHITECTURES}" \
        -DWHISPER_BUILD_EXAMPLES=OFF -DWHISPER_BUILD_TESTS=OFF \
    && cmake --build build -j"$(nproc)" \
    && mkdir -p /opt/whisper/lib \
    && find build -name 'libwhisper.so*' -exec cp -P {} /opt/whisper/lib/ \; \
    && find build -name 'libggml*.so*' -exec cp -P {} /opt/whisper/lib/ \;

FROM ${JDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl transcription-worker -am package -DskipTests && \
    cp transcription-worker/target/transcription-worker-*.jar /tmp/app.jar && \
    mkdir /out && cd /out && java -Djarmode=tools -jar /tmp/app.jar extract --destination app && \
    mkdir -p /out/whisper-jni && cd /out/whisper-jni && \
    jar xf "$(ls /out/app/lib/whisper-jni-*.jar)" debian-amd64/libwhisper-jni.so

FROM ${JRE_IMAGE} AS jre

FROM ${CUDA_RUNTIME_IMAGE}
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl ffmpeg ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=jre /opt/java/openjdk /opt/java/openjdk
COPY --from=whisper /opt/whisper/lib /opt/whisper/lib
COPY --from=build /out/whisper-jni/debian-amd64/libwhisper-jni.so /opt/whisper/lib/
RUN useradd --uid 10001 --home-dir /app --shell /usr/sbin/nologin daybook \
    && mkdir -p /var/lib/daybook/storage /var/lib/daybook/models \
    && chown -R daybook /var/lib/daybook
COPY --from=build --chown=daybook /out/app /app
USER daybook
WORKDIR /app
ENV JAVA_HOME=/opt/java/openjdk \
    PATH=/opt/java/openjdk/bin:${PATH} \
    LD_LIBRARY_PATH=/opt/whisper/lib \
    DAYBOOK_STORAGE_ROOT=/var/lib/daybook/storage \
    DAYBOOK_BIND_ADDRESS=0.0.0.0 \
    DAYBOOK_TRANSCRIPTION_ENGINES=whisper-gpu,vosk \
    DAYBOOK_TRANSCRIPTION_WHISPER_GPU_MODEL=/models/ggml-base.bin \
    DAYBOOK_TRANSCRIPTION_WHISPER_GPU_USEGPU=true \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Dio.github.givimad.whisperjni.libdir=/opt/whisper/lib"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
