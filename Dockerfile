# One image recipe for every service: docker compose passes SERVICE (feedback-service, complaint-service,
# scoring-service, reporting-service or dev-authorization-server). Builds from source with Maven, runs on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
ARG SERVICE
# node and npm bundle the staff console's browser assets at build time (staff-console only)
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN mvn -q -B -DskipTests -pl ${SERVICE} -am package \
    && cp ${SERVICE}/target/${SERVICE}-*.jar /app.jar

FROM eclipse-temurin:17-jre
# /var/lib/sqp belongs to the app user: a new named volume mounted there takes over its owner, so the process may
# write to it (dev-authorization-server keeps its signing key there)
RUN useradd --system --uid 10001 app && install -d -o app -m 700 /var/lib/sqp
USER app
COPY --from=build /app.jar /app/app.jar
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
