# The backend image: built from the sources with the Maven wrapper, run on a JRE as an unprivileged user.
# docker build -f deploy/backend.Dockerfile -t maillage/backend .
FROM eclipse-temurin:21-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl backend -am install \
 && ./mvnw -B -q -pl backend dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=target/lib

FROM eclipse-temurin:21-jre
# The export directory belongs to the backend's user: a named volume mounted there starts with this ownership.
RUN useradd --system --uid 10001 maillage \
 && mkdir -p /app/var/export && chown maillage:maillage /app/var/export
WORKDIR /app
COPY --from=build /src/backend/target/lib/ lib/
COPY --from=build /src/backend/target/maillage-backend-*.jar lib/
USER 10001
EXPOSE 8080
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*", "fr.maillage.Application"]
