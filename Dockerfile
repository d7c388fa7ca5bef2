# One image recipe for every service: docker compose passes SERVICE (feedback-service, complaint-service,
# scoring-service, reporting-service, dev-authorization-server or staff-console). Builds from source with Maven alone
# (the console is served as written), runs on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -Ddashboard.skip=true -pl ${SERVICE} -am package \
    && cp ${SERVICE}/target/${SERVICE}-*.jar /app.jar

FROM eclipse-temurin:17-jre
# /var/lib/sqp belongs to the app user: a new named volume mounted there takes over its owner, so the process may
# write to it (dev-authorization-server keeps its signing key there)
RUN useradd --system --uid 10001 app && install -d -o app -m 700 /var/lib/sqp
USER app
COPY --from=build /app.jar /app/app.jar
# a service out of heap exits, and the restart policy starts it again (consumers resume from their committed offsets)
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
