# syntax=docker/dockerfile:1
# The service's image, used by docker-compose.yml for both the command and the query role.

# Build with the project's own wrapper, exactly like a developer's package step; the tests run in CI, not here.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
# The cache mount keeps Maven's download (the wrapper's distribution and the dependencies) between builds.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -q -B package -DskipTests

FROM eclipse-temurin:17-jre
# curl serves the health checks in docker-compose.yml; recent Temurin images no longer ship it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/*
# A fixed numeric uid, so orchestrators can verify that the container does not run as root.
RUN groupadd --system --gid 10001 journey \
    && useradd --system --uid 10001 --gid journey --home-dir /app --shell /usr/sbin/nologin journey \
    && mkdir -p /data \
    && chown journey:journey /data
WORKDIR /app
COPY --from=build /src/app/target/musical-journey.jar /app/musical-journey.jar
USER 10001:10001
# Only used when no database is configured (a quick look with `docker run`): the embedded PostgreSQL's data.
ENV JOURNEY_DATA_DIR=/data/postgres
# The JVM sizes its heap from the container's memory limit; the default 25 % wastes most of a small container.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/musical-journey.jar"]
